/**
 * Thin HTTP routes of the ledger: an administrator declares a year's JHT return rate and credits it
 * (a run per year, followed by admins and auditors); a participant reads their JHT account (balance,
 * every movement, the yearly returns); auditors read the accounts and the journal; an administrator or
 * supervisor reverses a wrong entry.
 */
import { Type } from '@sinclair/typebox';
import { responses, type App } from '../../platform/http/server.ts';
import { requireUser } from '../../platform/http/access.ts';
import { inTransaction } from '../../platform/db.ts';
import { recordAudit } from '../audit/audit.ts';
import { wibDate } from '../contributions/calendar.ts';
import { personOfUser } from '../registry/officer-routes.ts';
import { beginJhtCredit, declareJhtRate, jhtCreditRun, jhtStatement, jhtYears, type JhtCreditRun } from './jht.ts';
import { reverseEntry } from './journal.ts';
import { jhtStatementPdf } from './jht-pdf.ts';
import { accountsOverview, entryDetail, journal } from './read.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';

defineProblems({
  jht_no_account: { title: { id: 'Belum ada saldo JHT', en: 'No JHT account yet' }, detail: { id: 'Belum ada iuran JHT yang masuk untuk Anda.', en: 'No JHT contribution has come in for you yet.' } },
  entry_is_payment: {
    title: { id: 'Jurnal ini mencatat pembayaran tagihan', en: 'This entry records a bill payment' },
    detail: { id: 'Jurnal #{id} mencatat pembayaran #{payment}. Batalkan pembayarannya dari halaman tagihan, agar tagihan yang dibayarnya terbuka kembali bersama jurnalnya.', en: 'Entry #{id} records payment #{payment}. Reverse the payment from the bill\'s page, so that the bills it paid reopen together with the entry.' },
  },
});

const Statement = Type.Object({
  participantId: Type.Integer(), segment: Type.String(), balance: Type.Integer(),
  movements: Type.Array(Type.Object({ date: Type.String(), kind: Type.String(), reason: Type.String(), amount: Type.Integer(), balance: Type.Integer(), entryId: Type.Integer() })),
  returns: Type.Array(Type.Object({ year: Type.Integer(), amount: Type.Integer(), rate: Type.Union([Type.String(), Type.Null()]) })),
});

const NullableInt = (description?: string) => Type.Union([Type.Integer(), Type.Null()], description ? { description } : {});
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** One entry as `entryDetail` reads it. */
const EntryProps = {
  id: Type.Integer(), date: Type.String(), kind: Type.String(), reason: Type.String(), amount: Type.Integer(), postingCount: Type.Integer(), hash: Type.String(),
  source: Type.Object({ type: Type.String(), id: Type.String(), billId: NullableInt() }),
  reversesEntryId: NullableInt('jurnal yang dibalik jurnal ini / the entry this one reverses'),
  reversedBy: NullableInt('jurnal yang membalik jurnal ini / the entry that reverses this one'),
  postings: Type.Array(Type.Object({
    line: Type.Integer(), side: Type.Union([Type.Literal('D'), Type.Literal('C')]), amount: Type.Integer(), accountId: Type.Integer(),
    kind: Type.String(), program: NullableString, channel: NullableString, holder: NullableString,
  })),
};
const EntryView = Type.Object(EntryProps);
const ReversalView = Type.Object({
  ...EntryProps,
  replayed: Type.Boolean({ description: 'true: jurnal ini sudah dibalik sebelumnya; ini pembaliknya yang ada / the entry was already reversed; this is the existing reversal' }),
});

const CreditRun = Type.Object({
  year: Type.Integer(), status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
  done: Type.Integer({ description: 'akun JHT yang sudah diperiksa / JHT accounts looked at' }), total: Type.Integer(),
  credited: Type.Integer({ description: 'akun yang menerima hasil / accounts that received a return' }), amount: Type.Integer({ description: 'rupiah yang dikreditkan / rupiah credited' }),
  error: NullableString, startedAt: Type.String({ format: 'date-time' }), finishedAt: Nullable(Type.String({ format: 'date-time' })),
  stalled: Type.Boolean({ description: 'berjalan, tetapi prosesnya berhenti: mulai lagi untuk melanjutkan / running, but its process stopped: start it again to resume' }),
});
const creditRunView = (r: JhtCreditRun) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null });
const JHT_STAFF = ['admin', 'auditor'] as const;

export async function ledgerRoutes(app: App) {
  app.get('/api/v1/jht/years', {
    config: { access: { roles: [...JHT_STAFF] } },
    schema: {
      tags: ['ledger'], summary: 'Tingkat hasil JHT per tahun dan pengkreditannya / each year\'s JHT return rate and its crediting (D13, D14)',
      response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({
        year: Type.Integer(), rate: Type.String({ description: 'persen setahun / percent a year' }), legalBasis: Type.String(), declaredAt: Type.String({ format: 'date-time' }),
        run: Nullable(CreditRun),
      })) }) }),
    },
  }, async () => ({ items: (await jhtYears(app.db)).map((y) => ({ ...y, declaredAt: y.declaredAt.toISOString(), run: y.run && creditRunView(y.run) })) }));

  app.post('/api/v1/jht/credit-runs', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['ledger'], summary: 'Kreditkan hasil JHT setahun ke setiap akun / credit a year\'s JHT return to every account',
      description: 'Setelah 31 Desember tahun itu dan dengan tingkat yang ditetapkan. Idempoten: tahun yang selesai dikembalikan apa adanya (200); yang terhenti dilanjutkan (202). Pantau dengan GET. / After 31 December of that year, at its declared rate. Idempotent: a completed year is returned as it is (200); a stopped one resumes (202). Follow it with GET.',
      body: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ run: CreditRun }), 202: Type.Object({ run: CreditRun }) }),
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const { run, finished } = await beginJhtCredit(app.db, { year: request.body.year, actor: { userId: user.id, role: user.role }, today: wibDate() });
    if (!finished) return { run: creditRunView(run) };
    finished.catch((err: unknown) => app.log.error({ err, year: run.year }, 'JHT credit run failed'));
    reply.code(202);
    return { run: creditRunView(run) };
  });

  app.get('/api/v1/jht/credit-runs/:year', {
    config: { access: { roles: [...JHT_STAFF] } },
    schema: {
      tags: ['ledger'], summary: 'Kemajuan dan hasil pengkreditan JHT / a JHT crediting run\'s progress and result',
      params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }),
      response: responses({ 200: CreditRun }),
    },
  }, async (request) => {
    const run = await jhtCreditRun(app.db, request.params.year);
    if (!run) throw new AppError(404, 'not_found');
    return creditRunView(run);
  });

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
    schema: {
      tags: ['ledger'], summary: 'Satu jurnal dengan postingnya dan dokumen sumbernya / one entry with its postings and source document',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: responses({ 200: EntryView }),
    },
  }, async (request) => {
    const entry = await entryDetail(app.db, request.params.id);
    if (!entry) throw new AppError(404, 'entry_not_found');
    return entry;
  });

  /**
   * Reverses one entry: a new entry with every posting on the other side, dated today (WIB), in one
   * transaction with its audit event. Once per entry: asking again answers the existing reversal (200)
   * and records nothing; a reversing entry is not reversed (409 entry_is_reversal).
   *
   * A reversal corrects the ledger only. A bill payment's entry is therefore not reversed here (409
   * entry_is_payment): the payment is, from its bill (POST /api/v1/payments/:id/reversal), which reverses
   * the entry and reopens the bills together. A reversed JHT return is not un-credited for its year.
   */
  app.post('/api/v1/ledger/entries/:id/reversal', {
    config: { access: { roles: ['admin', 'supervisor'] } },
    schema: {
      tags: ['ledger'], summary: 'Balik satu jurnal / reverse one entry',
      description: 'Jurnal pembalik: semua posting di sisi sebaliknya, bertanggal hari ini, sekali per jurnal (permintaan ulang menjawab pembalik yang ada, 200). '
        + 'Hanya buku besar yang dikoreksi; jurnal pembayaran tagihan dibatalkan lewat pembayarannya (409 entry_is_payment). / '
        + 'A reversing entry: every posting on the other side, dated today, once per entry (a repeat answers the existing reversal, 200). '
        + 'It corrects the ledger only; a bill payment\'s entry is reversed through its payment (409 entry_is_payment).',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({ reason: Type.String({ minLength: 5, maxLength: 500, description: 'mengapa jurnal ini dibalik / why the entry is reversed' }) }, { additionalProperties: false }),
      response: responses({ 200: ReversalView, 201: ReversalView }),
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const actor = { userId: user.id, role: user.role };
    const reason = request.body.reason.trim();
    if (reason.length < 5) throw new AppError(422, 'validation_failed', {}, [{ field: 'reason', rule: 'min_length', params: { limit: 5 } }]);
    const entryId = request.params.id;
    const result = await inTransaction(app.db, async (tx) => {
      // requests for one entry take turns here: a concurrent second one waits, then finds the first's reversal
      const entry = await tx.selectFrom('journal_entries').select(['id', 'source_type', 'source_id']).where('id', '=', entryId).forUpdate().executeTakeFirst();
      if (!entry) throw new AppError(404, 'entry_not_found');
      if (entry.source_type === 'bill_payment') throw new AppError(409, 'entry_is_payment', { id: entryId, payment: entry.source_id });
      const existing = await tx.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', entryId).executeTakeFirst();
      if (existing) return { id: existing.id, replayed: true };
      const posted = await reverseEntry(tx, entryId, reason, actor, wibDate());
      // posted under the same key already (reverseEntry's key is per entry): that request recorded the audit event
      if (!posted.replayed) {
        await recordAudit(tx, {
          actor, action: 'ledger_entry.reversed', entityType: 'journal_entry', entityId: entryId,
          after: { reversed_by: posted.id, amount: posted.amount, reason }, requestId: request.id,
        });
      }
      return { id: posted.id, replayed: posted.replayed };
    });
    const reversal = (await entryDetail(app.db, result.id))!;
    reply.code(result.replayed ? 200 : 201);
    return { ...reversal, replayed: result.replayed };
  });
}
