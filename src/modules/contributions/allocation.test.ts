import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocate, type Owed } from './allocation.ts';

const line = (billId: number, period: string, program: string, outstanding: number, extra: Partial<Owed> = {}): Owed =>
  ({ billId, period, kind: 'contribution', month: period, program, payer: 'employer', participantId: 7, outstanding, ...extra });

test('the oldest month is paid first, whatever bill the payment names (RULES.md §3)', () => {
  const owed = [line(2, '2026-10-01', 'JKK', 24_000), line(2, '2026-10-01', 'JKM', 30_000), line(1, '2026-09-01', 'JKK', 24_000), line(1, '2026-09-01', 'JKM', 30_000)];
  const { allocations, excess } = allocate(owed, 60_000);
  assert.deepEqual(allocations.map((a) => [a.billId, a.program, a.amount]), [[1, 'JKK', 24_000], [1, 'JKM', 30_000], [2, 'JKK', 6_000]]);
  assert.equal(excess, 0);
});

test("a bill's contributions are paid before its fines; an overpayment is left as the payer's credit", () => {
  const owed = [line(3, '2026-11-01', 'JKK', 1_000, { kind: 'fine', month: '2026-09-01' }), line(3, '2026-11-01', 'JHT', 5_000, { payer: 'worker' }), line(3, '2026-11-01', 'JHT', 3_700)];
  const { allocations, excess } = allocate(owed, 12_000);
  assert.deepEqual(allocations.map((a) => [a.kind, a.program, a.payer, a.amount]), [
    ['contribution', 'JHT', 'employer', 3_700], ['contribution', 'JHT', 'worker', 5_000], ['fine', 'JKK', 'employer', 1_000]]);
  assert.equal(excess, 2_300);
  assert.equal(allocations.reduce((s, a) => s + a.amount, 0) + excess, 12_000, 'every rupiah is somewhere');
});

test('a payment must be a whole positive rupiah amount', () => {
  assert.throws(() => allocate([], 0), /whole positive/);
  assert.throws(() => allocate([], 10.5), /whole positive/);
});

// payment_record (migration 0024) allocates in SQL, through payment_allocation: it must agree with
// allocate(), line for line, on any set of line groups owed (programs as bill_lines allows them: for
// two programs outside PROGRAM_ORDER allocate() keeps the order it was given, which SQL does not know).
test('payment_allocation in SQL allocates exactly as allocate() does, on random bills', async () => {
  const { sql } = await import('kysely');
  const { testDatabase } = await import('../../../test/support/db.ts');
  const handle = await testDatabase({ poolSize: 1 });
  try {
    let seed = 20261121;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]) => xs[rnd(xs.length)]!;
    const months = ['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01'];
    for (let round = 0; round < 150; round++) {
      const byKey = new Map<string, Owed>();
      const bills = Array.from({ length: 1 + rnd(4) }, () => ({ billId: 1 + rnd(40), period: pick(months) }));
      for (let i = 0, n = 1 + rnd(25); i < n; i++) {
        const bill = pick(bills);
        const o: Owed = {
          ...bill, kind: rnd(4) ? 'contribution' : 'fine', month: pick(months), program: pick(['JKK', 'JKM', 'JHT', 'JP', 'JKK+JKM']),
          payer: pick(['employer', 'worker', 'participant'] as const), participantId: rnd(3) ? 1 + rnd(12) : null, outstanding: rnd(10) ? 1 + rnd(90_000) : 0,
        };
        byKey.set(JSON.stringify({ ...o, outstanding: 0 }), o);
      }
      const owed = [...byKey.values()];
      const total = owed.reduce((s, o) => s + o.outstanding, 0);
      const amount = 1 + rnd(Math.max(1, Math.round(total * 1.2)));
      const expected = allocate(owed, amount);
      const { rows } = await sql<{ bill_id: number; period: string; kind: Owed['kind']; month: string; program: string; payer: Owed['payer']; participant_id: number | null; amount: number }>`
        SELECT a.bill_id, a.period, a.kind, a.month, a.program, a.payer, a.participant_id, a.amount
        FROM payment_allocation((SELECT coalesce(array_agg(ROW(o.bill_id, o.period, o.kind, o.month, o.program, o.payer, o.participant_id, o.outstanding)::payment_owed), '{}')
                                 FROM jsonb_to_recordset(${JSON.stringify(owed.map((o) => ({ bill_id: o.billId, period: o.period, kind: o.kind, month: o.month, program: o.program, payer: o.payer, participant_id: o.participantId, outstanding: o.outstanding })))}::jsonb)
                                   AS o(bill_id bigint, period date, kind text, month date, program text, payer text, participant_id bigint, outstanding bigint)),
                                ${amount}::bigint) AS a
        ORDER BY a.n`.execute(handle.db);
      const got = rows.map((r) => ({ billId: r.bill_id, period: r.period, kind: r.kind, month: r.month, program: r.program, payer: r.payer, participantId: r.participant_id, amount: r.amount }));
      assert.deepEqual(got, expected.allocations, `round ${round}: ${JSON.stringify({ owed, amount })}`);
      assert.equal(amount - got.reduce((s, a) => s + a.amount, 0), expected.excess);
    }
  } finally {
    await handle.close();
  }
});
