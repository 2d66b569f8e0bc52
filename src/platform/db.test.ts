import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../test/support/db.ts';
import { inTransaction, prepared, type DatabaseHandle } from './db.ts';

let handle: DatabaseHandle;
before(async () => { handle = await testDatabase(); });
after(() => handle.close());

test('both engines return the same JavaScript types', async () => {
  const row = (await sql<Record<string, unknown>>`
    SELECT 16800::bigint AS small_bigint, 9007199254740993::bigint AS huge_bigint, 42::int AS int4,
           0.445::numeric AS rate, DATE '2024-02-29' AS leap_day, TIMESTAMPTZ '2026-11-21 08:00:00+07' AS at,
           true AS flag, ARRAY['82', '82.71']::text[] AS codes, '{"a":1}'::jsonb AS doc,
           ARRAY[7, 9007199254740993]::bigint[] AS ids`.execute(handle.db)).rows[0]!;
  assert.equal(row.small_bigint, 16800, 'BIGINT within 2^53 is a number');
  assert.equal(row.huge_bigint, 9007199254740993n, 'BIGINT beyond 2^53 is an exact BigInt, never a rounded number');
  assert.equal(row.int4, 42);
  assert.equal(row.rate, '0.445', 'NUMERIC stays an exact decimal string');
  assert.equal(row.leap_day, '2024-02-29', 'DATE is a plain date string, free of time zones');
  assert.ok(row.at instanceof Date);
  assert.equal((row.at as Date).toISOString(), '2026-11-21T01:00:00.000Z');
  assert.equal(row.flag, true);
  assert.deepEqual(row.codes, ['82', '82.71']);
  assert.deepEqual(row.doc, { a: 1 });
  assert.deepEqual(row.ids, [7, 9007199254740993n], 'BIGINT arrays follow the same rule');
});

test('a failing transaction writes nothing', async () => {
  await sql`CREATE TABLE tx_probe (id int PRIMARY KEY)`.execute(handle.db);
  await assert.rejects(inTransaction(handle.db, async (tx) => {
    await sql`INSERT INTO tx_probe VALUES (1)`.execute(tx);
    await sql`INSERT INTO tx_probe VALUES (1)`.execute(tx);
  }));
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tx_probe`.execute(handle.db);
  assert.equal(rows[0]!.n, 0);
});

test('a statement marked prepared is prepared once on its connection and answers each call with its own values', async () => {
  await handle.db.connection().execute(async (conn) => {
    const sum = async (a: number, b: number) =>
      (await sql<{ total: number }>`${sql.raw(prepared('db_test_sum'))}SELECT ${a}::bigint + ${b}::bigint AS total`.execute(conn)).rows[0]!.total;
    assert.equal(await sum(16800, 1), 16801);
    assert.equal(await sum(2, 3), 5);
    const kept = (await sql<{ name: string }>`SELECT name FROM pg_prepared_statements WHERE name = 'db_test_sum'`.execute(conn)).rows;
    assert.deepEqual(kept.map((r) => r.name), ['db_test_sum']);
  });
  assert.throws(() => prepared('Drop Table'), /lowercase/);
});
