import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
after(() => t.close());

// A fisher in Ternate: Kemendagri village 82.71.01.1001 (Kota Ternate), NIK of Kota Ternate (8271) district 01.
const fisher = {
  nik: '8271011203900001', fullName: 'La Ode Hamid', birthDate: '1990-03-12', sex: 'M', phone: '0812 4455 6677',
  villageCode: '', occupation: 'fisher', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
};
const post = (body: unknown, lang = 'id') => t.app.inject({ method: 'POST', url: '/api/v1/registrations/bpu', payload: body as object, headers: { 'accept-language': lang } });
const count = async (table: 'people' | 'participants' | 'users' | 'audit_events') => Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

before(async () => {
  t = await testApp();
  const village = await t.db.selectFrom('regions').select('code').where('parent_code', '=', '82.71.01').orderBy('code').executeTakeFirstOrThrow();
  fisher.villageCode = village.code;
});

test('the public NIK check tells what a NIK encodes', async () => {
  const ok = (await t.app.inject({ method: 'GET', url: '/api/v1/nik/3515144508680002' })).json();
  assert.deepEqual(ok, { valid: true, birthDate: '1968-08-05', sex: 'F', provinceCode: '35', regencyCode: '35.15', districtCode: '35.15.14', districtKnown: true, errors: [] });
  const bad = (await t.app.inject({ method: 'GET', url: '/api/v1/nik/3515140508680000', headers: { 'accept-language': 'en' } })).json();
  assert.equal(bad.valid, false);
  assert.deepEqual(bad.errors, [{ rule: 'nik_serial', message: 'The last four digits of the NIK cannot be 0000.' }]);
  const short = (await t.app.inject({ method: 'GET', url: '/api/v1/nik/12345' })).json();
  assert.deepEqual(short.errors.map((e: any) => e.rule), ['nik_length']);
  const unknownDistrict = (await t.app.inject({ method: 'GET', url: '/api/v1/nik/3515990508680001' })).json();
  assert.equal(unknownDistrict.valid, true);
  assert.equal(unknownDistrict.districtKnown, false);
});

test('a fisher registers in one request and learns his KPJ and monthly amount', async () => {
  const res = await post(fisher);
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.match(body.kpj, /^9\d{10}$/);
  assert.equal(body.status, 'pending');
  assert.equal(body.monthlyContribution, 16_800);
  const person = await t.db.selectFrom('people').selectAll().where('nik', '=', fisher.nik).executeTakeFirstOrThrow();
  assert.equal(person.phone, '+6281244556677', 'the phone is normalised to +62');
  assert.equal(person.regency_code, '82.71');
  const account = await t.db.selectFrom('person_accounts as a').innerJoin('users as u', 'u.id', 'a.user_id').select(['u.role', 'u.phone']).where('a.person_id', '=', person.id).executeTakeFirstOrThrow();
  assert.deepEqual(account, { role: 'participant', phone: '+6281244556677' });
  const actions = (await t.db.selectFrom('audit_events').select('action').where('request_id', '=', res.headers['x-request-id'] as string).execute()).map((a) => a.action);
  assert.deepEqual(actions.sort(), ['participant.created', 'person.created', 'user.created']);

  const withJht = (await t.app.inject({ method: 'GET', url: '/api/v1/registrations/bpu/quote?declaredIncome=1000000&includeJht=true' })).json();
  assert.equal(withJht.total, 36_800);
});

test('a NIK that is already a participant gets 409 with the KPJ masked', async () => {
  const res = await post({ ...fisher, phone: '081299990000' });
  assert.equal(res.statusCode, 409);
  const body = res.json();
  assert.equal(body.code, 'already_registered');
  assert.match(body.kpj, /^9\d{3}\*{4}\d{3}$/);
  assert.ok(!res.body.includes(fisher.nik));
});

test('every bad field is named at once, in the caller\'s language, and nothing is written', async () => {
  const before = await Promise.all([count('people'), count('participants'), count('users'), count('audit_events')]);
  const res = await post({
    ...fisher, nik: '8271016203900002', birthDate: '1990-03-13', sex: 'M', phone: '021-555', villageCode: '82.71.01', occupation: 'astronaut',
    declaredIncome: 500_000, programs: ['JKK', 'JP'], fullName: 'L4 0de',
  }, 'en');
  assert.equal(res.statusCode, 422);
  const errors = res.json().errors.map((e: any) => `${e.field}:${e.rule}`).sort();
  assert.deepEqual(errors, [
    'birthDate:nik_birth_date_mismatch', 'declaredIncome:income_below_minimum', 'fullName:name_invalid', 'occupation:occupation_unknown',
    'phone:phone_invalid', 'programs:program_not_available', 'programs:programs_required', 'sex:nik_sex_mismatch', 'villageCode:village_unknown',
  ]);
  const byField = Object.fromEntries(res.json().errors.map((e: any) => [e.rule, e.message]));
  assert.equal(byField.nik_birth_date_mismatch, 'The birth date does not match the NIK (the NIK says 22-03-90).');
  assert.equal(byField.nik_sex_mismatch, 'The sex does not match the NIK (the NIK says female).');
  assert.equal(byField.income_below_minimum, 'The income must be at least Rp1.000.000 a month.');
  assert.deepEqual(await Promise.all([count('people'), count('participants'), count('users'), count('audit_events')]), before);
});

test('NIK rules are enforced at registration: serial 0000, bad province, wrong length', async () => {
  for (const [nik, rule] of [['8271011203900000', 'nik_serial'], ['0071011203900001', 'nik_province'], ['827101120390001', 'nik_length']] as const) {
    const res = await post({ ...fisher, nik });
    assert.equal(res.statusCode, 422);
    assert.ok(res.json().errors.some((e: any) => e.field === 'nik' && e.rule === rule), `${nik}: ${res.body}`);
  }
});

test('the same name and birth date under another NIK, and a phone shared by three people, go to the review queue', async () => {
  const twin = { ...fisher, nik: '8271011203900002', phone: '081244556677' };
  assert.equal((await post(twin)).statusCode, 201);
  const sameName = await t.db.selectFrom('duplicate_candidates').selectAll().where('kind', '=', 'same_name_birth').execute();
  assert.equal(sameName.length, 1);
  assert.equal(sameName[0]!.person_ids.length, 2);
  assert.equal(sameName[0]!.regency_code, '82.71');
  assert.equal((await t.db.selectFrom('duplicate_candidates').select('id').where('kind', '=', 'shared_phone').execute()).length, 0, 'two people on one phone is a family');
  assert.equal((await post({ ...fisher, nik: '8271015507950001', fullName: 'Wa Ode Siti', birthDate: '1995-07-15', sex: 'F', phone: '+6281244556677' })).statusCode, 201);
  const shared = await t.db.selectFrom('duplicate_candidates').selectAll().where('kind', '=', 'shared_phone').execute();
  assert.equal(shared.length, 1);
  assert.equal(shared[0]!.person_ids.length, 3);
  assert.ok(!shared[0]!.match_key.includes('81244556677'), 'the phone is not copied into the queue');
});
