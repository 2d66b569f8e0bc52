import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import { inTransaction, type DatabaseHandle } from '../../platform/db.ts';
import { diffFields, recordAudit, SYSTEM, verifyAuditChain } from './audit.ts';

let handle: DatabaseHandle;
before(async () => { handle = await testDatabase(); });
after(() => handle.close());

async function writeEvents(n: number, entityId = 'p-1') {
  for (let i = 0; i < n; i++) {
    await inTransaction(handle.db, (tx) => recordAudit(tx, {
      actor: { userId: 7, role: 'officer' }, action: 'person.updated', entityType: 'person', entityId,
      before: { name: `Nama ${i}` }, after: { name: `Nama ${i + 1}`, nik: '3515140508680001' },
    }));
  }
}

/** What an attacker with database superuser rights would do: switch off the append-only trigger. */
async function asAttacker(statement: ReturnType<typeof sql>) {
  await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only`.execute(handle.db);
  await statement.execute(handle.db);
  await sql`ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only`.execute(handle.db);
}

test('changed fields are recorded with personal data masked', () => {
  const changes = diffFields({ name: 'Siti', nik: '3515144508680002', village: '82.71.01.1001' }, { name: 'Siti Aminah', nik: '3515144508680002', phone: '+6281234567890', village: '82.71.01.1001' });
  assert.deepEqual(changes, { name: { before: 'Siti', after: 'Siti Aminah' }, phone: { after: '+62812*****890' } });
});

test('the audit log cannot be changed through SQL by the application', async () => {
  await writeEvents(1, 'p-0');
  await assert.rejects(sql`UPDATE audit_events SET action = 'x'`.execute(handle.db), /append-only/);
  await assert.rejects(sql`DELETE FROM audit_events`.execute(handle.db), /append-only/);
});

test('an intact chain verifies; an edited event is detected', async () => {
  await writeEvents(5);
  const clean = await verifyAuditChain(handle.db);
  assert.deepEqual(clean.problems, []);
  assert.ok(clean.events >= 6);

  const target = await handle.db.selectFrom('audit_events').select(['id', 'stripe', 'seq']).where('entity_id', '=', 'p-1').orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
  await asAttacker(sql`UPDATE audit_events SET changes = '{"name":{"after":"Orang Lain"}}' WHERE id = ${target.id}`);
  const tampered = await verifyAuditChain(handle.db);
  assert.deepEqual(tampered.problems, [{ stripe: target.stripe, seq: Number(target.seq), problem: 'hash_mismatch' }]);
});

test('a deleted event is detected, whether in the middle of the chain or at its end', async () => {
  await writeEvents(3, 'p-2');
  const rows = await handle.db.selectFrom('audit_events').select(['id', 'stripe', 'seq']).where('entity_id', '=', 'p-2').orderBy('seq').execute();
  await asAttacker(sql`DELETE FROM audit_events WHERE id = ${rows[1]!.id}`);
  const middle = (await verifyAuditChain(handle.db)).problems.filter((p) => p.stripe === rows[1]!.stripe);
  assert.ok(middle.some((p) => p.problem === 'missing_event'));

  await writeEvents(1, 'p-3');
  const last = await handle.db.selectFrom('audit_events').select(['id', 'stripe']).where('entity_id', '=', 'p-3').executeTakeFirstOrThrow();
  await asAttacker(sql`DELETE FROM audit_events WHERE id = ${last.id}`);
  const end = (await verifyAuditChain(handle.db)).problems.filter((p) => p.stripe === last.stripe);
  assert.ok(end.some((p) => p.problem === 'head_mismatch'), 'deleting the newest event breaks the head');
});

test('an audit event rolls back with the change it describes', async () => {
  const before = await handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  await assert.rejects(inTransaction(handle.db, async (tx) => {
    await recordAudit(tx, { actor: SYSTEM, action: 'person.created', entityType: 'person', entityId: 'p-9', after: { name: 'X' } });
    throw new Error('the change failed');
  }));
  const afterCount = await handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  assert.equal(Number(afterCount.n), Number(before.n));
});
