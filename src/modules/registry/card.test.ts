import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { getSecret } from '../../platform/secrets.ts';
import { CARD_SECRET, checkVerificationCode, escapeHtml, formatKpj, maskKpj, maskName, verificationCode, verificationPage } from './card.ts';

let t: Awaited<ReturnType<typeof testApp>>;
after(() => t?.close());

// A fisher in Ternate, as in registration.test.ts, but another NIK and phone.
const fisher = {
  nik: '8271011203900002', fullName: 'La Ode Hamid', birthDate: '1990-03-12', sex: 'M', phone: '0812 4455 7788',
  villageCode: '', occupation: 'fisher', declaredIncome: 1_000_000, programs: ['JKK', 'JKM', 'JHT'],
};
let kpj = '';
let participant: Record<string, string> = {};

before(async () => {
  t = await testApp();
  const village = await t.db.selectFrom('regions').select('code').where('parent_code', '=', '82.71.01').orderBy('code').executeTakeFirstOrThrow();
  fisher.villageCode = village.code;
  const registered = await t.app.inject({ method: 'POST', url: '/api/v1/registrations/bpu', payload: fisher });
  assert.equal(registered.statusCode, 201, registered.body);
  kpj = registered.json().kpj;

  // the participant signs in with a one-time code sent by SMS
  const asked = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'sms', destination: fisher.phone } });
  assert.equal(asked.statusCode, 202);
  const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' })).json().items;
  const code = outbox.map((m: { body: string }) => /Kode masuk Lindung: (\d{6})/.exec(m.body)?.[1]).find(Boolean);
  assert.ok(code, 'a sign-in code was sent');
  const verified = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { channel: 'sms', destination: fisher.phone, code } });
  assert.equal(verified.statusCode, 200, verified.body);
  const session = verified.cookies.find((c) => c.name === 'lindung_session');
  assert.ok(session);
  participant = { cookie: `lindung_session=${session.value}` };
});

test('a verification code is the KPJ and a signature; any change makes it fail', () => {
  const secret = 'a-secret-for-tests-only-000000000000';
  const code = verificationCode(secret, '90000000123');
  assert.match(code, /^90000000123-[0-9a-f]{16}$/);
  assert.equal(verificationCode(secret, '90000000123'), code, 'the same card always gets the same code');
  assert.equal(checkVerificationCode(secret, code), '90000000123');
  const sig = code.split('-')[1]!;
  const flipped = `90000000123-${sig[0] === 'a' ? 'b' : 'a'}${sig.slice(1)}`;
  assert.equal(checkVerificationCode(secret, flipped), null, 'a changed signature');
  assert.equal(checkVerificationCode(secret, `90000000124-${sig}`), null, 'another KPJ with the signature of this one');
  assert.equal(checkVerificationCode('another-secret-000000000000000000000', code), null, 'another server\'s secret');
  for (const bad of ['', '90000000123', `90000000123-${sig.toUpperCase()}`, `90000000123-${sig.slice(0, 15)}`, `${code}0`, `<b>-${sig}`]) {
    assert.equal(checkVerificationCode(secret, bad), null, JSON.stringify(bad));
  }
});

test('names and numbers are masked for the public page; HTML is escaped', () => {
  assert.equal(maskName('La Ode Hamid'), 'L* O** H****');
  assert.equal(maskName('  Siti   Rahmawati '), 'S*** R********');
  assert.equal(maskKpj('90000000123'), '********123');
  assert.equal(formatKpj('90123456789'), '9012 3456 789');
  assert.equal(escapeHtml(`<script>"&'`), '&lt;script&gt;&quot;&amp;&#39;');
  const page = verificationPage({ valid: true, maskedName: '<i>X</i>', maskedKpj: '***123', status: 'active' }, new Date('2026-01-02T03:04:05Z'));
  assert.ok(!page.includes('<i>X</i>'));
  assert.ok(page.includes('&lt;i&gt;X&lt;/i&gt;'));
});

test('the secret is made once and then kept', async () => {
  const a = await getSecret(t.db, CARD_SECRET);
  const b = await getSecret(t.db, CARD_SECRET);
  assert.equal(a, b);
  assert.ok(a.length >= 43);
  const rows = await t.db.selectFrom('app_secrets').select('value').where('name', '=', CARD_SECRET).execute();
  assert.deepEqual(rows.map((r) => r.value), [a]);
});

test('an environment variable overrides a stored secret, and must be long enough', async () => {
  process.env.LINDUNG_SECRET_ENV_TEST = 'x'.repeat(40);
  try {
    assert.equal(await getSecret(t.db, 'env_test'), 'x'.repeat(40));
    process.env.LINDUNG_SECRET_ENV_TEST = 'short';
    await assert.rejects(getSecret(t.db, 'env_test'), /at least 32/);
  } finally {
    delete process.env.LINDUNG_SECRET_ENV_TEST;
  }
  assert.equal(await t.db.selectFrom('app_secrets').select('name').where('name', '=', 'env_test').executeTakeFirst(), undefined);
  await assert.rejects(getSecret(t.db, 'Bad Name'), /invalid secret name/);
});


test('the participant sees their card, with a link that checks it', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: participant });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['cache-control'], 'private, no-store');
  const card = res.json();
  assert.equal(card.kpj, kpj);
  assert.equal(card.fullName, fisher.fullName);
  assert.equal(card.birthDate, fisher.birthDate);
  assert.deepEqual(card.segments, ['BPU']);
  assert.deepEqual(card.programs, ['JKK', 'JKM', 'JHT']);
  assert.equal(card.status, 'pending');
  assert.equal(card.statusText, 'Menunggu iuran pertama');
  assert.equal(card.regencyName, 'Kota Ternate');
  assert.equal(card.provinceName, 'Maluku Utara');
  assert.ok(card.villageName);
  assert.deepEqual(card.occupation, { code: 'fisher', name: 'Nelayan' });
  assert.ok(!res.body.includes(fisher.nik), 'no NIK on the card');
  assert.match(card.verifyUrl, new RegExp(`^http://localhost(:\\d+)?/v/${kpj}-[0-9a-f]{16}$`));

  const en = (await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: { ...participant, 'accept-language': 'en' } })).json();
  assert.equal(en.occupation.name, 'Fisher');
  assert.equal(en.verifyUrl, card.verifyUrl, 'the code does not depend on the language');
});

test('the card as a PDF to print', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/me/card.pdf', headers: participant });
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.equal(res.headers['content-disposition'], `attachment; filename="kartu-lindung-${kpj}.pdf"`);
  assert.equal(res.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
  assert.ok(res.rawPayload.length > 1024, `${res.rawPayload.length} bytes`);
  assert.match(res.rawPayload.subarray(-16).toString('latin1'), /%%EOF\s*$/);
  const en = await t.app.inject({ method: 'GET', url: '/api/v1/me/card.pdf', headers: { ...participant, 'accept-language': 'en' } });
  assert.equal(en.statusCode, 200);
});

test('the QR code opens a public page: valid, masked, no personal data', async () => {
  const card = (await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: participant })).json();
  const path = new URL(card.verifyUrl).pathname;
  const res = await t.app.inject({ method: 'GET', url: path });
  assert.equal(res.statusCode, 200, res.body);
  assert.match(res.headers['content-type'] as string, /^text\/html/);
  assert.match(res.body, /<html lang="id">/);
  assert.match(res.body, /Kartu sah/);
  assert.ok(res.body.includes('L* O** H****'), 'the masked name');
  assert.ok(res.body.includes(`********${kpj.slice(-3)}`), 'the masked KPJ');
  assert.match(res.body, /Menunggu iuran pertama/);
  for (const secret of [fisher.fullName, 'Hamid', fisher.nik, kpj, '6281244557788', '1990-03-12', '12 Maret 1990']) {
    assert.ok(!res.body.includes(secret), `the page does not show ${secret}`);
  }
});

test('a changed or unknown code says the card is not valid', async () => {
  const card = (await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: participant })).json();
  const path = new URL(card.verifyUrl).pathname;
  const last = path.at(-1)!;
  const tampered = path.slice(0, -1) + (last === '0' ? '1' : '0');
  for (const url of [tampered, '/v/90000000000-0123456789abcdef', '/v/nonsense', `/v/${encodeURIComponent('<script>alert(1)</script>')}`]) {
    const res = await t.app.inject({ method: 'GET', url });
    assert.equal(res.statusCode, 404, url);
    assert.match(res.headers['content-type'] as string, /^text\/html/);
    assert.match(res.body, /Kartu tidak sah/);
    assert.match(res.body, /Card not valid/);
    assert.ok(!res.body.includes('<script>alert'), 'nothing from the address is echoed');
  }
});

test('only a participant with a participation has a card', async () => {
  const officer = await t.signIn(await t.createUser('officer'));
  const refused = await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: officer });
  assert.equal(refused.statusCode, 403);
  assert.equal(refused.json().code, 'forbidden');
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me/card.pdf', headers: officer })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/me/card' })).statusCode, 401);

  const noPerson = await t.signIn(await t.createUser('participant'));
  const none = await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: { ...noPerson, 'accept-language': 'en' } });
  assert.equal(none.statusCode, 404);
  assert.equal(none.json().code, 'card_not_found');
  assert.equal(none.json().title, 'No participant card yet');
});

test('several participations make one card; when all have ended, the check says so', async () => {
  const person = await t.db.selectFrom('people').select('id').where('nik', '=', fisher.nik).executeTakeFirstOrThrow();
  await t.db.insertInto('participants').values({
    person_id: person.id, kpj, segment: 'PU', programs: ['JKK', 'JKM', 'JP'], status: 'active', declared_income: null, registered_via: 'employer',
  }).execute();
  const card = (await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: { ...participant, 'accept-language': 'en' } })).json();
  assert.deepEqual(card.segments, ['BPU', 'PU']);
  assert.deepEqual(card.programs, ['JKK', 'JKM', 'JHT', 'JP']);
  assert.equal(card.status, 'active', 'the most protective status is shown');
  assert.equal(card.statusText, 'Active');
  assert.equal(card.participations.length, 2);

  await t.db.updateTable('participants').set({ status: 'ended', ended_at: new Date() }).where('person_id', '=', person.id).execute();
  const ended = (await t.app.inject({ method: 'GET', url: '/api/v1/me/card', headers: participant })).json();
  assert.equal(ended.status, 'ended');
  assert.equal(ended.participations.length, 1);
  const page = await t.app.inject({ method: 'GET', url: new URL(ended.verifyUrl).pathname });
  assert.equal(page.statusCode, 200, 'the card is genuine, the participation is over');
  assert.match(page.body, /Kepesertaan berakhir/);
  assert.match(page.body, /Participation ended/);
});
