import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bpuMonthlyContribution } from './bpu.ts';
import type { Parameter } from './parameters.ts';

const p = (id: number, key: string, value: string): [string, Parameter] => [key, { id, key, value, unit: '', legalBasis: '', productDefault: false }];
const params = new Map([
  p(1, 'bpu.jkk.rate', '1'), p(2, 'bpu.jkk.min', '10000'), p(3, 'bpu.jkk.max', '207000'),
  p(4, 'bpu.jkm.flat', '6800'), p(5, 'bpu.jht.rate', '2'), p(6, 'bpu.income.min', '1000000'),
]);

test('the published BPU packages: Rp16,800 and Rp36,800 at an income of Rp1,000,000 (RULES.md §2.4)', () => {
  assert.equal(bpuMonthlyContribution(params, 1_000_000, false).total, 16_800);
  const withJht = bpuMonthlyContribution(params, 1_000_000, true);
  assert.equal(withJht.total, 36_800);
  assert.deepEqual(withJht.lines.map((l) => [l.program, l.amount]), [['JKK', 10_000], ['JKM', 6_800], ['JHT', 20_000]]);
});

test('JKK is clamped to Rp207,000 at the top', () => {
  assert.equal(bpuMonthlyContribution(params, 20_700_000, false).lines[0]!.amount, 207_000);
  assert.equal(bpuMonthlyContribution(params, 50_000_000, false).lines[0]!.amount, 207_000);
  assert.equal(bpuMonthlyContribution(params, 2_500_000, false).lines[0]!.amount, 25_000);
});

test('each line names the rule rows it used', () => {
  assert.deepEqual(bpuMonthlyContribution(params, 1_500_000, true).lines.map((l) => l.ruleIds), [[1, 2, 3], [4], [5]]);
});
