/**
 * The rule parameters a billing run reads for one contribution month, loaded once per run and turned
 * into the small rate tables the set-based statements join against.
 */
import { addMonths } from './calendar.ts';
import type { Executor } from '../../platform/db.ts';
import { discountRate } from '../../platform/money.ts';
import { BPU_KEYS } from '../rules/bpu.ts';
import { parametersAt, type Parameter } from '../rules/parameters.ts';

const PU_KEYS = [
  'pu.jkk.rate.class1', 'pu.jkk.rate.class2', 'pu.jkk.rate.class3', 'pu.jkk.rate.class4', 'pu.jkk.rate.class5',
  'pu.jkm.rate', 'pu.jht.rate.employer', 'pu.jht.rate.worker', 'pu.jp.rate.employer', 'pu.jp.rate.worker', 'pu.jp.cap',
  'pu.due.day', 'pu.due.month_offset', 'pu.fine.rate', 'pu.fine.rate.jp', 'pu.fine.days_per_month',
] as const;
const PU_OPTIONAL = ['pu.jkk.discount.labor_intensive', 'pu.discount.labor_intensive.min_workers'] as const;
const BPU_RUN_KEYS = [...BPU_KEYS, 'bpu.due.day', 'bpu.due.month_offset', 'bpu.lapse.months'] as const;

/** One PU rate a worker's line is built from: JKK rows carry the risk class and whether discounted. */
export interface PuRate {
  program: 'JKK' | 'JKM' | 'JHT' | 'JP';
  payer: 'employer' | 'worker';
  riskClass: number | null;
  discounted: boolean | null;
  rate: string;
  ruleId: number;
  /** base is the wage up to the JP ceiling */
  capped: boolean;
}

export interface PeriodRules {
  params: Map<string, Parameter>;
  puRates: PuRate[];
  jpCap: number;
  /** employers with at least this many active workers and the labour-intensive flag get the JKK discount; null outside its months */
  discountMinWorkers: number | null;
  fineRates: { program: 'JKK' | 'JKM' | 'JHT' | 'JP'; rate: string; ruleId: number }[];
  fineDaysPerMonth: number;
  puDue: { day: number; monthOffset: number };
  bpuDue: { day: number; monthOffset: number };
  lapseMonths: number;
}

export async function rulesForPeriod(db: Executor, period: string): Promise<PeriodRules> {
  const params = await parametersAt(db, [...PU_KEYS, ...BPU_RUN_KEYS], period, PU_OPTIONAL);
  const get = (k: string) => params.get(k)!;
  const n = (k: string) => Number(get(k).value);
  const discount = params.get('pu.jkk.discount.labor_intensive');
  const minWorkers = params.get('pu.discount.labor_intensive.min_workers');
  const puRates: PuRate[] = [];
  for (let c = 1; c <= 5; c++) {
    const p = get(`pu.jkk.rate.class${c}`);
    puRates.push({ program: 'JKK', payer: 'employer', riskClass: c, discounted: false, rate: p.value, ruleId: p.id, capped: false });
    // the discounted line names the discount's rule row, which names its legal basis (PP 7/2025)
    if (discount) puRates.push({ program: 'JKK', payer: 'employer', riskClass: c, discounted: true, rate: discountRate(p.value, discount.value), ruleId: discount.id, capped: false });
  }
  const plain = (program: PuRate['program'], payer: PuRate['payer'], key: string, capped = false): PuRate =>
    ({ program, payer, riskClass: null, discounted: null, rate: get(key).value, ruleId: get(key).id, capped });
  puRates.push(plain('JKM', 'employer', 'pu.jkm.rate'), plain('JHT', 'employer', 'pu.jht.rate.employer'), plain('JHT', 'worker', 'pu.jht.rate.worker'),
    plain('JP', 'employer', 'pu.jp.rate.employer', true), plain('JP', 'worker', 'pu.jp.rate.worker', true));
  const fine = get('pu.fine.rate');
  const fineJp = get('pu.fine.rate.jp');
  return {
    params,
    puRates,
    jpCap: n('pu.jp.cap'),
    discountMinWorkers: discount ? (minWorkers ? Number(minWorkers.value) : 0) : null,
    fineRates: [
      ...(['JKK', 'JKM', 'JHT'] as const).map((program) => ({ program, rate: fine.value, ruleId: fine.id })),
      { program: 'JP' as const, rate: fineJp.value, ruleId: fineJp.id },
    ],
    fineDaysPerMonth: n('pu.fine.days_per_month'),
    puDue: { day: n('pu.due.day'), monthOffset: n('pu.due.month_offset') },
    bpuDue: { day: n('bpu.due.day'), monthOffset: n('bpu.due.month_offset') },
    lapseMonths: n('bpu.lapse.months'),
  };
}

export async function loadHolidays(db: Executor): Promise<Set<string>> {
  const rows = await db.selectFrom('holidays').select('day').execute();
  return new Set(rows.map((r) => r.day));
}

/**
 * What a BPU status needs on one day, read lightly for a payment: the lapse and due-date parameters in
 * force that month, and the holidays of that month and the next (where its due date can fall).
 */
export async function bpuStatusRules(db: Executor, day: string): Promise<{ lapseMonths: number; bpuDue: { day: number; monthOffset: number }; holidays: Set<string> }> {
  const month = `${day.slice(0, 7)}-01`;
  const params = await parametersAt(db, ['bpu.lapse.months', 'bpu.due.day', 'bpu.due.month_offset'], month);
  const n = (k: string) => Number(params.get(k)!.value);
  const rows = await db.selectFrom('holidays').select('day').where('day', '>=', month).where('day', '<', addMonths(month, 2)).execute();
  return { lapseMonths: n('bpu.lapse.months'), bpuDue: { day: n('bpu.due.day'), monthOffset: n('bpu.due.month_offset') }, holidays: new Set(rows.map((r) => r.day)) };
}
