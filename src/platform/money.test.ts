import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatRupiah, percentOf } from './money.ts';

test('percentages of a wage are exact and round half up per line (D1)', () => {
  assert.equal(percentOf(10_000_000, '0.89'), 89_000);
  assert.equal(percentOf(10_000_000, '3.7'), 370_000);
  assert.equal(percentOf(5_000_000, '0.445'), 22_250);
  assert.equal(percentOf(10_547_400, '2'), 210_948);
  assert.equal(percentOf(10_547_400, '1'), 105_474);
  assert.equal(percentOf(1_234_550, '1'), 12_346, '12,345.5 rounds up');
  assert.equal(percentOf(1_234_549, '1'), 12_345, '12,345.49 rounds down');
  assert.equal(percentOf(333, '0.3'), 1, '0.999 rounds to 1');
  assert.equal(percentOf(0, '1.74'), 0);
});

test('no floating-point drift on large bases', () => {
  assert.equal(percentOf(987_654_321_987, '0.24'), 2_370_370_373);
});

test('rupiah are shown the way each language writes numbers', () => {
  assert.equal(formatRupiah(16800, 'id'), 'Rp16.800');
  assert.equal(formatRupiah(16800, 'en'), 'Rp16,800');
});

test('a discounted rate stays an exact decimal', async () => {
  const { discountRate } = await import('./money.ts');
  assert.deepEqual(['0.24', '0.54', '0.89', '1.27', '1.74'].map((r) => discountRate(r, '50')), ['0.12', '0.27', '0.445', '0.635', '0.87']);
  assert.equal(discountRate('0.3', '0'), '0.3');
});

test('tiered lines are summed exactly, then rounded once', async () => {
  const { percentOfParts } = await import('./money.ts');
  // RULES.md §2.5: contract Rp1 M → JKK 100 jt × 0.21% + 400 jt × 0.17% + 500 jt × 0.13%
  assert.equal(percentOfParts([{ base: 100_000_000, rate: '0.21' }, { base: 400_000_000, rate: '0.17' }, { base: 500_000_000, rate: '0.13' }]), 1_540_000);
  assert.equal(percentOfParts([{ base: 150, rate: '0.5' }, { base: 150, rate: '0.5' }]), 2, '0.75 + 0.75 = 1.5 rounds up once, not 1 + 1');
});
