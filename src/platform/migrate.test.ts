import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { emptyDatabase } from '../../test/support/db.ts';
import { discoverMigrations, migrate, MigrationError, verifyMigrationHistory } from './migrate.ts';

test('migrations apply once, in order, and record their checksums', async () => {
  const handle = await emptyDatabase();
  try {
    const files = discoverMigrations();
    const first = await migrate(handle.db, files);
    assert.deepEqual(first.applied, files.map((f) => f.name));
    const again = await migrate(handle.db, files);
    assert.deepEqual(again.applied, [], 'a second run applies nothing');
    const rows = (await sql<{ version: number; checksum: string }>`SELECT version, checksum FROM schema_migrations ORDER BY version`.execute(handle.db)).rows;
    assert.deepEqual(rows, files.map((f) => ({ version: f.version, checksum: f.checksum })));
    const history = await verifyMigrationHistory(handle.db, files);
    assert.deepEqual(history.problems, []);
    assert.deepEqual(history.pending, []);
  } finally {
    await handle.close();
  }
});

test('a migration changed after it ran is refused with a clear message, and nothing new is applied', async () => {
  const handle = await emptyDatabase();
  try {
    const files = discoverMigrations();
    await migrate(handle.db, files.slice(0, 2));
    const edited = files.map((f, i) => (i === 1 ? { ...f, sql: `${f.sql}\n-- edited`, checksum: 'f'.repeat(64) } : f));
    await assert.rejects(migrate(handle.db, edited), (err: unknown) => {
      assert.ok(err instanceof MigrationError);
      assert.match(err.messageId, /diubah setelah dijalankan/);
      assert.match(err.messageEn, /changed after it was applied/);
      assert.match(err.messageEn, new RegExp(files[1]!.name));
      return true;
    });
    const applied = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM schema_migrations`.execute(handle.db)).rows[0]!.n;
    assert.equal(applied, 2, 'the pending migrations were not applied');
    const history = await verifyMigrationHistory(handle.db, edited);
    assert.equal(history.problems.length, 1);
  } finally {
    await handle.close();
  }
});

test('a migration whose file disappeared is reported', async () => {
  const handle = await emptyDatabase();
  try {
    const files = discoverMigrations();
    await migrate(handle.db, files.slice(0, 1));
    const history = await verifyMigrationHistory(handle.db, files.slice(1));
    assert.equal(history.problems.length, 1);
    assert.match(history.problems[0]!.messageEn, /its file is gone/);
  } finally {
    await handle.close();
  }
});

test('a failing migration leaves the database as it was', async () => {
  const handle = await emptyDatabase();
  try {
    const files = discoverMigrations().slice(0, 1);
    const broken = { version: 9999, name: '9999_broken.sql', file: '9999_broken.sql', checksum: 'x', sql: 'CREATE TABLE half_done (id int); SELECT no_such_function();' };
    await assert.rejects(migrate(handle.db, [...files, broken]));
    const tables = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('half_done', 'outbox_messages')`.execute(handle.db)).rows[0]!.n;
    assert.equal(tables, 0);
  } finally {
    await handle.close();
  }
});
