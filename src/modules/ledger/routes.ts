/**
 * Thin HTTP routes of the ledger: an administrator declares a year's JHT return rate; a participant reads
 * their JHT account (balance, every movement, the yearly returns).
 */
import { Type } from '@sinclair/typebox';
import { responses, type App } from '../../platform/http/server.ts';
import { requireUser } from '../../platform/http/access.ts';
import { personOfUser } from '../registry/officer-routes.ts';
import { declareJhtRate, jhtStatement } from './jht.ts';
import { jhtStatementPdf } from './jht-pdf.ts';
import { accountsOverview, entryDetail, journal } from './read.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';

defineProblems({
  jht_no_account: { title: { id: 'Belum ada saldo JHT', en: 'No JHT account yet' }, detail: { id: 'Belum ada iuran JHT yang masuk untuk Anda.', en: 'No JHT contribution has come in for you yet.' } },
});

const Statement = Type.Object({
  participantId: Type.Integer(), segment: Type.String(), balance: Type.Integer(),
  movements: Type.Array(Type.Object({ date: Type.String(), kind: Type.String(), reason: Type.String(), amount: Type.Integer(), balance: Type.Integer(), entryId: Type.Integer() })),
  returns: Type.Array(Type.Object({ year: Type.Integer(), amount: Type.Integer(), rate: Type.Union([Type.String(), Type.Null()]) })),
});

export async function ledgerRoutes(app: App) {
  app.put('/api/v1/jht/rates/:year', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['ledger'], summary: 'Tetapkan tingkat hasil JHT setahun / declare a year\'s JHT return rate (D13)',
      description: 'Tidak dapat diubah lagi setelah hasil tahun itu dikreditkan. / Cannot change once that year has been credited.',
      params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      body: Type.Object({
        rate: Type.String({ pattern: '^\\d{1,2}(\\.\\d{1,4})?$', description: 'persen setahun / percent a year, e.g. "5.63"' }),
        legalBasis: Type.String({ minLength: 3, maxLength: 300 }),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ year: Type.Integer(), rate: Type.String(), legalBasis: Type.String() }) }),
    },
  }, async (request) => {
    const { year } = request.params;
    const actor = { userId: requireUser(request).id, role: requireUser(request).role };
    await declareJhtRate(app.db, { year, rate: request.body.rate, legalBasis: request.body.legalBasis, actor });
    const row = await app.db.selectFrom('jht_return_rates').select(['year', 'rate', 'legal_basis']).where('year', '=', year).executeTakeFirstOrThrow();
    return { year: Number(row.year), rate: String(row.rate), legalBasis: row.legal_basis };
  });

  app.get('/api/v1/me/jht', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['ledger'], summary: 'Saldo dan riwayat JHT saya / my JHT balance and history',
      response: responses({ 200: Type.Object({ accounts: Type.Array(Statement) }) }),
    },
  }, async (request) => {
    const personId = await personOfUser(app, request);
    const participations = await app.db.selectFrom('participants').select(['id', 'segment']).where('person_id', '=', personId).orderBy('id').execute();
    const accounts = [];
    for (const p of participations) {
      const statement = await jhtStatement(app.db, p.id);
      if (statement.movements.length) accounts.push({ ...statement, segment: p.segment });
    }
    return { accounts };
  });

  app.get('/api/v1/me/jht/statement.pdf', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['ledger'], summary: 'Laporan tahunan saldo JHT (PDF) / annual JHT statement (PDF)',
      querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')])) }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    const personId = await personOfUser(app, request);
    const person = await app.db.selectFrom('people').select('full_name').where('id', '=', personId).executeTakeFirstOrThrow();
    const participations = await app.db.selectFrom('participants').select(['id', 'kpj']).where('person_id', '=', personId).orderBy('id').execute();
    let chosen: { statement: Awaited<ReturnType<typeof jhtStatement>>; kpj: string } | undefined;
    for (const p of participations) {
      const statement = await jhtStatement(app.db, p.id);
      if (statement.movements.length && (!chosen || statement.balance > chosen.statement.balance)) chosen = { statement, kpj: p.kpj };
    }
    if (!chosen) throw new AppError(404, 'jht_no_account');
    const pdf = await jhtStatementPdf(chosen.statement, { name: person.full_name, kpj: chosen.kpj }, request.query.year, request.query.lang ?? 'id');
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="jht-${request.query.year}.pdf"`).send(pdf);
  });

  const AUDITORS = ['auditor', 'admin', 'supervisor'] as const;
  app.get('/api/v1/ledger/accounts', {
    config: { access: { roles: [...AUDITORS] } },
    schema: { tags: ['ledger'], summary: 'Akun buku besar dan saldonya / ledger accounts and their balances' },
  }, async () => ({ items: await accountsOverview(app.db) }));

  app.get('/api/v1/ledger/entries', {
    config: { access: { roles: [...AUDITORS] } },
    schema: {
      tags: ['ledger'], summary: 'Jurnal, terbaru dulu / the journal, newest first',
      querystring: Type.Object({ accountId: Type.Optional(Type.Integer({ minimum: 1 })), limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) }, { additionalProperties: false }),
    },
  }, async (request) => ({ items: await journal(app.db, request.query) }));

  app.get('/api/v1/ledger/entries/:id', {
    config: { access: { roles: [...AUDITORS] } },
    schema: { tags: ['ledger'], summary: 'Satu jurnal dengan postingnya dan dokumen sumbernya / one entry with its postings and source document', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) },
  }, async (request) => {
    const entry = await entryDetail(app.db, request.params.id);
    if (!entry) throw new AppError(404, 'entry_not_found');
    return entry;
  });
}
