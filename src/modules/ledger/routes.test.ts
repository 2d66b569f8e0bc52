import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

test("an admin declares a year's JHT return rate; a malformed rate is refused naming the field; other roles are refused", async () => {
  const admin = await t.signIn(await t.createUser('admin'));
  const put = (headers: Record<string, string>, payload: Record<string, unknown>) => t.app.inject({ method: 'PUT', url: '/api/v1/jht/rates/2025', headers: { ...headers, 'accept-language': 'id' }, payload });
  const ok = await put(admin, { rate: '5.63', legalBasis: 'Keputusan Direksi BPJS Ketenagakerjaan (uji / test)' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.deepEqual(ok.json(), { year: 2025, rate: '5.63', legalBasis: 'Keputusan Direksi BPJS Ketenagakerjaan (uji / test)' });
  const bad = await put(admin, { rate: '5,63', legalBasis: 'x y z' });
  assert.equal(bad.statusCode, 422);
  assert.ok(bad.json().errors.some((e: { field: string }) => e.field === 'rate'), bad.body);
  assert.equal(String((await t.db.selectFrom('jht_return_rates').select('rate').where('year', '=', 2025).executeTakeFirstOrThrow()).rate), '5.63', 'nothing changed');
  const officer = await t.signIn(await t.createUser('officer'));
  assert.equal((await put(officer, { rate: '9', legalBasis: 'tidak berwenang' })).statusCode, 403);
  const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'jht_return_rate').execute();
  assert.deepEqual(audit.map((a) => a.action), ['jht_rate.declared']);
});
