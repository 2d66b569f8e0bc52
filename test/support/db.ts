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

export async function testDatabase(opts: { poolSize?: number } = {}): Promise<DatabaseHandle & { url?: string }> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const file = await ensurePgliteTemplate();
    return openDatabase({ dataDir: 'memory://', loadDataDir: new Blob([fs.readFileSync(file)]) });
  }
  const template = await ensurePostgresTemplate(databaseUrl);
  const name = `lindung_test_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = adminUrl(databaseUrl, name);
  const handle = await openDatabase({ databaseUrl: url, poolSize: opts.poolSize ?? 10 });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl(databaseUrl) });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** An empty database with no migrations, for testing the migrator itself. */
export async function emptyDatabase(): Promise<DatabaseHandle> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) return openDatabase({ dataDir: 'memory://' });
  const name = `lindung_empty_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: adminUrl(databaseUrl, name), poolSize: 2 });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const a = new pg.Client({ connectionString: adminUrl(databaseUrl) });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}
