/**
 * Forward-only SQL migrations. Each module keeps its own in `migrations/NNNN_what.sql`; the number
 * orders them across modules. The history table records each file's SHA-256, so a migration edited
 * after it ran is refused instead of silently diverging between databases.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { projectRoot } from './config.ts';
import { inTransaction, type Db } from './db.ts';

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  checksum: string;
  sql: string;
}

export class MigrationError extends Error {
  constructor(
    readonly messageId: string,
    readonly messageEn: string,
  ) {
    super(`${messageId}\n${messageEn}`);
  }
}

const FILE_NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export function checksumOf(text: string): string {
  return crypto.createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

/** Every migration of the platform and the modules, in order. */
export function discoverMigrations(root = path.join(projectRoot, 'src')): MigrationFile[] {
  const dirs = [path.join(root, 'platform', 'migrations')];
  for (const mod of fs.readdirSync(path.join(root, 'modules'), { withFileTypes: true })) {
    if (mod.isDirectory()) dirs.push(path.join(root, 'modules', mod.name, 'migrations'));
  }
  const found: MigrationFile[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (!name.endsWith('.sql')) continue;
      const m = FILE_NAME.exec(name);
      if (!m) throw new MigrationError(`Nama berkas migrasi tidak sah: ${name}`, `Invalid migration file name: ${name} (expected NNNN_words.sql)`);
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      found.push({ version: Number(m[1]), name, file: path.relative(projectRoot, path.join(dir, name)), checksum: checksumOf(text), sql: text });
    }
  }
  found.sort((a, b) => a.version - b.version);
  for (let i = 1; i < found.length; i++) {
    if (found[i]!.version === found[i - 1]!.version) {
      throw new MigrationError(
        `Dua migrasi memakai nomor ${found[i]!.version}: ${found[i - 1]!.file} dan ${found[i]!.file}`,
        `Two migrations share number ${found[i]!.version}: ${found[i - 1]!.file} and ${found[i]!.file}`,
      );
    }
  }
  return found;
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

async function appliedMigrations(db: Db): Promise<AppliedRow[]> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
  const res = await sql<AppliedRow>`SELECT version, name, checksum FROM schema_migrations ORDER BY version`.execute(db);
  return res.rows;
}

/** Problems with the recorded history: changed or missing files. Empty when the history is sound. */
export function historyProblems(applied: AppliedRow[], files: MigrationFile[]): MigrationError[] {
  const byVersion = new Map(files.map((f) => [f.version, f]));
  const problems: MigrationError[] = [];
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      problems.push(new MigrationError(
        `Migrasi ${row.name} sudah dijalankan tetapi berkasnya tidak ada lagi.`,
        `Migration ${row.name} was applied but its file is gone.`,
      ));
    } else if (file.checksum !== row.checksum) {
      problems.push(new MigrationError(
        `Migrasi ${file.file} diubah setelah dijalankan (checksum berbeda). Jangan ubah migrasi lama; tulis migrasi baru.`,
        `Migration ${file.file} was changed after it was applied (checksum differs). Do not edit an applied migration; add a new one.`,
      ));
    }
  }
  return problems;
}

export interface MigrateResult {
  applied: string[];
}

/** Applies pending migrations in one transaction, under a lock so two processes never race. */
export async function migrate(db: Db, files = discoverMigrations(), onApply?: (name: string) => void): Promise<MigrateResult> {
  return inTransaction(db, async (tx) => {
    await sql`SELECT pg_advisory_xact_lock(7345200)`.execute(tx);
    const applied = await appliedMigrations(tx as unknown as Db);
    const problems = historyProblems(applied, files);
    if (problems.length) throw problems[0];
    const done = new Set(applied.map((a) => a.version));
    const names: string[] = [];
    for (const file of files) {
      if (done.has(file.version)) continue;
      onApply?.(file.name);
      await sql.raw(file.sql).execute(tx);
      await sql`INSERT INTO schema_migrations (version, name, checksum) VALUES (${file.version}, ${file.name}, ${file.checksum})`.execute(tx);
      names.push(file.name);
    }
    return { applied: names };
  });
}

/** For `lindung verify`: the recorded history against the files, without changing anything. */
export async function verifyMigrationHistory(db: Db, files = discoverMigrations()) {
  const applied = await appliedMigrations(db);
  const problems = historyProblems(applied, files);
  const pending = files.filter((f) => !applied.some((a) => a.version === f.version)).map((f) => f.name);
  return { applied: applied.length, pending, problems };
}
