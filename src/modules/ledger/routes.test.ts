import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { inTransaction } from '../../platform/db.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { accountId } from './accounts.ts';
import { postEntry } from './journal.ts';
import { jhtStatement } from './jht.ts';
import { jhtYear } from './jht-pdf.ts';

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

test('a participant reads their JHT account and downloads the annual statement as a PDF', async () => {
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const reg = await registerBpu(t.db, {
    nik: nikFor('157101', '1979-07-07', 'F', 8700), fullName: 'Rahmawati', birthDate: '1979-07-07', sex: 'F', phone: '081277038700', villageCode: village,
    occupation: 'market_trader', declaredIncome: 2_000_000, programs: ['JKK', 'JKM', 'JHT'],
  }, { actor: SYSTEM, via: 'officer' });
  const username = await t.createUser('participant');
  const user = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  // the person's own sign-in, made by the officer's registration, handed to this test user
  await t.db.deleteFrom('person_accounts').where('person_id', '=', reg.personId).execute();
  await t.db.insertInto('person_accounts').values({ person_id: reg.personId, user_id: user.id }).execute();
  const me = await t.signIn(username);
  const none = await t.app.inject({ method: 'GET', url: '/api/v1/me/jht/statement.pdf?year=2025', headers: me });
  assert.deepEqual([none.statusCode, none.json().code], [404, 'jht_no_account'], 'no JHT money yet');

  const counter = await accountId(t.db, { kind: 'clearing', channel: 'counter' });
  const jht = await accountId(t.db, { kind: 'jht', participantId: reg.participantId });
  await inTransaction(t.db, (tx) => postEntry(tx, { idempotencyKey: 'jht-route-1', kind: 'payment', reason: 'iuran JHT / JHT contribution', source: { type: 'test', id: 1 }, effectiveDate: '2025-03-10', actor: SYSTEM },
    [{ account: counter, side: 'D', amount: 40_000 }, { account: jht, side: 'C', amount: 40_000 }]));
  const mine = await t.app.inject({ method: 'GET', url: '/api/v1/me/jht', headers: me });
  assert.equal(mine.statusCode, 200, mine.body);
  assert.deepEqual(mine.json().accounts.map((a: { segment: string; balance: number }) => [a.segment, a.balance]), [['BPU', 40_000]]);
  const pdf = await t.app.inject({ method: 'GET', url: '/api/v1/me/jht/statement.pdf?year=2025', headers: me });
  assert.equal(pdf.statusCode, 200);
  assert.match(pdf.headers['content-type'] as string, /^application\/pdf/);
  assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  const statement = await jhtStatement(t.db, reg.participantId);
  assert.deepEqual(jhtYear(statement, 2025), { opening: 0, contributions: 40_000, returns: 0, closing: 40_000, movements: statement.movements, rate: null });
  assert.deepEqual(jhtYear(statement, 2026).opening, 40_000, 'the next year opens with the closing balance');
});

test('an auditor reads the accounts, the journal and one entry with its postings; other staff and participants are refused', async () => {
  const auditor = await t.signIn(await t.createUser('auditor'));
  const accounts = await t.app.inject({ method: 'GET', url: '/api/v1/ledger/accounts', headers: auditor });
  assert.equal(accounts.statusCode, 200, accounts.body);
  const rows = accounts.json().items as { kind: string; accountId: number | null; accounts: number; balance: number }[];
  assert.ok(rows.some((r) => r.kind === 'jht' && r.accountId === null && r.accounts >= 1 && r.balance === 40_000), JSON.stringify(rows));
  const entries = (await t.app.inject({ method: 'GET', url: '/api/v1/ledger/entries?limit=10', headers: auditor })).json().items as { id: number }[];
  assert.ok(entries.length >= 1);
  const entry = (await t.app.inject({ method: 'GET', url: `/api/v1/ledger/entries/${entries[0]!.id}`, headers: auditor })).json();
  const sum = (side: string) => entry.postings.filter((p: { side: string }) => p.side === side).reduce((s: number, p: { amount: number }) => s + p.amount, 0);
  assert.equal(sum('D'), sum('C'));
  assert.equal(sum('D'), entry.amount);
  assert.match(entry.postings.find((p: { kind: string }) => p.kind === 'jht').holder, /^KPJ \d{4}\*+\d{3}$/, 'a participant appears by masked KPJ only');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/ledger/entries/999999', headers: auditor })).statusCode, 404);
  const officer = await t.signIn(await t.createUser('officer'));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/ledger/accounts', headers: officer })).statusCode, 403);
});
