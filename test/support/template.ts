/**
 * Test databases are clones of a template that has every migration and the reference data (regions,
 * branches), built once per change of migrations: a dumped data folder for PGlite, a template
 * database for PostgreSQL. A clone takes well under a second instead of several.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { projectRoot } from '../../src/platform/config.ts';
import { openDatabase } from '../../src/platform/db.ts';
import { discoverMigrations } from '../../src/platform/migrate.ts';
import { migrateAndLoadReference } from '../../src/setup.ts';

export function templateKey(): string {
  const h = crypto.createHash('sha256');
  for (const m of discoverMigrations()) h.update(m.checksum);
  for (const f of ['src/modules/regions/load.ts', 'src/modules/registry/branch-data.ts', 'src/modules/registry/branches.ts', 'src/setup.ts']) {
    h.update(fs.readFileSync(path.join(projectRoot, f)));
  }
  h.update(fs.readFileSync(path.join(projectRoot, 'node_modules/idn-area-data/package.json')));
  return h.digest('hex').slice(0, 12);
}

export const pgliteTemplatePath = () => path.join(projectRoot, '.cache', `pglite-template-${templateKey()}.tar.gz`);

export async function ensurePgliteTemplate(): Promise<string> {
  const file = pgliteTemplatePath();
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const handle = await openDatabase({ dataDir: 'memory://' });
  await migrateAndLoadReference(handle.db, { quiet: true });
  const dump = await handle.pglite!.dumpDataDir('gzip');
  await handle.close();
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(tmp, file);
  return file;
}

export function adminUrl(databaseUrl: string, database = 'postgres'): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${database}`;
  return u.toString();
}

export const postgresTemplateName = () => `lindung_tpl_${templateKey()}`;

export async function ensurePostgresTemplate(databaseUrl: string): Promise<string> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: adminUrl(databaseUrl) });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(7345201)');
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      const building = `${name}_building`;
      await admin.query(`DROP DATABASE IF EXISTS ${building}`);
      await admin.query(`CREATE DATABASE ${building}`);
      const handle = await openDatabase({ databaseUrl: adminUrl(databaseUrl, building), poolSize: 2 });
      await migrateAndLoadReference(handle.db, { quiet: true });
      await handle.close();
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      // templates of older migrations are no longer needed
      const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'lindung_tpl_%' AND datname <> $1`, [name]);
      for (const row of old.rows as { datname: string }[]) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(7345201)').catch(() => {});
    await admin.end();
  }
  return name;
}
