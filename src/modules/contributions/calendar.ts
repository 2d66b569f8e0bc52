/**
 * Due dates and months of delay (RULES.md §3, DECISIONS.md D7), as plain
 * functions on ISO dates (YYYY-MM-DD) so that the billing run, the screens and the tests agree.
 */

/** 'YYYY-MM' → 'YYYY-MM-01', or null when it is not a month. */
export function monthStart(period: string): string | null {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(period) ? `${period}-01` : null;
}

/** The calendar day in Western Indonesia (WIB, UTC+7), where the institution keeps its books. */
export function wibDate(at: Date = new Date()): string {
  return new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addMonths(monthIso: string, n: number): string {
  const d = utc(monthIso);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1)));
}

export function addDays(dayIso: string, n: number): string {
  const d = utc(dayIso);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utc(b).getTime() - utc(a).getTime()) / 86_400_000);
}

/** Months from month a to month b (both YYYY-MM-01 or any day of the month). */
export function monthsBetween(a: string, b: string): number {
  const x = utc(a), y = utc(b);
  return (y.getUTCFullYear() - x.getUTCFullYear()) * 12 + y.getUTCMonth() - x.getUTCMonth();
}

export function isWorkingDay(dayIso: string, holidays: ReadonlySet<string>): boolean {
  const wd = utc(dayIso).getUTCDay();
  return wd !== 0 && wd !== 6 && !holidays.has(dayIso);
}

/** The day itself if it is a working day, else the next working day. */
export function nextWorkingDay(dayIso: string, holidays: ReadonlySet<string>): string {
  let d = dayIso;
  while (!isWorkingDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/**
 * A contribution month's due date: day `day` of the month `monthOffset` months later (PU: the 15th of
 * the next month; BPU: the 15th of the same month), moved to the next working day.
 */
export function dueDate(period: string, rule: { day: number; monthOffset: number }, holidays: ReadonlySet<string>): string {
  const month = addMonths(period, rule.monthOffset);
  return nextWorkingDay(`${month.slice(0, 8)}${String(rule.day).padStart(2, '0')}`, holidays);
}

/**
 * Months of delay (D7): one for each started block of `daysPerMonth` days after the due date, so a
 * payment on day 1 to 30 after it is one month late. Paid on or before the due date: 0.
 */
export function monthsLate(due: string, paidOrAsOf: string, daysPerMonth: number): number {
  const days = daysBetween(due, paidOrAsOf);
  return days <= 0 ? 0 : Math.ceil(days / daysPerMonth);
}
