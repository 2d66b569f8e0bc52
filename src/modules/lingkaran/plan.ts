/**
 * What an allocation run funds (pure). Workers come in the campaign's priority order (allocation-run.ts
 * states it); each is funded for all of the campaign's months or not at all, while the money and the
 * campaign's target allow. Each worker-month is paid from the donations in the order they were paid,
 * a worker-month split across two donations when one runs out, so every rupiah names its donation.
 */
import { addMonths } from '../contributions/calendar.ts';

export interface Candidate { participantId: number; startMonth: string }
export interface Available { donationId: number; remaining: number }
export interface FundedWorker { participantId: number; months: string[] }
export interface Funding { donationId: number; participantId: number; month: string; amount: number }

export interface Plan {
  workers: FundedWorker[];
  funding: Funding[];
  /** what the run spends */
  used: number;
  /** what stays in the campaign afterwards */
  unused: number;
}

export function planAllocation(input: { candidates: readonly Candidate[]; donations: readonly Available[]; months: number; monthlyAmount: number; maxWorkers: number }): Plan {
  const { months, monthlyAmount } = input;
  if (!Number.isSafeInteger(monthlyAmount) || monthlyAmount <= 0 || !Number.isInteger(months) || months < 1) throw new Error('a worker-month costs a positive whole amount');
  const available = input.donations.reduce((s, d) => s + d.remaining, 0);
  const perWorker = months * monthlyAmount;
  const count = Math.max(0, Math.min(input.candidates.length, input.maxWorkers, Math.floor(available / perWorker)));
  const workers = input.candidates.slice(0, count).map((c) => ({ participantId: c.participantId, months: Array.from({ length: months }, (_, i) => addMonths(c.startMonth, i)) }));
  const funding: Funding[] = [];
  const left = input.donations.map((d) => ({ ...d }));
  let d = 0;
  for (const w of workers) {
    for (const month of w.months) {
      let owed = monthlyAmount;
      while (owed > 0) {
        while (left[d]!.remaining === 0) d++;
        const take = Math.min(owed, left[d]!.remaining);
        funding.push({ donationId: left[d]!.donationId, participantId: w.participantId, month, amount: take });
        left[d]!.remaining -= take;
        owed -= take;
      }
    }
  }
  const used = count * perWorker;
  return { workers, funding, used, unused: available - used };
}
