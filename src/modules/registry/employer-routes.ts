import { Readable, Transform } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { searchName } from '../regions/names.ts';
import { addEmployerUser, assertEmployerAccess, employerQuery, employersOfUser, registerEmployer, usersOfEmployer, type EmployerView } from './employers.ts';
import { changeWage, endEmployment, hireWorker, listWorkers, wageHistoryOfPerson } from './workforce.ts';
import { personOfUser } from './officer-routes.ts';
import { applyWorkforceUpload, errorReportCsv, getUpload, uploadErrors, uploadWorkforce, WORKFORCE_COLUMNS } from './workforce-upload.ts';

const STAFF = ['officer', 'supervisor', 'admin'] as const;
const READERS = ['employer_admin', 'officer', 'supervisor', 'case_manager', 'admin', 'auditor'] as const;
const WRITERS = ['employer_admin', 'officer', 'supervisor'] as const;
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const actorOf = (request: FastifyRequest) => ({ userId: request.user?.id ?? null, role: request.user?.role ?? 'anonymous' });
const Id = Type.Integer({ minimum: 1 });
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const MonthString = Type.String({ pattern: '^\\d{4}-\\d{2}$' });

const Employer = Type.Object({
  id: Type.Integer(), npp: Type.String(), legalName: Type.String(), sector: Type.String(), riskClass: Type.Integer(), sizeClass: Type.String(),
  address: Type.String(), villageCode: Type.String(), regencyCode: Type.String(), branchId: Type.Integer(), branchName: Type.String(),
  laborIntensive: Type.Boolean(), status: Type.String(), openEmployments: Type.Integer(),
});
const Worker = Type.Object({
  employmentId: Type.Integer(), personId: Type.Integer(), nikMasked: Type.String(), fullName: Type.String(), employeeRef: Type.Union([Type.String(), Type.Null()]),
  contractType: Type.String(), startDate: Type.String(), endDate: Type.Union([Type.String(), Type.Null()]), endReason: Type.Union([Type.String(), Type.Null()]),
  wage: Type.Union([Type.Integer(), Type.Null()]), wageMonth: Type.Union([Type.String(), Type.Null()]), kpj: Type.String(),
});
const Upload = Type.Object({
  id: Type.Integer(), employerId: Type.Integer(), fileName: Type.String(), format: Type.String(), status: Type.String(), totalRows: Type.Integer(),
  errorRows: Type.Integer(), summary: Type.Record(Type.String(), Type.Integer()), createdAt: Type.String(), appliedAt: Type.Union([Type.String(), Type.Null()]),
  repeated: Type.Boolean(),
  errors: Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), rule: Type.String(), value: Type.Union([Type.String(), Type.Null()]), message: Type.String() })),
});
const EmployerParams = Type.Object({ id: Id });
const EmploymentParams = Type.Object({ id: Id, employmentId: Id });
const UploadParams = Type.Object({ id: Id, uploadId: Id });

/** Refuses a file larger than the limit while it streams in, before it fills memory or disk. */
function limited(stream: Readable, max: number): Readable {
  let seen = 0;
  return stream.pipe(new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(new AppError(413, 'body_too_large', { limit: max }));
      else done(null, chunk);
    },
  }));
}

function formatOf(contentType: string | undefined, fileName: string): 'csv' | 'xlsx' | null {
  if (contentType?.startsWith('text/csv')) return 'csv';
  if (contentType?.startsWith(XLSX_TYPE)) return 'xlsx';
  if (/\.csv$/i.test(fileName)) return 'csv';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return null;
}

export async function employerRoutes(app: App) {
  // workforce files arrive as the raw request body and are read as a stream, never buffered whole
  app.addContentTypeParser(['text/csv', XLSX_TYPE, 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  app.post('/api/v1/employers', {
    config: { access: { roles: STAFF } },
    schema: {
      tags: ['employers'], summary: 'Daftarkan pemberi kerja / register an employer',
      body: Type.Object({
        legalName: Type.String({ minLength: 2, maxLength: 200 }),
        sector: Type.String({ minLength: 2, maxLength: 100 }),
        riskClass: Type.Integer({ minimum: 1, maximum: 5, description: 'Kelompok risiko JKK 1 (sangat rendah) s.d. 5 (sangat tinggi)' }),
        sizeClass: Type.Union([Type.Literal('micro'), Type.Literal('small'), Type.Literal('medium'), Type.Literal('large')]),
        address: Type.String({ minLength: 5, maxLength: 300 }),
        villageCode: Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' }),
        laborIntensive: Type.Optional(Type.Boolean()),
        admin: Type.Optional(Type.Object({
          username: Type.String({ pattern: '^[a-z0-9._-]{3,64}$' }), displayName: Type.String({ minLength: 2, maxLength: 120 }),
          password: Type.String({ minLength: 12, maxLength: 200 }), email: Type.Optional(Type.String({ format: 'email' })),
        }, { additionalProperties: false })),
      }, { additionalProperties: false }),
      response: responses({ 201: Type.Object({ id: Type.Integer(), npp: Type.String(), branchName: Type.String() }) }),
    },
  }, async (request, reply) => {
    return reply.status(201).send(await registerEmployer(app.db, request.body, actorOf(request), request.id));
  });

  app.get('/api/v1/employers', {
    config: { access: { roles: READERS } },
    schema: {
      tags: ['employers'], summary: 'Daftar pemberi kerja dalam lingkup Anda / employers within your scope',
      querystring: Type.Object({ q: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Employer) }) }),
    },
  }, async (request) => {
    const user = requireUser(request);
    if (user.role === 'employer_admin') return { items: await employersOfUser(app.db, user.id) };
    let q = employerQuery(app.db).orderBy('e.legal_name').limit(request.query.limit);
    if (request.query.q) q = q.where('e.search_name', 'like', `%${searchName(request.query.q)}%`);
    if (!user.scope.national) {
      const prefixes = user.scope.regionPrefixes;
      if (!prefixes.length) return { items: [] };
      q = q.where((eb) => eb.or(prefixes.flatMap((p) => [eb('e.regency_code', '=', p), eb('e.regency_code', 'like', `${p}.%`)])));
    }
    return { items: (await q.execute()) as EmployerView[] };
  });

  app.get('/api/v1/employers/:id', {
    config: { access: { roles: READERS } },
    schema: { tags: ['employers'], summary: 'Satu pemberi kerja / an employer', params: EmployerParams, response: responses({ 200: Employer }) },
  }, async (request) => assertEmployerAccess(app.db, request, request.params.id));

  app.get('/api/v1/employers/:id/users', {
    config: { access: { roles: ['employer_admin', 'officer', 'supervisor', 'admin'] } },
    schema: {
      tags: ['employers'], summary: 'Akun pengguna perusahaan / the employer\'s user accounts', params: EmployerParams,
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), username: Type.String(), displayName: Type.String(), disabled: Type.Boolean() })) }) }),
    },
  }, async (request) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    return { items: await usersOfEmployer(app.db, request.params.id) };
  });

  app.post('/api/v1/employers/:id/users', {
    config: { access: { roles: ['employer_admin', 'officer', 'supervisor'] } },
    schema: {
      tags: ['employers'], summary: 'Tambah akun HRD perusahaan / add an HR account for the employer', params: EmployerParams,
      body: Type.Object({
        username: Type.String({ pattern: '^[a-z0-9._-]{3,64}$' }), displayName: Type.String({ minLength: 2, maxLength: 120 }),
        password: Type.String({ minLength: 12, maxLength: 200 }), email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
      }, { additionalProperties: false }),
      response: responses({ 201: Type.Object({ id: Type.Integer() }) }),
    },
  }, async (request, reply) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    return reply.status(201).send({ id: await addEmployerUser(app.db, request.params.id, request.body, actorOf(request), request.id) });
  });

  app.get('/api/v1/employers/:id/workers', {
    config: { access: { roles: READERS } },
    schema: {
      tags: ['workforce'], summary: 'Tenaga kerja / workforce',
      params: EmployerParams,
      querystring: Type.Object({
        status: Type.Union([Type.Literal('open'), Type.Literal('all')], { default: 'open' }),
        q: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
        limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Worker), total: Type.Integer() }) }),
    },
  }, async (request) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    const { status, ...rest } = request.query;
    return listWorkers(app.db, request.params.id, { open: status === 'open', ...rest });
  });

  app.post('/api/v1/employers/:id/workers', {
    config: { access: { roles: WRITERS } },
    schema: {
      tags: ['workforce'], summary: 'Laporkan pekerja baru / report a joiner',
      params: EmployerParams,
      body: Type.Object({
        nik: Type.String({ maxLength: 32 }), fullName: Type.String({ minLength: 2, maxLength: 120 }), birthDate: DateString,
        sex: Type.Union([Type.Literal('M'), Type.Literal('F')]), phone: Type.Optional(Type.String({ maxLength: 20 })),
        employeeRef: Type.Optional(Type.String({ maxLength: 40 })), contractType: Type.Union([Type.Literal('PKWT'), Type.Literal('PKWTT')]),
        startDate: DateString, wage: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }), wageMonth: Type.Optional(MonthString),
      }, { additionalProperties: false }),
      response: responses({ 201: Type.Object({ employmentId: Type.Integer(), personId: Type.Integer(), participantId: Type.Integer() }) }),
    },
  }, async (request, reply) => {
    const employer = await assertEmployerAccess(app.db, request, request.params.id);
    return reply.status(201).send(await hireWorker(app.db, employer, request.body, actorOf(request), request.id));
  });

  app.post('/api/v1/employers/:id/workers/:employmentId/wages', {
    config: { access: { roles: WRITERS } },
    schema: {
      tags: ['workforce'], summary: 'Laporkan perubahan upah / report a wage change',
      params: EmploymentParams,
      body: Type.Object({ effectiveMonth: MonthString, wage: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }) }, { additionalProperties: false }),
      response: responses({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    await changeWage(app.db, request.params.id, request.params.employmentId, request.body, actorOf(request), request.id);
    reply.code(204);
    return null;
  });

  app.post('/api/v1/employers/:id/workers/:employmentId/end', {
    config: { access: { roles: WRITERS } },
    schema: {
      tags: ['workforce'], summary: 'Laporkan pekerja berhenti / report a leaver',
      params: EmploymentParams,
      body: Type.Object({
        endDate: DateString,
        endReason: Type.Union([Type.Literal('resignation'), Type.Literal('dismissal'), Type.Literal('contract_end'), Type.Literal('retirement'), Type.Literal('death')]),
      }, { additionalProperties: false }),
      response: responses({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    await endEmployment(app.db, request.params.id, request.params.employmentId, request.body, actorOf(request), request.id);
    reply.code(204);
    return null;
  });

  app.get('/api/v1/employers/:id/workforce-template.csv', {
    config: { access: { roles: READERS } },
    schema: { tags: ['workforce'], summary: 'Contoh berkas tenaga kerja / workforce file template', params: EmployerParams, response: responses({ 200: Type.String() }) },
  }, async (request, reply) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    const example = ['3515140508680001', 'Budi Santoso', '1968-08-05', 'L', 'P-001', 'PKWTT', '2020-01-02', '5000000', '', '', ''];
    reply.header('content-disposition', 'attachment; filename="tenaga-kerja.csv"').type('text/csv; charset=utf-8');
    return `${WORKFORCE_COLUMNS.join(',')}\n${example.join(',')}\n`;
  });

  app.post('/api/v1/employers/:id/workforce-uploads', {
    config: { access: { roles: WRITERS } },
    bodyLimit: MAX_FILE_BYTES,
    schema: {
      tags: ['workforce'],
      summary: 'Unggah berkas seluruh tenaga kerja (CSV/XLSX) untuk diperiksa / upload the whole workforce (CSV/XLSX) for checking',
      description: 'Kirim berkas sebagai isi permintaan (Content-Type text/csv atau XLSX). Tidak ada yang diterapkan sebelum dikonfirmasi. / Send the file as the request body. Nothing is applied until confirmed.',
      params: EmployerParams,
      querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200, default: 'tenaga-kerja.csv' }) }, { additionalProperties: false }),
      response: responses({ 201: Upload, 200: Upload }),
    },
  }, async (request, reply) => {
    const employer = await assertEmployerAccess(app.db, request, request.params.id);
    const format = formatOf(request.headers['content-type'], request.query.fileName);
    if (!format) throw new AppError(415, 'unsupported_media_type');
    const stream = limited(request.body as Readable, MAX_FILE_BYTES);
    const upload = await uploadWorkforce(app.db, employer, { stream, name: request.query.fileName, format }, actorOf(request), request.id);
    return reply.status(upload.repeated ? 200 : 201).send({ ...upload, errors: await uploadErrors(app.db, upload.id, request.lang, 100) });
  });

  app.get('/api/v1/employers/:id/workforce-uploads/:uploadId', {
    config: { access: { roles: READERS } },
    schema: { tags: ['workforce'], summary: 'Hasil pemeriksaan berkas / an upload and its first errors', params: UploadParams, response: responses({ 200: Upload }) },
  }, async (request) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    const upload = await getUpload(app.db, request.params.id, request.params.uploadId);
    if (!upload) throw new AppError(404, 'not_found');
    return { ...upload, errors: await uploadErrors(app.db, upload.id, request.lang, 100) };
  });

  app.get('/api/v1/employers/:id/workforce-uploads/:uploadId/errors.csv', {
    config: { access: { roles: READERS } },
    schema: {
      tags: ['workforce'], summary: 'Laporan kesalahan per baris (CSV) / per-row error report (CSV)', params: UploadParams,
      querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { description: 'Bahasa laporan bila berbeda dari Accept-Language / report language' })) }, { additionalProperties: false }),
      response: responses({ 200: Type.String() }),
    },
  }, async (request, reply) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    if (!(await getUpload(app.db, request.params.id, request.params.uploadId))) throw new AppError(404, 'not_found');
    const lang = request.query.lang ?? request.lang;
    const name = lang === 'id' ? 'kesalahan' : 'errors';
    reply.header('content-disposition', `attachment; filename="${name}-${request.params.uploadId}.csv"`).type('text/csv; charset=utf-8');
    return reply.send(Readable.from(errorReportCsv(app.db, request.params.uploadId, lang)));
  });

  app.post('/api/v1/employers/:id/workforce-uploads/:uploadId/apply', {
    config: { access: { roles: WRITERS } },
    schema: {
      tags: ['workforce'], summary: 'Terapkan berkas yang sudah diperiksa / apply a checked upload',
      params: UploadParams, response: responses({ 200: Upload }),
    },
  }, async (request) => {
    const employer = await assertEmployerAccess(app.db, request, request.params.id);
    const upload = await applyWorkforceUpload(app.db, employer, request.params.uploadId, actorOf(request), request.id);
    return { ...upload, errors: [] };
  });

  app.get('/api/v1/me/wages', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['workforce'], summary: 'Riwayat upah yang dilaporkan pemberi kerja / wages your employers reported',
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({
        employerName: Type.String(), npp: Type.String(), effectiveMonth: Type.String(), wage: Type.Integer(), startDate: Type.String(), endDate: Type.Union([Type.String(), Type.Null()]),
      })) }) }),
    },
  }, async (request) => {
    return { items: await wageHistoryOfPerson(app.db, await personOfUser(app, request)) };
  });
}

