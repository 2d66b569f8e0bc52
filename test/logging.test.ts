/** The log is read by many people; it must never hold a NIK, a phone number, an e-mail or a password. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from './support/app.ts';
import { deliverPending, logDeliverer } from '../src/platform/outbox.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

const NIK = '3515140508680001';
const PHONE = '081277776666';
const PASSWORD = 'rahasia-sekali-2026';
const EMAIL = 'siti.aminah@contoh.id';

test('requests carrying personal data leave no trace of it in the log', async () => {
  await t.createUser('participant', { phone: '+6281277776666', email: EMAIL });
  await t.app.inject({ method: 'GET', url: `/api/v1/regions/search?q=${NIK}` });
  await t.app.inject({ method: 'GET', url: `/api/v1/regions/search?q=${PHONE}&limit=abc` });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'siapa.saja', password: PASSWORD } });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: `{"username":"${NIK}","password":"${PASSWORD}"` , headers: { 'content-type': 'application/json' } });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'sms', destination: PHONE } });
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'email', destination: EMAIL } });
  await deliverPending(t.db, logDeliverer(t.app.log));
  t.app.log.info({ person: { nik: NIK, phone: '+6281277776666' } }, `careless call site with ${NIK} and ${EMAIL}`);

  const log = t.logs();
  assert.ok(log.includes('incoming request'), 'the log was captured');
  assert.match(log, /\[outbox sms\] \+62812\*+666/, 'the delivered message is logged with the number masked');
  for (const secret of [NIK, PHONE, '6281277776666', PASSWORD, EMAIL]) {
    assert.ok(!log.includes(secret), `the log contains ${secret}`);
  }
});
