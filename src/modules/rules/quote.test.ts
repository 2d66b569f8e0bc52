/** Every worked example of RULES.md §2, computed from the rules as seeded in the database. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

const quote = async (body: object, lang = 'id') => {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/quotes/contribution', payload: body, headers: { 'accept-language': lang } });
  return { status: res.statusCode, body: res.json() };
};
const amounts = (lines: any[]) => lines.map((l) => `${l.program}/${l.payer}=${l.amount}`);

test('§2.1: wage Rp10,000,000, medium risk: employer Rp689,000, worker Rp300,000', async () => {
  const { status, body } = await quote({ segment: 'PU', period: '2024-06', wage: 10_000_000, riskClass: 3 });
  assert.equal(status, 200);
  assert.deepEqual(amounts(body.lines), ['JKK/employer=89000', 'JKM/employer=30000', 'JHT/employer=370000', 'JHT/worker=200000', 'JP/employer=200000', 'JP/worker=100000', 'JKP/government=11000']);
  assert.deepEqual(body.totals, { employer: 689_000, worker: 300_000, participant: 0, total: 989_000 }, 'the government JKP line is shown, never added');
  assert.equal(body.lines[0].rate, '0.89');
  assert.ok(body.lines.every((l: any) => Number.isInteger(l.ruleId)));
});

test('§2.9: the JP wage ceiling of each period (10,547,400 from March 2025; 10,042,300 before)', async () => {
  const jp = async (period: string) => (await quote({ segment: 'PU', period, wage: 15_000_000, riskClass: 1 })).body.lines.filter((l: any) => l.program === 'JP');
  assert.deepEqual((await jp('2025-03')).map((l: any) => [l.base, l.amount]), [[10_547_400, 210_948], [10_547_400, 105_474]]);
  assert.deepEqual((await jp('2025-02')).map((l: any) => [l.base, l.amount]), [[10_042_300, 200_846], [10_042_300, 100_423]]);
  assert.deepEqual((await jp('2024-02')).map((l: any) => l.base), [9_559_600, 9_559_600]);
  const later = (await quote({ segment: 'PU', period: '2026-06', wage: 15_000_000, riskClass: 1 })).body.lines.find((l: any) => l.program === 'JP');
  assert.equal(later.base, 10_547_400);
  assert.equal(later.productDefault, true, 'after Feb 2026 the ceiling is a product default (D3)');
});

test('§2.7: the labour-intensive JKK discount starts in February 2025 and ends after January 2026', async () => {
  const jkk = async (period: string, laborIntensiveDiscount = true) =>
    (await quote({ segment: 'PU', period, wage: 5_000_000, riskClass: 3, laborIntensiveDiscount })).body.lines[0];
  assert.deepEqual([(await jkk('2025-03')).rate, (await jkk('2025-03')).amount], ['0.445', 22_250]);
  assert.equal((await jkk('2025-02')).amount, 22_250, 'first month');
  assert.equal((await jkk('2026-01')).amount, 22_250, 'last month');
  assert.equal((await jkk('2025-01')).amount, 44_500, 'before');
  assert.equal((await jkk('2026-02')).amount, 44_500, 'after');
  assert.equal((await jkk('2025-03', false)).amount, 44_500, 'not eligible');
});

test('D1: each line is rounded half up on its own', async () => {
  const { body } = await quote({ segment: 'PU', period: '2025-06', wage: 3_333_333, riskClass: 3 });
  assert.equal(body.lines[0].amount, 29_667, '29,666.66');
  assert.equal(body.lines[1].amount, 10_000, '9,999.999');
});

test('§2.4: the BPU packages Rp16,800 and Rp36,800', async () => {
  assert.equal((await quote({ segment: 'BPU', period: '2026-11', declaredIncome: 1_000_000 })).body.totals.participant, 16_800);
  const withJht = (await quote({ segment: 'BPU', period: '2026-11', declaredIncome: 1_000_000, includeJht: true })).body;
  assert.deepEqual(withJht.totals, { employer: 0, worker: 0, participant: 36_800, total: 36_800 });
});

test('§2.5: a construction contract of Rp1 billion with wages unknown: JKK Rp1,540,000, JKM Rp210,000', async () => {
  const { body } = await quote({ segment: 'JAKON', period: '2026-11', contractValue: 1_000_000_000 });
  assert.deepEqual(amounts(body.lines), ['JKK/employer=1540000', 'JKM/employer=210000']);
  assert.equal(body.lines[1].productDefault, true, 'the JKM tier above Rp500 jt is a product default (D9)');
  const small = (await quote({ segment: 'JAKON', period: '2026-11', contractValue: 80_000_000 })).body;
  assert.deepEqual(amounts(small.lines), ['JKK/employer=168000', 'JKM/employer=24000']);
  const known = (await quote({ segment: 'JAKON', period: '2026-11', wage: 4_000_000 })).body;
  assert.deepEqual(amounts(known.lines), ['JKK/employer=69600', 'JKM/employer=12000']);
});

test('§2.6: a migrant worker\'s 36-month contract: Rp37,500 before, Rp494,500 during and after', async () => {
  const { body } = await quote({ segment: 'PMI', period: '2026-11', contractMonths: 36 });
  assert.deepEqual(body.lines.map((l: any) => [l.phase, l.amount]), [['pre_placement', 37_500], ['during_after', 332_500], ['extra_months', 162_000]]);
  assert.equal(body.totals.total, 532_000);
  assert.equal((await quote({ segment: 'PMI', period: '2026-11', contractMonths: 12 })).body.totals.total, 37_500 + 189_000);
});

test('missing and contradictory input is a 422 that names each field, in the caller\'s language', async () => {
  const pu = await quote({ segment: 'PU', period: '2026-11', declaredIncome: 1_000_000 }, 'en');
  assert.equal(pu.status, 422);
  assert.deepEqual(pu.body.errors.map((e: any) => `${e.field}:${e.rule}`).sort(), ['declaredIncome:not_for_segment', 'riskClass:required', 'wage:required']);
  assert.equal(pu.body.errors.find((e: any) => e.field === 'declaredIncome').message, 'Does not apply to segment PU; remove this field.');
  const both = await quote({ segment: 'JAKON', period: '2026-11', wage: 1, contractValue: 1 });
  assert.deepEqual(both.body.errors.map((e: any) => e.rule), ['wage_or_contract']);
  const badPeriod = await quote({ segment: 'BPU', period: '2026-13', declaredIncome: 1_000_000 });
  assert.deepEqual(badPeriod.body.errors.map((e: any) => `${e.field}:${e.rule}`), ['period:month_invalid']);
  const tooEarly = await quote({ segment: 'PMI', period: '2020-01', contractMonths: 6 });
  assert.deepEqual(tooEarly.body.errors.map((e: any) => `${e.field}:${e.rule}`), ['period:no_rule_in_force']);
});
