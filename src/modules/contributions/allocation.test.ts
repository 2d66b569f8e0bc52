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
