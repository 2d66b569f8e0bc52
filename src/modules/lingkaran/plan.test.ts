import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planAllocation } from './plan.ts';

const candidates = [101, 102, 103, 104].map((participantId) => ({ participantId, startMonth: '2026-11-01' }));

test('funds whole workers in priority order while the money lasts; the rest stays unused', () => {
  // 6 months × 16,800 = 100,800 per worker; 250,000 funds two workers and leaves 48,400
  const plan = planAllocation({ candidates, donations: [{ donationId: 1, remaining: 150_000 }, { donationId: 2, remaining: 100_000 }], months: 6, monthlyAmount: 16_800, maxWorkers: 10 });
  assert.deepEqual(plan.workers.map((w) => w.participantId), [101, 102]);
  assert.deepEqual(plan.workers[0]!.months, ['2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01', '2027-03-01', '2027-04-01']);
  assert.equal(plan.used, 201_600);
  assert.equal(plan.unused, 48_400);
  assert.equal(plan.funding.reduce((s, f) => s + f.amount, 0), plan.used, 'every rupiah spent names its donation');
});

test('a worker-month is split across two donations when the first runs out, oldest donation first', () => {
  const plan = planAllocation({ candidates, donations: [{ donationId: 1, remaining: 20_000 }, { donationId: 2, remaining: 20_000 }], months: 2, monthlyAmount: 16_800, maxWorkers: 10 });
  assert.deepEqual(plan.funding, [
    { donationId: 1, participantId: 101, month: '2026-11-01', amount: 16_800 },
    { donationId: 1, participantId: 101, month: '2026-12-01', amount: 3_200 },
    { donationId: 2, participantId: 101, month: '2026-12-01', amount: 13_600 },
  ]);
  const perDonation = new Map<number, number>();
  for (const f of plan.funding) perDonation.set(f.donationId, (perDonation.get(f.donationId) ?? 0) + f.amount);
  assert.deepEqual([...perDonation], [[1, 20_000], [2, 13_600]]);
  assert.equal(plan.unused, 6_400);
});

test("the campaign's target caps the workers, and a donation already used up is skipped", () => {
  const plan = planAllocation({ candidates, donations: [{ donationId: 1, remaining: 0 }, { donationId: 2, remaining: 1_000_000 }], months: 1, monthlyAmount: 16_800, maxWorkers: 3 });
  assert.equal(plan.workers.length, 3);
  assert.ok(plan.funding.every((f) => f.donationId === 2));
  const none = planAllocation({ candidates: [], donations: [{ donationId: 2, remaining: 1_000_000 }], months: 6, monthlyAmount: 16_800, maxWorkers: 3 });
  assert.deepEqual(none, { workers: [], funding: [], used: 0, unused: 1_000_000 });
});
