/**
 * Thin routes of GN Lingkaran: donors register and give, campaigns are created and funded, workers are
 * proposed and chosen, allocation runs pay their months, and anyone reads the public pages and
 * downloads the public ledger.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/http/access.ts';
import { csvRow } from '../../platform/csv.ts';
import { AppError } from '../../platform/errors.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { paymentOptions } from '../payments/options.ts';
import { runAllocation } from './allocation-run.ts';
import { campaignCandidates, donorPortal, proposeWorker } from './beneficiaries.ts';
import { createCampaign } from './campaigns.ts';
import { donationView, payDonation, pledgeDonation, type DonationView } from './donations.ts';
import { donorOfUser, registerDonor } from './donors.ts';
import { releaseUnused } from './releases.ts';
import { CodeParams, month, ReceiptParams } from './schemas.ts';
import { campaignPublic, programmeSummary, publicLedgerRows } from './transparency.ts';

const STAFF = ['officer', 'supervisor', 'admin'] as const;
const actorOf = (request: FastifyRequest) => ({ userId: requireUser(request).id, role: requireUser(request).role });

export async function lingkaranRoutes(app: App) {
  const withOptions = async (d: DonationView) => ({
    ...d, payment: d.status === 'pending' ? await paymentOptions(app.db, app.config, { paymentCode: d.paymentCode, outstanding: d.amount }) : null,
  });

  app.post('/api/v1/lingkaran/donors', {
    config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['lingkaran'], summary: 'Daftar sebagai donatur (perusahaan atau perorangan) / register as a donor (company or individual)',
      body: Type.Object({
        kind: Type.Union([Type.Literal('company'), Type.Literal('individual')]), name: Type.String({ minLength: 2, maxLength: 160 }),
        csrProgram: Type.Optional(Type.String({ maxLength: 160 })), taxId: Type.Optional(Type.String({ maxLength: 30 })),
        email: Type.Optional(Type.String({ maxLength: 200 })), phone: Type.Optional(Type.String({ maxLength: 30 })), anonymous: Type.Optional(Type.Boolean()),
        username: Type.String({ pattern: '^[a-z0-9._-]{3,40}$' }), password: Type.String({ minLength: 12, maxLength: 200 }),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const r = await registerDonor(app.db, request.body, { userId: null, role: 'public' });
    return reply.code(201).send(r);
  });

  app.get('/api/v1/lingkaran/summary', {
    config: { access: 'public' },
    schema: { tags: ['lingkaran'], summary: 'Transparansi seluruh program: uang masuk, dialokasikan, belum terpakai; pekerja terlindungi / the whole programme in public' },
  }, async () => programmeSummary(app.db));

  app.post('/api/v1/lingkaran/campaigns', {
    config: { access: { roles: [...STAFF, 'donor'] } },
    schema: {
      tags: ['lingkaran'], summary: 'Buat kampanye (petugas atau perusahaan donatur) / create a campaign (an officer or a company donor)',
      body: Type.Object({
        title: Type.String({ minLength: 5, maxLength: 160 }), description: Type.Optional(Type.String({ maxLength: 2000 })),
        targetWorkers: Type.Integer({ minimum: 1, maximum: 1_000_000 }), months: Type.Integer({ minimum: 1, maximum: 12 }),
        regionCodes: Type.Array(Type.String({ pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2}(\\.\\d{4})?)?)?$' }), { minItems: 1, maxItems: 50 }),
        occupationCodes: Type.Array(Type.String({ pattern: '^[a-z_]+$' }), { maxItems: 30 }),
        unusedPolicy: Type.Optional(Type.Union([Type.Literal('reallocate'), Type.Literal('refund')])),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    let ownerDonorId: number | null = null;
    if (user.role === 'donor') {
      const donor = await donorOfUser(app.db, user.id);
      if (donor.kind !== 'company') throw new AppError(403, 'forbidden');
      ownerDonorId = donor.id;
    }
    return reply.code(201).send(await createCampaign(app.db, request.body, { actor: actorOf(request), ownerDonorId }));
  });

  app.get('/api/v1/lingkaran/campaigns/:code', {
    config: { access: 'public' },
    schema: { tags: ['lingkaran'], summary: 'Halaman publik kampanye: kemajuan, donasi, pekerja terlindungi (pseudonim) / a campaign in public', params: CodeParams },
  }, async (request) => campaignPublic(app.db, request.params.code));

  app.post('/api/v1/lingkaran/campaigns/:code/donations', {
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['lingkaran'], summary: 'Berdonasi ke kampanye (atau "umum") / give to a campaign (or "umum", the general pool)',
      description: 'Idempoten pada requestKey. Tamu mengisi nama dan kontak; donatur yang masuk tidak perlu. / Idempotent on requestKey. A guest gives a name and a contact; a signed-in donor need not.',
      params: CodeParams,
      body: Type.Object({
        amount: Type.Integer({ minimum: 10_000, maximum: 100_000_000_000 }), anonymous: Type.Boolean(), requestKey: Type.String({ minLength: 8, maxLength: 100 }),
        guest: Type.Optional(Type.Object({ name: Type.String({ minLength: 2, maxLength: 160 }), email: Type.Optional(Type.String({ maxLength: 200 })), phone: Type.Optional(Type.String({ maxLength: 30 })) }, { additionalProperties: false })),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const user = request.user;
    const donorId = user?.role === 'donor' ? (await donorOfUser(app.db, user.id)).id : undefined;
    if (donorId === undefined && !request.body.guest) throw new AppError(422, 'validation_failed', {}, [{ field: 'guest.name', rule: 'required' }]);
    const { donation, replayed } = await pledgeDonation(app.db, {
      campaignCode: request.params.code, amount: request.body.amount, anonymous: request.body.anonymous, requestKey: request.body.requestKey,
      donorId, guest: request.body.guest, actor: user ? actorOf(request) : { userId: null, role: 'public' },
    });
    return reply.code(replayed ? 200 : 201).send(await withOptions(donation));
  });

  app.get('/api/v1/lingkaran/donations/:receipt', {
    config: { access: 'public' },
    schema: { tags: ['lingkaran'], summary: 'Satu donasi dengan kode tanda terimanya: status dan cara membayar / one donation by its receipt code', params: ReceiptParams },
  }, async (request) => {
    const d = await donationView(app.db, { receiptCode: request.params.receipt });
    return withOptions({ ...d, donorName: d.anonymous ? '' : d.donorName });
  });

  app.post('/api/v1/lingkaran/donations/:receipt/counter-payment', {
    config: { access: { roles: ['officer', 'supervisor'] } },
    schema: {
      tags: ['lingkaran'], summary: 'Catat donasi tunai di loket / record a cash donation at the counter', params: ReceiptParams,
      body: Type.Object({ amount: Type.Integer({ minimum: 1 }), channelRef: Type.String({ minLength: 3, maxLength: 64 }) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const d = await donationView(app.db, { receiptCode: request.params.receipt });
    const r = await payDonation(app.db, { donationId: d.id, amount: request.body.amount, paidAt: new Date(), channel: 'counter', channelRef: request.body.channelRef, actor: actorOf(request) });
    return reply.code(r.replayed ? 200 : 201).send(r.donation);
  });

  app.post('/api/v1/lingkaran/campaigns/:code/proposals', {
    config: { access: { roles: ['officer', 'supervisor', 'agent', 'donor'] } },
    schema: {
      tags: ['lingkaran'], summary: 'Usulkan pekerja rentan (KPJ), atau pilih pekerja (pseudonim) sebagai donatur / propose a worker, or choose one as a donor',
      params: CodeParams,
      body: Type.Object({
        kpj: Type.Optional(Type.String({ pattern: '^[0-9 ]{8,20}$' })), pseudonym: Type.Optional(Type.String({ pattern: '^[Pp][Rr]-[0-9A-Fa-f]{8}$' })),
        source: Type.Optional(Type.Union([Type.Literal('officer'), Type.Literal('agent'), Type.Literal('community')])), reason: Type.String({ minLength: 3, maxLength: 500 }),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const body = request.body;
    let source: 'officer' | 'agent' | 'community' | 'donor' = body.source ?? (user.role === 'agent' ? 'agent' : 'officer');
    let donorId: number | undefined;
    if (user.role === 'donor') {
      donorId = (await donorOfUser(app.db, user.id)).id;
      source = 'donor';
      if (!body.pseudonym) throw new AppError(422, 'validation_failed', {}, [{ field: 'pseudonym', rule: 'required' }]);
    } else if (!body.kpj) throw new AppError(422, 'validation_failed', {}, [{ field: 'kpj', rule: 'required' }]);
    const r = await proposeWorker(app.db, {
      campaignCode: request.params.code, kpj: user.role === 'donor' ? undefined : body.kpj, pseudonym: user.role === 'donor' ? body.pseudonym : undefined,
      reason: body.reason, source, donorId, scope: user.role === 'donor' ? { national: true } : user.scope, actor: actorOf(request),
    });
    return reply.code(201).send(r);
  });

  app.get('/api/v1/lingkaran/campaigns/:code/candidates', {
    config: { access: { roles: [...STAFF, 'agent', 'donor'] } },
    schema: {
      tags: ['lingkaran'], summary: 'Pekerja yang layak, urut prioritas, dalam pseudonim / eligible workers in priority order, pseudonymised', params: CodeParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })) }, { additionalProperties: false }),
    },
  }, async (request) => ({ items: await campaignCandidates(app.db, request.params.code, request.query.limit ?? 50) }));

  app.post('/api/v1/lingkaran/campaigns/:code/allocation-runs', {
    config: { access: { roles: [...STAFF] } },
    schema: {
      tags: ['lingkaran'], summary: 'Jalankan alokasi: dana kampanye membayar iuran pekerja yang layak / run the allocation', params: CodeParams,
      body: Type.Object({ firstMonth: Type.Optional(month()) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const r = await runAllocation(app.db, { campaignCode: request.params.code, firstMonth: request.body.firstMonth, actor: actorOf(request) });
    return reply.code(r.runId ? 201 : 200).send(r);
  });

  app.post('/api/v1/lingkaran/campaigns/:code/release', {
    config: { access: { roles: ['supervisor', 'admin'] } },
    schema: {
      tags: ['lingkaran'], summary: 'Tutup kampanye; dana tak terpakai ke dana umum atau dikembalikan, sesuai perjanjian / close a campaign and release unused money',
      params: CodeParams, body: Type.Object({ note: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }),
    },
  }, async (request) => releaseUnused(app.db, { campaignCode: request.params.code, note: request.body.note, actor: actorOf(request) }));

  app.get('/api/v1/lingkaran/me', {
    config: { access: { roles: ['donor'] } },
    schema: { tags: ['lingkaran'], summary: 'Halaman donatur: donasi, tanda terima, bulan-pekerja yang dibayar / the donor\'s own page' },
  }, async (request) => donorPortal(app.db, (await donorOfUser(app.db, requireUser(request).id)).id));

  app.get('/api/v1/lingkaran/ledger.csv', {
    config: { access: 'public' },
    schema: {
      tags: ['lingkaran'], summary: 'Buku besar publik GN Lingkaran (CSV) / the public ledger as CSV',
      querystring: Type.Object({ campaign: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const rows = await publicLedgerRows(app.db, request.query.campaign);
    const header = ['tanggal/date', 'jenis/type', 'referensi/reference', 'kampanye/campaign', 'pihak/party', 'keterangan/detail', 'masuk/in', 'keluar/out', 'ke_dana_umum/to_pool', 'entri_buku_besar/ledger_entry'];
    const body = rows.map((r) => csvRow([r.date, r.type, r.reference, r.campaign, r.party, r.detail, r.amount_in, r.amount_out, r.amount_moved, r.entry_id]));
    const sum = (k: 'amount_in' | 'amount_out' | 'amount_moved') => rows.reduce((s, r) => s + r[k], 0);
    const total = csvRow(['', 'JUMLAH/TOTAL', '', request.query.campaign ?? '', '', '', sum('amount_in'), sum('amount_out'), sum('amount_moved'), '']);
    const name = `gn-lingkaran-${request.query.campaign ?? 'semua'}`.replace(/[^a-z0-9-]/g, '');
    reply.header('content-disposition', `attachment; filename="${name}.csv"`).type('text/csv; charset=utf-8');
    return `${[csvRow(header), ...body, total].join('\n')}\n`;
  });
}

