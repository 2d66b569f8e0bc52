/**
 * The `lindung` command as an operator runs it: seed demo data twice (the second run changes
 * nothing), verify integrity, and see verify fail once an audit event has been tampered with.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { projectRoot } from '../src/platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/platform/db.ts';
import { testDatabase } from './support/db.ts';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
let openDb: () => Promise<DatabaseHandle>;

before(async () => {
  if (process.env.DATABASE_URL) {
    const handle = await testDatabase();
    env = { DATABASE_URL: handle.url! };
    openDb = () => openDatabase({ databaseUrl: handle.url!, poolSize: 1 });
    cleanup = () => handle.close();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lindung-cli-'));
    env = { LINDUNG_DATA_DIR: dir };
    // the CLI and this test never hold the data folder at the same time
    openDb = () => openDatabase({ dataDir: dir });
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
});
after(() => cleanup());

function lindung(...args: string[]) {
  const { DATABASE_URL: _, ...rest } = process.env;
  const r = spawnSync(process.execPath, ['bin/lindung.mjs', ...args], { cwd: projectRoot, env: { ...rest, ...env }, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

test('seed --demo creates the demo users once; running it again changes nothing', () => {
  const first = lindung('seed', '--demo');
  assert.equal(first.status, 0, first.out);
  assert.match(first.out, /pengguna demo dibuat \/ demo users created: 10/);
  const second = lindung('seed', '--demo');
  assert.equal(second.status, 0, second.out);
  assert.match(second.out, /demo users created: 0/);
});

test('verify passes on an intact database and fails once an audit event is edited', async () => {
  const ok = lindung('verify');
  assert.equal(ok.status, 0, ok.out);
  assert.match(ok.out, /Integritas baik \/ integrity OK/);
  assert.match(ok.out, /0 masalah \/ problems/);

  const db = await openDb();
  await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(db.db);
  await sql`UPDATE audit_events SET action = 'user.deleted' WHERE id = (SELECT max(id) FROM audit_events)`.execute(db.db);
  await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(db.db);
  await db.close();

  const bad = lindung('verify');
  assert.equal(bad.status, 1, bad.out);
  assert.match(bad.out, /hash_mismatch/);
  assert.match(bad.out, /INTEGRITAS GAGAL \/ INTEGRITY CHECK FAILED/);
});

test('an unknown command is explained, in both languages', () => {
  const r = lindung('terbang');
  assert.equal(r.status, 1);
  assert.match(r.out, /Perintah tidak dikenal \/ unknown command: terbang/);
});
