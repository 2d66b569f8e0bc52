/**
 * Contribution quotes for every segment (RULES.md §2), pure: the parameters in force come in, each
 * line names the rule row it used, and every line is rounded half up on its own (D1). Government
 * lines are shown but never added to what a payer owes.
 */
import type { FieldError } from '../../platform/errors.ts';
import { discountRate, percentOf, percentOfParts } from '../../platform/money.ts';
import { bpuMonthlyContribution, BPU_KEYS } from './bpu.ts';
import type { Parameter } from './parameters.ts';

export type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';
export type Payer = 'employer' | 'worker' | 'participant' | 'government';

export interface QuoteInput {
  segment: Segment;
  period: string;
  wage?: number;
  riskClass?: number;
  laborIntensiveDiscount?: boolean;
  declaredIncome?: number;
  includeJht?: boolean;
  contractValue?: number;
  contractMonths?: number;
}

/** 'JKK+JKM' is a migrant worker's package, which covers both. */
export type Program = 'JKK' | 'JKM' | 'JHT' | 'JP' | 'JKP' | 'JKK+JKM';

export interface QuoteLine {
  program: Program;
  payer: Payer;
  /** PMI packages: which phase of the migration the line protects */
  phase?: 'pre_placement' | 'during_after' | 'extra_months';
  base: number | null;
  rate: string | null;
  amount: number;
  ruleId: number;
  productDefault: boolean;
}

export interface Quote {
  lines: QuoteLine[];
  totals: { employer: number; worker: number; participant: number; total: number };
}

const JAKON_TIERS = [1, 2, 3, 4, 5] as const;

/** Parameters that may be absent on the day: a discount outside its months. */
export function optionalKeysFor(input: QuoteInput): string[] {
  return input.segment === 'PU' && input.laborIntensiveDiscount ? ['pu.jkk.discount.labor_intensive'] : [];
}

/** The parameter keys a quote for this segment reads. */
export function keysFor(input: QuoteInput): string[] {
  switch (input.segment) {
    case 'PU':
      return [`pu.jkk.rate.class${input.riskClass}`, 'pu.jkm.rate', 'pu.jht.rate.employer', 'pu.jht.rate.worker', 'pu.jp.rate.employer', 'pu.jp.rate.worker',
        'pu.jp.cap', 'pu.jkp.rate.government', 'pu.jkp.cap'];
    case 'BPU':
      return [...BPU_KEYS];
    case 'JAKON':
      return input.wage !== undefined ? ['jakon.jkk.rate.wage', 'jakon.jkm.rate.wage']
        : [...JAKON_TIERS.slice(0, 4).map((t) => `jakon.tier.limit${t}`), ...JAKON_TIERS.flatMap((t) => [`jakon.jkk.rate.tier${t}`, `jakon.jkm.rate.tier${t}`])];
    case 'PMI':
      return ['pmi.pre_placement', 'pmi.package.6', 'pmi.package.12', 'pmi.package.24', 'pmi.extra_month'];
  }
}

/** Missing and contradictory input, field by field (422 before anything is computed). */
export function quoteInputErrors(input: QuoteInput): FieldError[] {
  const errors: FieldError[] = [];
  const need = (field: keyof QuoteInput) => { if (input[field] === undefined) errors.push({ field, rule: 'required' }); };
  const forbid = (...fields: (keyof QuoteInput)[]) => {
    for (const f of fields) if (input[f] !== undefined) errors.push({ field: f, rule: 'not_for_segment', params: { segment: input.segment } });
  };
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.period)) errors.push({ field: 'period', rule: 'month_invalid' });
  switch (input.segment) {
    case 'PU':
      need('wage'); need('riskClass');
      forbid('declaredIncome', 'contractValue', 'contractMonths', 'includeJht');
      break;
    case 'BPU':
      need('declaredIncome');
      forbid('wage', 'riskClass', 'laborIntensiveDiscount', 'contractValue', 'contractMonths');
      break;
    case 'JAKON':
      if (input.wage === undefined && input.contractValue === undefined) errors.push({ field: 'contractValue', rule: 'wage_or_contract' });
      if (input.wage !== undefined && input.contractValue !== undefined) errors.push({ field: 'contractValue', rule: 'wage_or_contract' });
      forbid('riskClass', 'laborIntensiveDiscount', 'declaredIncome', 'includeJht', 'contractMonths');
      break;
    case 'PMI':
      need('contractMonths');
      forbid('wage', 'riskClass', 'laborIntensiveDiscount', 'declaredIncome', 'includeJht', 'contractValue');
      break;
  }
  return errors;
}

function line(program: Program, payer: Payer, base: number | null, p: Parameter, rate: string | null, amount: number, phase?: QuoteLine['phase']): QuoteLine {
  return { program, payer, ...(phase ? { phase } : {}), base, rate, amount, ruleId: p.id, productDefault: p.productDefault };
}
const pct = (program: Program, payer: Payer, base: number, p: Parameter, rate = p.value) => line(program, payer, base, p, rate, percentOf(base, rate));
const flat = (program: Program, p: Parameter, phase?: QuoteLine['phase'], times = 1) => line(program, 'participant', null, p, null, Number(p.value) * times, phase);

export function computeQuote(params: Map<string, Parameter>, input: QuoteInput): Quote {
  const get = (key: string) => params.get(key)!;
  const has = (key: string) => params.has(key);
  const lines: QuoteLine[] = [];
  switch (input.segment) {
    case 'PU': {
      const wage = input.wage!;
      const jkk = get(`pu.jkk.rate.class${input.riskClass}`);
      // the labour-intensive discount applies only in its months, and only to eligible employers
      const discount = input.laborIntensiveDiscount && has('pu.jkk.discount.labor_intensive') ? get('pu.jkk.discount.labor_intensive') : undefined;
      lines.push(discount ? { ...pct('JKK', 'employer', wage, jkk, discountRate(jkk.value, discount.value)), ruleId: discount.id } : pct('JKK', 'employer', wage, jkk));
      lines.push(pct('JKM', 'employer', wage, get('pu.jkm.rate')));
      lines.push(pct('JHT', 'employer', wage, get('pu.jht.rate.employer')), pct('JHT', 'worker', wage, get('pu.jht.rate.worker')));
      // a line built on a default ceiling is itself a default (D3), whichever rate it uses
      const cap = get('pu.jp.cap');
      const jpBase = Math.min(wage, Number(cap.value));
      for (const [payer, key] of [['employer', 'pu.jp.rate.employer'], ['worker', 'pu.jp.rate.worker']] as const) {
        const l = pct('JP', payer, jpBase, get(key));
        lines.push({ ...l, productDefault: l.productDefault || cap.productDefault });
      }
      lines.push(pct('JKP', 'government', Math.min(wage, Number(get('pu.jkp.cap').value)), get('pu.jkp.rate.government')));
      break;
    }
    case 'BPU': {
      const q = bpuMonthlyContribution(params, input.declaredIncome!, input.includeJht ?? false);
      for (const l of q.lines) lines.push({ program: l.program, payer: 'participant', base: l.base, rate: l.rate, amount: l.amount, ruleId: l.ruleIds[0]!, productDefault: l.productDefault });
      break;
    }
    case 'JAKON': {
      if (input.wage !== undefined) {
        lines.push(pct('JKK', 'employer', input.wage, get('jakon.jkk.rate.wage')), pct('JKM', 'employer', input.wage, get('jakon.jkm.rate.wage')));
        break;
      }
      // marginal tiers of the contract value: each part of the value at its own tier's rate, one line per program
      const value = input.contractValue!;
      const limits = [0, ...JAKON_TIERS.slice(0, 4).map((t) => Number(get(`jakon.tier.limit${t}`).value)), Infinity];
      for (const program of ['JKK', 'JKM'] as const) {
        const key = program.toLowerCase();
        const parts = JAKON_TIERS.map((t, i) => ({ base: Math.max(0, Math.min(value, limits[i + 1]!) - limits[i]!), rate: get(`jakon.${key}.rate.tier${t}`).value }))
          .filter((part) => part.base > 0);
        const used = JAKON_TIERS.slice(0, parts.length).map((t) => get(`jakon.${key}.rate.tier${t}`));
        lines.push({ program, payer: 'employer', base: value, rate: null, amount: percentOfParts(parts), ruleId: used[0]!.id, productDefault: used.some((u) => u.productDefault) });
      }
      break;
    }
    case 'PMI': {
      // the largest package within the contract, then every month beyond it (a 36-month contract: 24 + 12 × Rp13,500)
      const months = input.contractMonths!;
      const size = months >= 24 ? 24 : months >= 12 ? 12 : 6;
      lines.push(flat('JKK+JKM', get('pmi.pre_placement'), 'pre_placement'));
      lines.push(flat('JKK+JKM', get(`pmi.package.${size}`), 'during_after'));
      if (months > size) lines.push(flat('JKK+JKM', get('pmi.extra_month'), 'extra_months', months - size));
      break;
    }
  }
  const sum = (payer: Payer) => lines.filter((l) => l.payer === payer).reduce((s, l) => s + l.amount, 0);
  const totals = { employer: sum('employer'), worker: sum('worker'), participant: sum('participant'), total: 0 };
  totals.total = totals.employer + totals.worker + totals.participant;
  return { lines, totals };
}
