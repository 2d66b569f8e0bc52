import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { inTransaction } from '../../platform/db.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { accountId, balanceOf } from './accounts.ts';
import { postEntry } from './journal.ts';
import { jhtStatement } from './jht.ts';
import { jhtYear } from './jht-pdf.ts';
import { verifyLedger } from './verify.ts';

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

test('an admin or supervisor reverses an entry once, audited, and the balances return; a repeat answers the same reversal; a reversal is not reversed', async () => {
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  const reg = await registerBpu(t.db, {
    nik: nikFor('157101', '1985-02-02', 'M', 8701), fullName: 'Hendra Saputra', birthDate: '1985-02-02', sex: 'M', phone: '081277038701', villageCode: village,
    occupation: 'market_trader', declaredIncome: 2_000_000, programs: ['JKK', 'JKM', 'JHT'],
  }, { actor: SYSTEM, via: 'officer' });
  const counter = await accountId(t.db, { kind: 'clearing', channel: 'counter' });
  const jht = await accountId(t.db, { kind: 'jht', participantId: reg.participantId });
  const before = { counter: await balanceOf(t.db, counter), jht: await balanceOf(t.db, jht) };
  const post = (key: string, amount: number) => inTransaction(t.db, (tx) => postEntry(tx, {
    idempotencyKey: key, kind: 'payment', reason: 'iuran JHT salah kanal / JHT contribution on the wrong channel', source: { type: 'test', id: key }, effectiveDate: '2026-01-15', actor: SYSTEM,
  }, [{ account: counter, side: 'D', amount }, { account: jht, side: 'C', amount }]));
  const wrong = await post('reversal-route-1', 25_000);
  assert.equal(await balanceOf(t.db, jht), before.jht + 25_000);
  assert.equal(await balanceOf(t.db, counter), before.counter + 25_000);

  const reverse = (headers: Record<string, string>, id: number, payload: unknown, lang = 'en') =>
    t.app.inject({ method: 'POST', url: `/api/v1/ledger/entries/${id}/reversal`, headers: { ...headers, 'accept-language': lang }, payload: payload as Record<string, unknown> });
  const reason = 'dicatat ke kanal yang salah / posted to the wrong channel';
  for (const role of ['participant', 'officer', 'auditor'] as const) {
    const other = await t.signIn(await t.createUser(role));
    assert.equal((await reverse(other, wrong.id, { reason })).statusCode, 403, role);
  }
  const supervisor = await t.signIn(await t.createUser('supervisor'));
  for (const bad of [{ reason: '' }, { reason: '      ' }, {}]) {
    const res = await reverse(supervisor, wrong.id, bad);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'validation_failed');
    assert.ok(res.json().errors.some((e: { field: string }) => e.field === 'reason'), res.body);
  }
  const unknown = await reverse(supervisor, 999_999, { reason });
  assert.deepEqual([unknown.statusCode, unknown.json().code], [404, 'entry_not_found']);
  assert.equal(await t.db.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', wrong.id).executeTakeFirst(), undefined, 'nothing posted yet');

  const first = await reverse(supervisor, wrong.id, { reason });
  assert.equal(first.statusCode, 201, first.body);
  const reversal = first.json();
  assert.equal(reversal.kind, 'reversal');
  assert.equal(reversal.reversesEntryId, wrong.id);
  assert.equal(reversal.amount, 25_000);
  assert.equal(reversal.reason, reason);
  assert.equal(reversal.replayed, false);
  assert.deepEqual(reversal.postings.map((p: { accountId: number; side: string; amount: number }) => [p.accountId, p.side, p.amount]), [[counter, 'C', 25_000], [jht, 'D', 25_000]]);
  assert.equal(await balanceOf(t.db, jht), before.jht, 'the JHT account is back where it was');
  assert.equal(await balanceOf(t.db, counter), before.counter, 'and so is the clearing account');
  const auditor = await t.signIn(await t.createUser('auditor'));
  const original = (await t.app.inject({ method: 'GET', url: `/api/v1/ledger/entries/${wrong.id}`, headers: auditor })).json();
  assert.deepEqual([original.reversedBy, original.reversesEntryId], [reversal.id, null]);

  const admin = await t.signIn(await t.createUser('admin'));
  const again = await reverse(admin, wrong.id, { reason: 'sekali lagi / once more' });
  assert.equal(again.statusCode, 200, again.body);
  assert.deepEqual([again.json().id, again.json().replayed, again.json().reason], [reversal.id, true, reason], 'the existing reversal, unchanged');
  assert.equal(await balanceOf(t.db, jht), before.jht, 'nothing reversed twice');

  const nested = await reverse(admin, reversal.id, { reason: 'membalik pembalik / reversing the reversal' });
  assert.equal(nested.statusCode, 409, nested.body);
  assert.equal(nested.json().code, 'entry_is_reversal');
  assert.match(nested.json().detail, new RegExp(`^Entry ${reversal.id} reverses entry ${wrong.id}\\.`));
  const nestedId = await reverse(admin, reversal.id, { reason: 'membalik pembalik / reversing the reversal' }, 'id');
  assert.equal(nestedId.json().title, 'Jurnal pembalik tidak dapat dibalik');
  assert.equal(await t.db.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', reversal.id).executeTakeFirst(), undefined);

  const audit = await t.db.selectFrom('audit_events').select(['action', 'actor_role', 'changes']).where('entity_type', '=', 'journal_entry').where('entity_id', '=', String(wrong.id)).execute();
  assert.equal(audit.length, 1, 'one audit event, from the first request only');
  assert.deepEqual([audit[0]!.action, audit[0]!.actor_role], ['ledger_entry.reversed', 'supervisor']);
  assert.equal((audit[0]!.changes as Record<string, { after: unknown }>).reversed_by!.after, reversal.id);

  // two requests at the same moment: one reversal, one audit event; the later answers the earlier's entry
  const twice = await post('reversal-route-2', 7_000);
  const both = await Promise.all([reverse(supervisor, twice.id, { reason }), reverse(admin, twice.id, { reason })]);
  assert.deepEqual(both.map((r) => r.statusCode).sort(), [200, 201], both.map((r) => r.body).join('\n'));
  assert.equal(both[0]!.json().id, both[1]!.json().id);
  assert.equal((await t.db.selectFrom('journal_entries').select('id').where('reverses_entry_id', '=', twice.id).execute()).length, 1);
  assert.equal((await t.db.selectFrom('audit_events').select('id').where('entity_type', '=', 'journal_entry').where('entity_id', '=', String(twice.id)).execute()).length, 1);
  assert.equal(await balanceOf(t.db, jht), before.jht);
});

test("an admin credits a year's JHT return from the back office: once, followed to the end, audited; then the year's rate is fixed", async () => {
  const admin = await t.signIn(await t.createUser('admin'));
  const auditor = await t.signIn(await t.createUser('auditor'));
  const start = (headers: Record<string, string>, year: number, lang = 'id') =>
    t.app.inject({ method: 'POST', url: '/api/v1/jht/credit-runs', headers: { ...headers, 'accept-language': lang }, payload: { year } });
  const notOver = await start(admin, 2026);
  assert.deepEqual([notOver.statusCode, notOver.json().code, notOver.json().detail], [409, 'jht_year_not_over', 'Hasil JHT tahun 2026 dikreditkan setelah 31 Desember 2026.']);
  const noRate = await start(admin, 2024, 'en');
  assert.deepEqual([noRate.statusCode, noRate.json().detail], [409, 'Declare the JHT return rate for 2024 first.']);
  assert.equal((await start(auditor, 2025)).statusCode, 403, 'auditors read; admins credit');
  assert.equal(await t.db.selectFrom('jht_credit_runs').select('year').executeTakeFirst(), undefined, 'nothing started');

  const started = await start(admin, 2025);
  assert.equal(started.statusCode, 202, started.body);
  assert.equal(started.json().run.status, 'running');
  let run = started.json().run;
  for (let i = 0; i < 200 && run.status === 'running'; i++) {
    await sleep(25);
    run = (await t.app.inject({ method: 'GET', url: '/api/v1/jht/credit-runs/2025', headers: auditor })).json();
  }
  assert.equal(run.status, 'completed', JSON.stringify(run));
  assert.equal(run.done, run.total);
  const credits = (await t.db.selectFrom('jht_credits').select(['account_id', 'amount']).where('year', '=', 2025).execute()).map((c) => ({ account: Number(c.account_id), amount: Number(c.amount) }));
  assert.equal(credits.length, run.total, 'every JHT account once, a zero return too');
  assert.equal(run.credited, credits.filter((c) => c.amount > 0).length);
  assert.equal(run.amount, credits.reduce((s, c) => s + c.amount, 0));
  // Rahmawati's Rp40,000 from March: ten month-ends × 40,000 × 5.63% / 12 = 1,876.67, half up
  const rahmawati = Number((await t.db.selectFrom('postings').innerJoin('journal_entries', 'journal_entries.id', 'postings.entry_id')
    .select('postings.account_id').where('journal_entries.idempotency_key', '=', 'jht-route-1').where('postings.side', '=', 'C').executeTakeFirstOrThrow()).account_id);
  assert.equal(credits.find((c) => c.account === rahmawati)?.amount, 1_877);
  const entries = await t.db.selectFrom('journal_entries').select(['amount']).where('kind', '=', 'jht_return').execute();
  assert.equal(entries.reduce((s, e) => s + Number(e.amount), 0), run.amount, 'the journal holds exactly what the run reports');

  const again = await start(admin, 2025);
  assert.deepEqual([again.statusCode, again.json().run], [200, run], 'a completed year is answered as it is');
  assert.equal((await t.db.selectFrom('journal_entries').select('id').where('kind', '=', 'jht_return').execute()).length, entries.length, 'nothing credited twice');
  const years = await t.app.inject({ method: 'GET', url: '/api/v1/jht/years', headers: auditor });
  assert.deepEqual(years.json().items.map((y: { year: number; rate: string; run: { status: string } | null }) => [y.year, y.rate, y.run?.status]), [[2025, '5.63', 'completed']]);
  const fixed = await t.app.inject({ method: 'PUT', url: '/api/v1/jht/rates/2025', headers: admin, payload: { rate: '6', legalBasis: 'koreksi setelah pengkreditan' } });
  assert.deepEqual([fixed.statusCode, fixed.json().code], [409, 'jht_year_credited']);
  const audit = await t.db.selectFrom('audit_events').select('action').where('entity_type', '=', 'jht_credit_run').orderBy('id').execute();
  assert.deepEqual(audit.map((a) => a.action), ['jht_credit.started', 'jht_credit.completed']);
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});

test('a crediting run that stopped is resumed without crediting twice; one still working is refused', async () => {
  const admin = await t.signIn(await t.createUser('admin'));
  for (const year of [2022, 2023]) {
    await t.db.insertInto('jht_return_rates').values({ year, rate: '5', legal_basis: 'uji / test' }).execute();
  }
  await sql`INSERT INTO jht_credit_runs (year, status, lease_until) VALUES (2022, 'running', now() + interval '1 minute'), (2023, 'failed', NULL)`.execute(t.db);
  const busy = await t.app.inject({ method: 'POST', url: '/api/v1/jht/credit-runs', headers: admin, payload: { year: 2022 } });
  assert.deepEqual([busy.statusCode, busy.json().detail], [409, 'Hasil JHT tahun 2022 sedang dikreditkan. Tunggu sampai selesai.']);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/jht/credit-runs/2022', headers: admin })).json().stalled, false);
  await sql`UPDATE jht_credit_runs SET lease_until = now() - interval '1 second' WHERE year = 2022`.execute(t.db);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/jht/credit-runs/2022', headers: admin })).json().stalled, true, 'its worker stopped renewing the lease');
  // 2023 stopped after one account had been credited
  const first = Number((await t.db.selectFrom('ledger_accounts').select('id').where('kind', '=', 'jht').orderBy('id').executeTakeFirstOrThrow()).id);
  await t.db.insertInto('jht_credits').values({ account_id: first, year: 2023, amount: 0 }).execute();
  const resumed = await t.app.inject({ method: 'POST', url: '/api/v1/jht/credit-runs', headers: admin, payload: { year: 2023 } });
  assert.equal(resumed.statusCode, 202, resumed.body);
  let run = resumed.json().run;
  for (let i = 0; i < 200 && run.status === 'running'; i++) {
    await sleep(25);
    run = (await t.app.inject({ method: 'GET', url: '/api/v1/jht/credit-runs/2023', headers: admin })).json();
  }
  assert.equal(run.status, 'completed', JSON.stringify(run));
  const accounts = Number((await t.db.selectFrom('ledger_accounts').select((eb) => eb.fn.countAll().as('n')).where('kind', '=', 'jht').executeTakeFirstOrThrow()).n);
  const credited = Number((await t.db.selectFrom('jht_credits').select((eb) => eb.fn.countAll().as('n')).where('year', '=', 2023).executeTakeFirstOrThrow()).n);
  assert.equal(credited, accounts, 'each account once: the one credited before the stop is not credited again');
  const audit = await t.db.selectFrom('audit_events').select(['action', 'entity_id']).where('entity_type', '=', 'jht_credit_run').where('entity_id', '=', '2023').orderBy('id').execute();
  assert.deepEqual(audit.map((a) => a.action), ['jht_credit.resumed', 'jht_credit.completed']);
});
