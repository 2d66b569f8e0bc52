import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { nikFieldErrors } from './people.ts';
import { addFamilyMember, attachLegacyKpj, familyOf, listDuplicates, mergeKpjs, personInScope, resolveDuplicate, searchRegistry, viewPerson, type FamilyInput } from './officer.ts';
import { checkName, checkPastDate } from './validation.ts';

const STAFF_READ = ['officer', 'supervisor', 'case_manager', 'auditor', 'admin'] as const;
const STAFF_WRITE = ['officer', 'supervisor'] as const;
const actorOf = (request: FastifyRequest) => ({ userId: request.user?.id ?? null, role: request.user?.role ?? 'anonymous' });
const PersonParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const FamilyMember = Type.Object({
  id: Type.Integer(), relation: Type.String(), fullName: Type.String(), nikMasked: Nullable(Type.String()), birthDate: Type.String(), sex: Type.String(),
  married: Type.Boolean(), working: Type.Boolean(), deceased: Type.Boolean(), mayClaim: Type.Boolean(), scholarshipEligible: Type.Boolean(),
});
const FamilyBody = Type.Object({
  relation: Type.Union([Type.Literal('spouse'), Type.Literal('child'), Type.Literal('parent'), Type.Literal('grandchild'), Type.Literal('sibling')]),
  fullName: Type.String({ minLength: 2, maxLength: 120 }),
  nik: Type.Optional(Type.String({ maxLength: 32 })),
  birthDate: Type.String({ maxLength: 10 }),
  sex: Type.Union([Type.Literal('M'), Type.Literal('F')]),
  married: Type.Optional(Type.Boolean()),
  working: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

async function familyErrors(app: App, input: FamilyInput): Promise<FieldError[]> {
  const errors = [...checkName('fullName', input.fullName)];
  const dateErrors = checkPastDate('birthDate', input.birthDate);
  errors.push(...dateErrors);
  if (input.nik) errors.push(...await nikFieldErrors(app.db, input.nik, dateErrors.length ? undefined : input.birthDate, input.sex));
  return errors;
}

export async function personOfUser(app: App, request: FastifyRequest): Promise<number> {
  const account = await app.db.selectFrom('person_accounts').select('person_id').where('user_id', '=', requireUser(request).id).executeTakeFirst();
  if (!account) throw new AppError(404, 'no_person_record');
  return account.person_id;
}

export async function officerRoutes(app: App) {
  app.get('/api/v1/search', {
    config: { access: { roles: STAFF_READ } },
    schema: {
      tags: ['registry'], summary: 'Cari menurut NIK, KPJ, NPP, atau nama, dalam lingkup Anda / search by NIK, KPJ, NPP or name, within your scope',
      querystring: Type.Object({ q: Type.String({ minLength: 3, maxLength: 100 }), limit: Type.Integer({ minimum: 1, maximum: 50, default: 20 }) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({
        kind: Type.String(), id: Type.Integer(), title: Type.String(), detail: Type.String(), regencyName: Nullable(Type.String()),
      })) }) }),
    },
  }, async (request) => ({ items: await searchRegistry(app.db, requireUser(request).scope, request.query.q, request.query.limit, request.lang) }));

  app.get('/api/v1/people/:id', {
    config: { access: { roles: STAFF_READ } },
    schema: {
      tags: ['registry'], summary: 'Data lengkap seseorang (dicatat dalam audit) / a person\'s whole record (the view is audited)',
      params: PersonParams,
      response: responses({ 200: Type.Object({
        id: Type.Integer(), nik: Type.String(), fullName: Type.String(), birthDate: Type.String(), sex: Type.String(), phone: Nullable(Type.String()),
        villageCode: Nullable(Type.String()), villageName: Nullable(Type.String()), regencyCode: Type.String(), address: Nullable(Type.String()),
        occupation: Nullable(Type.String()), vulnerable: Type.Boolean(), vulnerableReason: Nullable(Type.String()),
        kpjs: Type.Array(Type.Object({ kpj: Type.String(), source: Type.String(), mergedInto: Nullable(Type.String()), mergedAt: Nullable(Type.String()), issuedAt: Type.String() })),
        participations: Type.Array(Type.Object({
          id: Type.Integer(), kpj: Type.String(), segment: Type.String(), programs: Type.Array(Type.String()), status: Type.String(),
          declaredIncome: Type.Union([Type.Integer(), Type.Null()]), registeredVia: Type.String(), registeredAt: Type.String(), endedAt: Nullable(Type.String()),
        })),
        employments: Type.Array(Type.Object({
          id: Type.Integer(), employerId: Type.Integer(), employerName: Type.String(), npp: Type.String(), contractType: Type.String(),
          startDate: Type.String(), endDate: Nullable(Type.String()), endReason: Nullable(Type.String()),
        })),
        family: Type.Array(FamilyMember),
      }) }),
    },
  }, async (request) => viewPerson(app.db, request, request.params.id));

  app.post('/api/v1/people/:id/kpjs', {
    config: { access: { roles: STAFF_WRITE } },
    schema: {
      tags: ['registry'], summary: 'Tambahkan KPJ lama milik orang ini / attach an older KPJ of this person',
      params: PersonParams, body: Type.Object({ kpj: Type.String({ pattern: '^\\d{8,16}$' }) }, { additionalProperties: false }),
      response: responses({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await attachLegacyKpj(app.db, request, request.params.id, request.body.kpj, actorOf(request));
    reply.code(204);
    return null;
  });

  app.post('/api/v1/people/:id/kpj-merge', {
    config: { access: { roles: STAFF_WRITE } },
    schema: {
      tags: ['registry'], summary: 'Gabungkan KPJ ke satu KPJ utama, riwayat tetap / merge KPJ numbers into one, keeping history',
      params: PersonParams,
      body: Type.Object({ primary: Type.String({ pattern: '^\\d{8,16}$' }), merge: Type.Array(Type.String({ pattern: '^\\d{8,16}$' }), { minItems: 1, maxItems: 20, uniqueItems: true }) }, { additionalProperties: false }),
      response: responses({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await mergeKpjs(app.db, request, request.params.id, request.body.primary, request.body.merge, actorOf(request));
    reply.code(204);
    return null;
  });

  app.get('/api/v1/duplicates', {
    config: { access: { roles: ['officer', 'supervisor', 'admin'] } },
    schema: {
      tags: ['registry'], summary: 'Antrean kemungkinan data ganda / review queue of possible duplicates',
      querystring: Type.Object({
        status: Type.Union([Type.Literal('open'), Type.Literal('not_duplicate'), Type.Literal('resolved')], { default: 'open' }),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({
        id: Type.Integer(), kind: Type.String(), regencyCode: Type.String(), regencyName: Nullable(Type.String()), status: Type.String(), createdAt: Type.String(),
        people: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), nikMasked: Type.String(), birthYear: Type.String(), phoneMasked: Nullable(Type.String()) })),
      })) }) }),
    },
  }, async (request) => ({ items: await listDuplicates(app.db, requireUser(request).scope, request.query.status, request.query.limit) }));

  app.post('/api/v1/duplicates/:id', {
    config: { access: { roles: STAFF_WRITE } },
    schema: {
      tags: ['registry'], summary: 'Putuskan kemungkinan data ganda / decide a possible duplicate',
      params: PersonParams,
      body: Type.Object({ outcome: Type.Union([Type.Literal('not_duplicate'), Type.Literal('resolved')]) }, { additionalProperties: false }),
      response: responses({ 204: Type.Null() }),
    },
  }, async (request, reply) => {
    await resolveDuplicate(app.db, request, request.params.id, request.body.outcome, actorOf(request));
    reply.code(204);
    return null;
  });

  app.get('/api/v1/people/:id/family', {
    config: { access: { roles: STAFF_READ } },
    schema: { tags: ['registry'], summary: 'Keluarga dan ahli waris / family and heirs', params: PersonParams, response: responses({ 200: Type.Object({ items: Type.Array(FamilyMember) }) }) },
  }, async (request) => {
    await personInScope(app.db, request, request.params.id);
    return { items: await familyOf(app.db, request.params.id) };
  });

  app.post('/api/v1/people/:id/family', {
    config: { access: { roles: STAFF_WRITE } },
    schema: { tags: ['registry'], summary: 'Catat anggota keluarga / record a family member', params: PersonParams, body: FamilyBody, response: responses({ 201: Type.Object({ id: Type.Integer() }) }) },
  }, async (request, reply) => {
    await personInScope(app.db, request, request.params.id);
    const errors = await familyErrors(app, request.body);
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    return reply.status(201).send({ id: await addFamilyMember(app.db, request.params.id, request.body, actorOf(request), request.id) });
  });

  app.get('/api/v1/me/family', {
    config: { access: { roles: ['participant'] } },
    schema: { tags: ['registry'], summary: 'Keluarga saya / my family', response: responses({ 200: Type.Object({ items: Type.Array(FamilyMember) }) }) },
  }, async (request) => ({ items: await familyOf(app.db, await personOfUser(app, request)) }));

  app.post('/api/v1/me/family', {
    config: { access: { roles: ['participant'] } },
    schema: { tags: ['registry'], summary: 'Tambah anggota keluarga saya / add a member of my family', body: FamilyBody, response: responses({ 201: Type.Object({ id: Type.Integer() }) }) },
  }, async (request, reply) => {
    const personId = await personOfUser(app, request);
    const errors = await familyErrors(app, request.body);
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    return reply.status(201).send({ id: await addFamilyMember(app.db, personId, request.body, actorOf(request), request.id) });
  });
}
