import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_PASSWORD, testApp } from '../../../test/support/app.ts';
import { deliverPending } from '../../platform/outbox.ts';
import { LOGIN_POLICY } from './policy.ts';
import { normalizeIndonesianPhone } from '../../platform/phone.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

test('password sign-in sets an httpOnly, SameSite session cookie that identifies the user', async () => {
  const username = await t.createUser('officer');
  const res = await login(username, TEST_PASSWORD);
  assert.equal(res.statusCode, 200);
  const cookie = res.cookies.find((c) => c.name === 'lindung_session')!;
  assert.ok(cookie.httpOnly);
  assert.equal(cookie.sameSite, 'Strict');
  assert.equal(res.json().user.username, username);
  assert.ok(!res.body.includes(cookie.value), 'the token is never in the body');
  const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies: { lindung_session: cookie.value } });
  assert.equal(me.json().user.role, 'officer');
  assert.equal(me.json().user.scope.national, false);
  assert.ok(me.json().user.scope.regionPrefixes.includes('15.71'), 'an officer of the Jambi branch sees Kota Jambi');
});

test('bearer tokens work for API clients, and logout revokes them', async () => {
  const headers = await t.signIn(await t.createUser('auditor'));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode, 200);
  assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode, 401);
});

test('a wrong username and a wrong password get the same answer', async () => {
  const username = await t.createUser('donor');
  const a = await login('no.such.user', 'whatever-123');
  const b = await login(username, 'wrong-password');
  assert.equal(a.statusCode, 401);
  assert.equal(b.statusCode, 401);
  assert.equal(a.json().detail, b.json().detail);
});

test(`after ${LOGIN_POLICY.maxFailures} wrong passwords the account locks, even for the right one, until an admin unlocks it`, async () => {
  const username = await t.createUser('supervisor');
  for (let i = 0; i < LOGIN_POLICY.maxFailures; i++) assert.equal((await login(username, `wrong-${i}`)).statusCode, 401);
  const locked = await login(username, TEST_PASSWORD);
  assert.equal(locked.statusCode, 423);
  assert.equal(locked.json().code, 'account_locked');
  assert.match(locked.json().detail, /Coba lagi setelah \d+ menit/);

  const audit = await t.db.selectFrom('audit_events').select(['action']).where('entity_type', '=', 'user').where('action', '=', 'user.locked').execute();
  assert.equal(audit.length, 1, 'the lock is audited');

  const admin = await t.signIn(await t.createUser('admin'));
  const user = await t.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const unlock = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin, payload: { unlock: true } });
  assert.equal(unlock.statusCode, 200);
  assert.equal(unlock.json().user.locked, false);
  assert.equal((await login(username, TEST_PASSWORD)).statusCode, 200);
});

test('sign-in is rate limited per address', async () => {
  let last = 0;
  for (let i = 0; i <= LOGIN_POLICY.perIpPerMinute; i++) {
    last = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username: 'nobody.here', password: 'x' }, remoteAddress: '10.9.8.7' })).statusCode;
  }
  assert.equal(last, 429);
});

test('one-time codes arrive through the outbox and sign the user in once', async () => {
  await t.createUser('participant', { phone: '+6281311112222' });
  const asked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'sms', destination: '0813-1111-2222' } });
  assert.equal(asked.statusCode, 202);
  const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'sms', destination: '081399998888' } });
  assert.equal(unknown.statusCode, 202, 'an unknown number gets the same answer');

  const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' })).json().items;
  assert.equal(outbox.length, 1);
  assert.equal(outbox[0].recipient, '+62813*****222', 'the dev page masks the number');
  const code = /Kode masuk Lindung: (\d{6})/.exec(outbox[0].body)![1]!;

  const wrong = code === '000000' ? '111111' : '000000';
  const bad = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { channel: 'sms', destination: '+6281311112222', code: wrong } });
  assert.equal(bad.statusCode, 401);
  const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { channel: 'sms', destination: '6281311112222', code } });
  assert.equal(ok.statusCode, 200);
  assert.ok(ok.cookies.some((c) => c.name === 'lindung_session'));
  const reused = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { channel: 'sms', destination: '+6281311112222', code } });
  assert.equal(reused.statusCode, 401, 'a code works once');

  const delivered: string[] = [];
  assert.equal(await deliverPending(t.db, async (m) => { delivered.push(m.recipient); }), 1);
  assert.deepEqual(delivered, ['+6281311112222']);
  assert.equal(await deliverPending(t.db, async () => {}), 0, 'a message is delivered once');
});

test('Indonesian mobile numbers are normalised to +62', () => {
  assert.equal(normalizeIndonesianPhone('0812-3456-7890'), '+6281234567890');
  assert.equal(normalizeIndonesianPhone('62 812 3456 7890'), '+6281234567890');
  assert.equal(normalizeIndonesianPhone('+62 (812) 34567890'), '+6281234567890');
  assert.equal(normalizeIndonesianPhone('021-5551234'), null, 'a landline is not a mobile number');
  assert.equal(normalizeIndonesianPhone('0812'), null);
});

test('admins create users; staff roles need a branch or regions; every creation is audited', async () => {
  const admin = await t.signIn(await t.createUser('admin'));
  const noScope = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'officer.noscope', displayName: 'Tanpa Cabang', role: 'officer', password: 'panjang-sekali-123' } });
  assert.equal(noScope.statusCode, 422);
  assert.equal(noScope.json().code, 'scope_required');
  assert.equal(await t.db.selectFrom('users').select('id').where('username', '=', 'officer.noscope').executeTakeFirst(), undefined);

  const ok = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'officer.ternate', displayName: 'Petugas Ternate', role: 'officer', password: 'panjang-sekali-123', branchId: await t.branchId('TTE'), email: 'petugas@ternate.example' } });
  assert.equal(ok.statusCode, 201);
  assert.equal(ok.json().user.branchName, 'Ternate');
  const event = await t.db.selectFrom('audit_events').selectAll().where('entity_type', '=', 'user').where('entity_id', '=', String(ok.json().user.id)).executeTakeFirstOrThrow();
  const changes = event.changes as Record<string, { after: unknown }>;
  assert.equal(event.action, 'user.created');
  assert.equal(changes.email!.after, 'p***@ternate.example', 'personal data is masked in the audit log');
  assert.ok(!('password_hash' in changes));
  const dup = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { username: 'officer.ternate', displayName: 'Lagi', role: 'auditor', password: 'panjang-sekali-123' } });
  assert.equal(dup.statusCode, 409);
});

test('a family sharing one phone gets one code each, and each code signs in its own person', async () => {
  const mother = await t.createUser('participant', { phone: '+6285200001111' });
  const son = await t.createUser('participant', { phone: '+6285200001111' });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'sms', destination: '085200001111' } });
  const messages = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' })).json().items.filter((m: any) => m.recipient === '+62852*****111');
  assert.equal(messages.length, 2);
  const codes = messages.map((m: any) => /: (\d{6})\./.exec(m.body)![1]).reverse();
  const signedIn: string[] = [];
  for (const code of codes) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { channel: 'sms', destination: '085200001111', code } });
    assert.equal(res.statusCode, 200);
    signedIn.push(res.json().user.username);
  }
  assert.deepEqual(signedIn, [mother, son]);
});
