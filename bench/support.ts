/** What the benchmarks share: number formats, database URLs, settings from the environment, checkpoints. */
import { sql } from 'kysely';
import type { Db } from '../src/platform/db.ts';

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmtFixed = (n: number, digits: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The URL with its password hidden, for printing. */
export const maskUrl = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A positive whole number from the environment variable `name`, or `fallback` when it is unset. */
export function positiveSetting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} harus bilangan bulat positif / must be a positive integer: ${text}`);
  return n;
}

/** A checkpoint before each timed part, so that neither pays for the other's dirty buffers (needs superuser or pg_checkpoint). */
export async function checkpoint(db: Db): Promise<boolean> {
  try {
    await sql`CHECKPOINT`.execute(db);
    return true;
  } catch {
    return false;
  }
}
