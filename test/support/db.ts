/**
 * A fresh database for one test file, on the engine the run is for: PostgreSQL when DATABASE_URL is
 * set, PGlite otherwise. Dropped again by close().
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/platform/db.ts';
import { adminUrl, ensurePgliteTemplate, ensurePostgresTemplate } from './template.ts';

export const testEngine = (): 'postgres' | 'pglite' => (process.env.DATABASE_URL ? 'postgres' : 'pglite');

/** A throwaway database on the PostgreSQL server (optionally cloned from a template), dropped by close(). */
async function serverDatabase(databaseUrl: string, prefix: string, opts: { template?: string; poolSize: number }) {
  const name = `${prefix}_${crypto.randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl(databaseUrl) });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}${opts.template ? ` TEMPLATE ${opts.template}` : ''}`);
  const url = adminUrl(databaseUrl, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: opts.poolSize });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      // a closed client's backend can still be exiting; let it go before dropping, so nothing is killed mid-goodbye
      await admin(`DO $$ BEGIN FOR i IN 1..50 LOOP EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '${name}'); PERFORM pg_sleep(0.1); END LOOP; END $$`);
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export async function testDatabase(opts: { poolSize?: number } = {}): Promise<DatabaseHandle & { url?: string }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const file = await ensurePgliteTemplate();
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(file)]) });
  }
  return serverDatabase(databaseUrl, 'lindung_test', { template: await ensurePostgresTemplate(databaseUrl), poolSize: opts.poolSize ?? 10 });
}

/** An empty database with no migrations, for testing the migrator itself. */
export async function emptyDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return openDatabase({ dataDir: 'memory://' });
  return serverDatabase(databaseUrl, 'lindung_empty', { poolSize: 2 });
}
