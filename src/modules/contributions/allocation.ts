/**
 * Where a payment goes (RULES.md §3, "PU payment allocation"): the payer's oldest month first; within a
 * bill, its contributions month by month and program by program before its fines; each line paid in
 * full before the next, the last one in part. What is left over is the payer's credit, shown on their
 * account and taken by their next bill. Pure: the caller reads what is still owed and writes the result.
 */

export interface Owed {
  billId: number;
  /** the bill's first contribution month, YYYY-MM-DD */
  period: string;
  kind: 'contribution' | 'fine';
  month: string;
  program: string;
  payer: 'employer' | 'worker' | 'participant';
  participantId: number | null;
  /** still unpaid on this line, whole rupiah > 0 */
  outstanding: number;
}

export interface Allocation extends Omit<Owed, 'outstanding'> {
  amount: number;
}

const PROGRAM_ORDER = ['JKK', 'JKM', 'JHT', 'JP', 'JKK+JKM'];
const rank = (program: string) => {
  const i = PROGRAM_ORDER.indexOf(program);
  return i < 0 ? PROGRAM_ORDER.length : i;
};

/** The order payments take what is owed: oldest bill, contributions before fines, month, program, payer, worker. */
export function paymentOrder(a: Owed, b: Owed): number {
  return a.period.localeCompare(b.period) || a.billId - b.billId
    || (a.kind === b.kind ? 0 : a.kind === 'contribution' ? -1 : 1)
    || a.month.localeCompare(b.month) || rank(a.program) - rank(b.program)
    || a.payer.localeCompare(b.payer) || (a.participantId ?? 0) - (b.participantId ?? 0);
}

export function allocate(owed: readonly Owed[], amount: number): { allocations: Allocation[]; excess: number } {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new Error(`a payment is a whole positive rupiah amount: ${amount}`);
  let left = amount;
  const allocations: Allocation[] = [];
  for (const line of [...owed].sort(paymentOrder)) {
    if (left === 0) break;
    if (line.outstanding <= 0) continue;
    const take = Math.min(left, line.outstanding);
    const { outstanding: _, ...where } = line;
    allocations.push({ ...where, amount: take });
    left -= take;
  }
  return { allocations, excess: left };
}
