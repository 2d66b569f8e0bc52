/**
 * The monthly contribution of an informal (BPU) participant, RULES.md §2.4 and DECISIONS.md D8:
 * JKK 1% of declared income clamped to [10,000; 207,000], JKM 6,800 flat, JHT 2% if chosen.
 * Pure: the parameters come in, so the same code explains any period.
 */
import { percentOf } from '../../platform/money.ts';
import type { Parameter } from './parameters.ts';

export const BPU_KEYS = ['bpu.jkk.rate', 'bpu.jkk.min', 'bpu.jkk.max', 'bpu.jkm.flat', 'bpu.jht.rate', 'bpu.income.min'] as const;

export interface ContributionLine {
  program: 'JKK' | 'JKM' | 'JHT';
  payer: 'participant';
  base: number | null;
  /** exact percentage as a decimal string, or null for a flat amount */
  rate: string | null;
  amount: number;
  ruleIds: number[];
  productDefault: boolean;
}

export interface BpuQuote {
  lines: ContributionLine[];
  total: number;
}

const num = (p: Parameter) => Number(p.value);
const get = (params: Map<string, Parameter>, key: (typeof BPU_KEYS)[number]) => params.get(key)!;

export function minimumDeclaredIncome(params: Map<string, Parameter>): number {
  return num(get(params, 'bpu.income.min'));
}

export function bpuMonthlyContribution(params: Map<string, Parameter>, declaredIncome: number, includeJht: boolean): BpuQuote {
  const rate = get(params, 'bpu.jkk.rate');
  const min = get(params, 'bpu.jkk.min');
  const max = get(params, 'bpu.jkk.max');
  const jkm = get(params, 'bpu.jkm.flat');
  const jkk = Math.min(num(max), Math.max(num(min), percentOf(declaredIncome, rate.value)));
  const lines: ContributionLine[] = [
    { program: 'JKK', payer: 'participant', base: declaredIncome, rate: rate.value, amount: jkk, ruleIds: [rate.id, min.id, max.id], productDefault: false },
    { program: 'JKM', payer: 'participant', base: null, rate: null, amount: num(jkm), ruleIds: [jkm.id], productDefault: jkm.productDefault },
  ];
  if (includeJht) {
    const jht = get(params, 'bpu.jht.rate');
    lines.push({ program: 'JHT', payer: 'participant', base: declaredIncome, rate: jht.value, amount: percentOf(declaredIncome, jht.value), ruleIds: [jht.id], productDefault: jht.productDefault });
  }
  return { lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}
