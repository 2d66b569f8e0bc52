import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { inTransaction } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { defineProblems } from '../../platform/i18n.ts';
import { regionInScope, requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { recordAudit } from '../audit/audit.ts';
import { assertEmployerAccess } from '../registry/employers.ts';
import { personOfUser } from '../registry/officer-routes.ts';
import { beginBilling, getRun, listRuns, type BillingRun } from './billing-run.ts';
import { billLines, contributionMonths, employerArrears, getBill, listBills, participationsOf, type BillDetail } from './bills.ts';
import { monthStart } from './calendar.ts';
import { paymentOptions } from '../payments/options.ts';
import { billCsv, billPdf, billXlsx } from './exports.ts';
import { recordPayment } from './payments.ts';
import { reversePayment } from './payment-reversal.ts';

defineProblems({
  billing_run_busy: {
    title: { id: 'Penagihan sedang berjalan', en: 'Billing is running' },
    detail: { id: 'Penagihan bulan {period} sedang dikerjakan. Tunggu sampai selesai.', en: 'Billing for {period} is being worked on. Wait until it finishes.' },
  },
  not_bpu_participant: {
    title: { id: 'Bukan peserta BPU', en: 'Not a BPU participant' },
    detail: { id: 'Pilihan lama pembayaran hanya untuk peserta bukan penerima upah.', en: 'The payment plan is only for informal (BPU) participants.' },
  },
});

const STAFF = ['admin', 'supervisor', 'officer', 'auditor'] as const;
const RUNNERS = ['admin', 'supervisor'] as const;
const CASHIERS = ['officer', 'supervisor'] as const;
const BILL_READERS = ['admin', 'supervisor', 'officer', 'auditor', 'employer_admin', 'participant'] as const;
const actorOf = (request: FastifyRequest) => ({ userId: request.user?.id ?? null, role: request.user?.role ?? 'anonymous' });

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const Counts = Type.Object({
  bills: Type.Optional(Type.Record(Type.String(), Type.Integer())), lines: Type.Optional(Type.Integer()), amount: Type.Optional(Type.Integer()),
  fines: Type.Optional(Type.Integer()), statusChanges: Type.Optional(Type.Record(Type.String(), Type.Integer())),
});
const Run = Type.Object({
  id: Type.Integer(), period: Type.String(), asOf: Type.String(), status: Type.String(), step: Type.String(), done: Type.Integer(), total: Type.Integer(),
  counts: Counts, error: Nullable(Type.String()), startedAt: Type.String({ format: 'date-time' }), finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
const BillSummary = Type.Object({
  id: Type.Integer(), segment: Type.String(), period: Type.String(), months: Type.Integer(), paymentCode: Type.String(), payerName: Type.String(),
  employerId: Nullable(Type.Integer()), participantId: Nullable(Type.Integer()), issuedOn: Type.String(), dueDate: Type.String(),
  contributionAmount: Type.Integer(), fineAmount: Type.Integer(), totalAmount: Type.Integer(), paidAmount: Type.Integer(),
  status: Type.String(), overdue: Type.Boolean(), lines: Type.Integer(),
});
const Line = Type.Object({
  participantId: Nullable(Type.Integer()), kpjMasked: Nullable(Type.String()), name: Nullable(Type.String()), month: Type.String(), kind: Type.String(),
  program: Type.String(), payer: Type.String(), phase: Nullable(Type.String()), base: Nullable(Type.Integer()), rate: Nullable(Type.String()), amount: Type.Integer(),
  ruleId: Type.Integer(), sourcePeriod: Nullable(Type.String()), fineMonths: Nullable(Type.Integer()),
});
const Page = { limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }), offset: Type.Integer({ minimum: 0, default: 0 }) };

const runView = (r: BillingRun) => ({ ...r, period: r.period.slice(0, 7), startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null });

/** A bill is read by staff in its branch's scope, by its employer's users, and by its own participant. */
async function assertBillAccess(app: App, request: FastifyRequest, bill: BillDetail) {
  const user = requireUser(request);
  if (user.role === 'employer_admin') {
    if (bill.employerId === null) throw new AppError(404, 'bill_not_found');
    await assertEmployerAccess(app.db, request, bill.employerId).catch(() => { throw new AppError(404, 'bill_not_found'); });
    return;
  }
  if (user.role === 'participant') {
    const personId = await personOfUser(app, request);
    const own = bill.participantId !== null && await app.db.selectFrom('participants').select('id').where('id', '=', bill.participantId).where('person_id', '=', personId).executeTakeFirst();
    if (!own) throw new AppError(404, 'bill_not_found');
    return;
  }
  if (user.scope.national) return;
  const regencies = await app.db.selectFrom('branch_regencies').select('regency_code').where('branch_id', '=', bill.branchId).execute();
  if (!regencies.some((r) => regionInScope(user.scope, r.regency_code))) throw new AppError(403, 'out_of_scope');
}

async function loadBill(app: App, request: FastifyRequest, id: number, page = { limit: 50, offset: 0 }) {
  const bill = await getBill(app.db, id, page);
  if (!bill) throw new AppError(404, 'bill_not_found');
  await assertBillAccess(app, request, bill);
  return bill;
}

const EXPORT_LIMIT = 1_000_000;

export async function contributionRoutes(app: App) {
  app.get('/api/v1/billing/runs', {
    config: { access: { roles: STAFF } },
    schema: { tags: ['contributions'], summary: 'Daftar penagihan bulanan / monthly billing runs', response: responses({ 200: Type.Object({ items: Type.Array(Run) }) }) },
  }, async () => ({ items: (await listRuns(app.db)).map(runView) }));

  app.post('/api/v1/billing/runs', {
    config: { access: { roles: RUNNERS } },
    schema: {
      tags: ['contributions'],
      summary: 'Mulai (atau lanjutkan) penagihan satu bulan / start (or resume) the billing of one month',
      description: 'Idempoten: bulan yang sudah selesai dikembalikan apa adanya (200). Penagihan berjalan di latar; pantau dengan GET. / Idempotent: a completed month is returned as it is (200). The run works in the background; follow it with GET.',
      body: Type.Object({ period: Type.String({ maxLength: 7, description: 'YYYY-MM' }), asOf: Type.Optional(Type.String({ maxLength: 10, description: 'YYYY-MM-DD' })) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ run: Run }), 202: Type.Object({ run: Run }) }),
    },
  }, async (request, reply) => {
    const period = monthStart(request.body.period);
    const errors = [];
    if (!period) errors.push({ field: 'period', rule: 'month_invalid' });
    const asOf = request.body.asOf;
    if (asOf !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(asOf)))) errors.push({ field: 'asOf', rule: 'date_invalid' });
    if (errors.length) throw new AppError(422, 'validation_failed', {}, errors);
    const { run, finished } = await beginBilling(app.db, { period: period!, asOf, actor: actorOf(request) });
    if (!finished) return { run: runView(run) };
    finished.catch((err: unknown) => app.log.error({ err, runId: run.id }, 'billing run failed'));
    reply.code(202);
    return { run: runView(run) };
  });

  app.get('/api/v1/billing/runs/:id', {
    config: { access: { roles: STAFF } },
    schema: { tags: ['contributions'], summary: 'Kemajuan dan hasil penagihan / a billing run\'s progress and counts', params: IdParams, response: responses({ 200: Run }) },
  }, async (request) => {
    const run = await getRun(app.db, request.params.id);
    if (!run) throw new AppError(404, 'not_found');
    return runView(run);
  });

  app.get('/api/v1/bills', {
    config: { access: { roles: ['admin', 'supervisor', 'officer', 'auditor', 'employer_admin'] } },
    schema: {
      tags: ['contributions'], summary: 'Tagihan dalam lingkup Anda / bills in your scope',
      querystring: Type.Object({
        runId: Type.Optional(Type.Integer({ minimum: 1 })), employerId: Type.Optional(Type.Integer({ minimum: 1 })),
        segment: Type.Optional(Type.Union([Type.Literal('PU'), Type.Literal('BPU'), Type.Literal('JAKON'), Type.Literal('PMI')])),
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('paid'), Type.Literal('expired'), Type.Literal('overdue')])), ...Page,
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ total: Type.Integer(), items: Type.Array(BillSummary) }) }),
    },
  }, async (request) => {
    const user = requireUser(request);
    const q = request.query;
    if (user.role === 'employer_admin') {
      // an employer's users see their own company only
      if (q.employerId === undefined) throw new AppError(422, 'validation_failed', {}, [{ field: 'employerId', rule: 'required' }]);
      await assertEmployerAccess(app.db, request, q.employerId);
      return listBills(app.db, { ...q });
    }
    return listBills(app.db, { ...q, scope: user.scope });
  });

  app.get('/api/v1/bills/:id/payment-options', {
    config: { access: { roles: BILL_READERS } },
    schema: {
      tags: ['contributions'], summary: 'Cara membayar tagihan: kode, virtual account, QRIS / how to pay a bill: code, virtual accounts, QRIS',
      params: IdParams,
      response: responses({ 200: Type.Object({
        paymentCode: Type.String(), amount: Type.Integer({ description: 'sisa tagihan / still outstanding' }),
        virtualAccounts: Type.Array(Type.Object({ bank: Type.String(), number: Type.String() })),
        qris: Nullable(Type.Object({ payload: Type.String({ description: 'EMV MPM, dengan CRC / with its CRC' }), svg: Type.String() })),
      }) }),
    },
  }, async (request) => {
    const bill = await loadBill(app, request, request.params.id, { limit: 1, offset: 0 });
    return paymentOptions(app.db, app.config, { paymentCode: bill.paymentCode, outstanding: bill.status === 'open' ? bill.totalAmount - bill.paidAmount : 0 });
  });

  app.get('/api/v1/bills/:id', {
    config: { access: { roles: BILL_READERS } },
    schema: {
      tags: ['contributions'], summary: 'Satu tagihan dengan baris dan pembayarannya / one bill with its lines and payments',
      params: IdParams, querystring: Type.Object(Page, { additionalProperties: false }),
      response: responses({ 200: Type.Intersect([BillSummary, Type.Object({
        employerAmount: Type.Integer(), workerAmount: Type.Integer(), participantAmount: Type.Integer(), lineTotal: Type.Integer(), lineItems: Type.Array(Line),
        payments: Type.Array(Type.Object({
          id: Type.Integer(), amount: Type.Integer({ description: 'yang masuk ke tagihan ini / what went to this bill' }), paidAt: Type.String({ format: 'date-time' }), channel: Type.String(), channelRef: Type.String(),
          paymentAmount: Type.Integer({ description: 'seluruh pembayaran (negatif untuk pembatalan) / the whole payment (negative for a reversal)' }), paidWithBillId: Type.Integer({ description: 'tagihan yang kodenya dipakai membayar / the bill whose code was paid' }),
          reversesPaymentId: Nullable(Type.Integer({ description: 'pembatalan: pembayaran yang dibatalkannya / a reversal: the payment it reverses' })),
          reversedBy: Nullable(Type.Integer({ description: 'pembatalan pembayaran ini, bila ada / this payment\'s reversal, if any' })),
        })),
      })]) }),
    },
  }, async (request) => {
    const { branchId: _branch, ...bill } = await loadBill(app, request, request.params.id, request.query);
    return { ...bill, payments: bill.payments.map((p) => ({ ...p, paidAt: p.paidAt.toISOString() })) };
  });

  for (const format of ['csv', 'xlsx', 'pdf'] as const) {
    app.get(`/api/v1/bills/:id/export.${format}`, {
      config: { access: { roles: BILL_READERS } },
      schema: {
        tags: ['contributions'], summary: `Unduh tagihan (${format.toUpperCase()}) / download the bill (${format.toUpperCase()})`, params: IdParams,
        querystring: Type.Object({ lang: Type.Optional(Type.Union([Type.Literal('id'), Type.Literal('en')], { description: 'bahasa berkas / the file\'s language (default: Accept-Language)' })) }, { additionalProperties: false }),
      },
    }, async (request, reply) => {
      const { id } = request.params as { id: number };
      const lang = (request.query as { lang?: 'id' | 'en' }).lang ?? request.lang;
      const bill = await loadBill(app, request, id, { limit: 1, offset: 0 });
      const name = `tagihan-${bill.paymentCode}`;
      if (format === 'pdf') {
        const byProgram = (await sql<{ program: string; payer: string; kind: string; amount: number }>`
          SELECT program, payer, kind, sum(amount)::bigint AS amount FROM bill_lines WHERE bill_id = ${id} GROUP BY 1, 2, 3 ORDER BY kind, 1, 2`.execute(app.db)).rows
          .map((r) => ({ ...r, amount: Number(r.amount) }));
        reply.header('content-disposition', `attachment; filename="${name}.pdf"`).type('application/pdf');
        return billPdf(bill, byProgram, lang);
      }
      const lines = await billLines(app.db, id, { limit: EXPORT_LIMIT, offset: 0 });
      if (format === 'csv') {
        reply.header('content-disposition', `attachment; filename="${name}.csv"`).type('text/csv; charset=utf-8');
        return billCsv(lines, lang);
      }
      reply.header('content-disposition', `attachment; filename="${name}.xlsx"`).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      return billXlsx(bill, lines, lang);
    });
  }

  app.post('/api/v1/bills/:id/payments', {
    config: { access: { roles: CASHIERS } },
    schema: {
      tags: ['contributions'],
      summary: 'Catat pembayaran di loket / record a counter payment',
      description: 'Idempoten pada channelRef: kiriman ulang menjawab sama tanpa mencatat lagi (200). / Idempotent on channelRef: a repeat answers the same and records nothing (200).',
      params: IdParams,
      body: Type.Object({
        amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 }), channelRef: Type.String({ minLength: 3, maxLength: 64 }),
        paidAt: Type.Optional(Type.String({ format: 'date-time' })),
      }, { additionalProperties: false }),
      response: responses({ 200: PaymentResult(), 201: PaymentResult() }),
    },
  }, async (request, reply) => {
    await loadBill(app, request, request.params.id, { limit: 1, offset: 0 });
    const paidAt = request.body.paidAt ? new Date(request.body.paidAt) : new Date();
    if (paidAt.getTime() > Date.now() + 60_000) throw new AppError(422, 'validation_failed', {}, [{ field: 'paidAt', rule: 'date_in_future' }]);
    const result = await recordPayment(app.db, { billId: request.params.id, amount: request.body.amount, paidAt, channel: 'counter', channelRef: request.body.channelRef, actor: actorOf(request) });
    reply.code(result.replayed ? 200 : 201);
    return result;
  });

  app.post('/api/v1/payments/:id/reversal', {
    config: { access: { roles: RUNNERS } },
    schema: {
      tags: ['contributions'],
      summary: 'Batalkan satu pembayaran / reverse one payment',
      description: 'Jurnalnya dibalik, tagihan yang dibayarnya dibuka kembali sebesar yang dibayarkan, masa kepesertaan BPU mundur. Sekali per pembayaran: permintaan ulang menjawab pembatalan yang ada (200). / Its journal entry is reversed, the bills it paid owe again what it paid, a BPU participant\'s coverage goes back. Once per payment: a repeat answers the existing reversal (200).',
      params: IdParams,
      body: Type.Object({ reason: Type.String({ maxLength: 500, description: 'mengapa dibatalkan / why it is reversed' }) }, { additionalProperties: false }),
      response: responses({ 200: Reversal, 201: Reversal }),
    },
  }, async (request, reply) => {
    const payment = await app.db.selectFrom('bill_payments').select('bill_id').where('id', '=', request.params.id).executeTakeFirst();
    if (!payment) throw new AppError(404, 'payment_not_found', { id: request.params.id });
    await loadBill(app, request, payment.bill_id, { limit: 1, offset: 0 });
    const result = await reversePayment(app.db, { paymentId: request.params.id, reason: request.body.reason, actor: actorOf(request), requestId: request.id });
    reply.code(result.replayed ? 200 : 201);
    return result;
  });

  app.get('/api/v1/employers/:id/arrears', {
    config: { access: { roles: ['employer_admin', 'officer', 'supervisor', 'admin', 'auditor'] } },
    schema: {
      tags: ['contributions'], summary: 'Tunggakan pemberi kerja dan tagihan terakhir / an employer\'s arrears and recent bills', params: IdParams,
      response: responses({ 200: Type.Object({ openBills: Type.Integer(), overdueBills: Type.Integer(), overdueAmount: Type.Integer(), oldestDueDate: Nullable(Type.String()), bills: Type.Array(BillSummary) }) }),
    },
  }, async (request) => {
    await assertEmployerAccess(app.db, request, request.params.id);
    return employerArrears(app.db, request.params.id);
  });

  app.get('/api/v1/me/contributions', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['contributions'], summary: 'Iuran saya per bulan / my contributions month by month',
      response: responses({ 200: Type.Object({
        participations: Type.Array(Type.Object({ participantId: Type.Integer(), segment: Type.String(), status: Type.String(), paidThrough: Nullable(Type.String()), planMonths: Nullable(Type.Integer()) })),
        months: Type.Array(Type.Object({
          month: Type.String(), segment: Type.String(), employerName: Nullable(Type.String()), wage: Nullable(Type.Integer()), declaredIncome: Nullable(Type.Integer()),
          amount: Type.Integer(), ownShare: Type.Integer(), billId: Type.Integer(), paymentCode: Type.String(), dueDate: Type.String(), billStatus: Type.String(), paid: Type.Boolean(), protected: Type.Boolean(),
        })),
      }) }),
    },
  }, async (request) => {
    const personId = await personOfUser(app, request);
    return { participations: await participationsOf(app.db, personId), months: await contributionMonths(app.db, personId) };
  });

  app.put('/api/v1/me/payment-plan', {
    config: { access: { roles: ['participant'] } },
    schema: {
      tags: ['contributions'], summary: 'Pilih berapa bulan dibayar sekaligus / choose how many months to pay at once',
      body: Type.Object({ months: Type.Union([Type.Literal(1), Type.Literal(3), Type.Literal(6), Type.Literal(12)]) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ months: Type.Integer() }) }),
    },
  }, async (request) => {
    const personId = await personOfUser(app, request);
    const participant = await app.db.selectFrom('participants').select('id').where('person_id', '=', personId).where('segment', '=', 'BPU').where('status', '<>', 'ended').executeTakeFirst();
    if (!participant) throw new AppError(409, 'not_bpu_participant');
    const { months } = request.body;
    await inTransaction(app.db, async (tx) => {
      const before = await tx.selectFrom('bpu_payment_plans').select('months').where('participant_id', '=', participant.id).executeTakeFirst();
      await tx.insertInto('bpu_payment_plans').values({ participant_id: participant.id, months })
        .onConflict((oc) => oc.column('participant_id').doUpdateSet({ months, updated_at: new Date() })).execute();
      await recordAudit(tx, { actor: actorOf(request), action: 'participant.payment_plan_changed', entityType: 'participant', entityId: participant.id, before: { months: before?.months ?? 1 }, after: { months }, requestId: request.id });
    });
    return { months };
  });
}

function PaymentResult() {
  return Type.Object({
    paymentId: Type.Integer(), billId: Type.Integer(), billStatus: Type.String(), paidAmount: Type.Integer(), outstanding: Type.Integer(), replayed: Type.Boolean(),
    allocations: Type.Array(Type.Object({ billId: Type.Integer(), amount: Type.Integer() }), { description: 'ke tagihan mana pembayaran ini masuk / where the payment went, bill by bill' }),
    credit: Type.Integer({ description: 'kelebihan bayar, menjadi kredit untuk tagihan berikutnya / paid beyond what was owed, credited to the next bill' }),
    entryId: Type.Integer({ description: 'jurnal buku besar / the ledger journal entry' }),
  });
}

const Reversal = Type.Object({
  paymentId: Type.Integer(), reversalId: Type.Integer({ description: 'catatan pembatalan / the reversal record' }),
  entryId: Type.Integer({ description: 'jurnal pembalik / the reversing journal entry' }), replayed: Type.Boolean(),
  bills: Type.Array(Type.Object({ billId: Type.Integer(), amount: Type.Integer({ description: 'yang kembali terutang / owed again' }), paidAmount: Type.Integer(), status: Type.String() })),
});
