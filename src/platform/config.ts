import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Config {
  /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Folder of the embedded database. */
  dataDir: string;
  port: number;
  host: string;
  /** development shows one-time codes in the log and on the dev outbox page. */
  mode: 'development' | 'production';
  logLevel: string;
  /** The address people reach Lindung at (printed on cards); from the request when unset. */
  publicUrl: string | undefined;
  /**
   * The QRIS merchant bills are paid to (LINDUNG_QRIS_NMID and friends, from the acquiring bank). In
   * development a demo merchant; in production no QRIS option is shown until the NMID is set.
   */
  qris: { merchantName: string; merchantCity: string; postalCode: string; merchantPan: string; nmid: string; mcc: string } | null;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.LINDUNG_MODE === 'production' || env.NODE_ENV === 'production' ? 'production' : 'development';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.LINDUNG_DATA_DIR || path.join(projectRoot, '.lindung-data')),
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
    mode,
    logLevel: env.LOG_LEVEL || 'info',
    publicUrl: env.LINDUNG_PUBLIC_URL?.replace(/\/+$/, '') || undefined,
    qris: env.LINDUNG_QRIS_NMID || mode === 'development'
      ? {
          merchantName: env.LINDUNG_QRIS_MERCHANT_NAME || 'LINDUNG JAMINAN SOSIAL',
          merchantCity: env.LINDUNG_QRIS_CITY || 'JAKARTA',
          postalCode: env.LINDUNG_QRIS_POSTAL_CODE || '10110',
          merchantPan: env.LINDUNG_QRIS_PAN || '9360000812345678901',
          nmid: env.LINDUNG_QRIS_NMID || 'ID1026000000001',
          mcc: env.LINDUNG_QRIS_MCC || '6300',
        }
      : null,
  };
}
