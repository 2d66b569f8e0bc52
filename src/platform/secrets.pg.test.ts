// PostgreSQL only (a *.pg.test.ts file): several processes racing is meaningless on single-connection PGlite.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabase } from '../../test/support/db.ts';
import { openDatabase, type DatabaseHandle } from './db.ts';
import { getSecret } from './secrets.ts';

let handle: DatabaseHandle & { url?: string };
before(async () => { handle = await testDatabase(); });
after(() => handle.close());

test('processes that make the same secret at once all get one value', async () => {
  const handles = await Promise.all(Array.from({ length: 6 }, () => openDatabase({ databaseUrl: handle.url!, poolSize: 1 })));
  try {
    const values = await Promise.all(handles.map((h) => getSecret(h.db, 'race_test')));
    assert.equal(new Set(values).size, 1, 'every process reads the same secret');
    const stored = await handle.db.selectFrom('app_secrets').select('value').where('name', '=', 'race_test').execute();
    assert.deepEqual(stored.map((r) => r.value), [values[0]]);
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
});
