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
  };
}
