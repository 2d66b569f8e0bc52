import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let ternateOfficer: Record<string, string>;
let jambiOfficer: Record<string, string>;
const people: Record<string, { nik: string; personId: number; kpj: string; phone: string }> = {};
after(() => t.close());

async function register(key: string, district: string, villageParent: string, name: string, birthDate: string, sex: 'M' | 'F', serial: number, phone: string) {
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', villageParent).orderBy('code').executeTakeFirstOrThrow()).code;
  const nik = nikFor(district, birthDate, sex, serial);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/registrations/bpu', payload: {
    nik, fullName: name, birthDate, sex, phone, villageCode: village, occupation: 'fisher', declaredIncome: 1_500_000, programs: ['JKK', 'JKM'],
  } });
  assert.equal(res.statusCode, 201, res.body);
  const person = await t.db.selectFrom('people').select('id').where('nik', '=', nik).executeTakeFirstOrThrow();
  people[key] = { nik, personId: person.id, kpj: res.json().kpj, phone };
}

before(async () => {
  t = await testApp();
  await register('siti', '827101', '82.71.01', 'Siti Rahmawati Sangaji', '1988-04-02', 'F', 1, '081311110001');
  await register('siti2', '827102', '82.71.01', 'Siti Rahmawati Sangaji', '1988-04-02', 'F', 2, '081311110002');
  await register('budi', '157101', '15.71.01', 'Budi Santoso', '1979-12-30', 'M', 1, '081311110003');
  ternateOfficer = await t.signIn(await t.createUser('officer', { branchCode: 'TTE' }));
  jambiOfficer = await t.signIn(await t.createUser('officer', { branchCode: 'JMB' }));
});

const search = (q: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers }).then((r) => r.json().items);

test('search by name, NIK or KPJ finds people in the branch only, with masked results', async () => {
  const byName = await search('siti rahma', ternateOfficer);
  assert.equal(byName.length, 2);
  assert.equal(byName[0].title, 'Siti R******** S******');
  assert.ok(!JSON.stringify(byName).includes(people.siti!.nik), 'no whole NIK in results');
  assert.equal((await search(people.siti!.nik, ternateOfficer)).length, 1);
  assert.equal((await search(people.siti!.kpj, ternateOfficer))[0].id, people.siti!.personId);
  assert.deepEqual(await search('siti rahma', jambiOfficer), [], 'another branch finds nothing');
  assert.equal((await search('Budi', jambiOfficer)).length, 1);
  const admin = await t.signIn(await t.createUser('admin'));
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/search?q=si', headers: admin })).statusCode, 422, 'three letters at least');
  assert.equal((await search('santoso', admin)).length, 1, 'national staff find everyone');
});

test('opening a record shows it whole and is itself audited; outside the branch it is refused', async () => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/people/${people.siti!.personId}`, headers: ternateOfficer });
  assert.equal(res.statusCode, 200);
  assert.equal(res.json().nik, people.siti!.nik);
  assert.equal(res.json().participations[0].segment, 'BPU');
  const viewed = await t.db.selectFrom('audit_events').select(['actor_role', 'action']).where('action', '=', 'person.viewed').where('entity_id', '=', String(people.siti!.personId)).execute();
  assert.deepEqual(viewed, [{ actor_role: 'officer', action: 'person.viewed' }]);
  assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/people/${people.siti!.personId}`, headers: jambiOfficer })).statusCode, 403);
});

test('an older KPJ is attached and merged into the primary one; history stays and the old number still finds the person', async () => {
  const { personId, kpj } = people.budi!;
  const url = `/api/v1/people/${personId}`;
  const mistyped = `${kpj.slice(0, 10)}${(Number(kpj.slice(-1)) + 1) % 10}`;
  const bad = await t.app.inject({ method: 'POST', url: `${url}/kpjs`, headers: jambiOfficer, payload: { kpj: mistyped } });
  assert.equal(bad.statusCode, 422);
  assert.equal(bad.json().errors[0].rule, 'kpj_check_digit');
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/kpjs`, headers: jambiOfficer, payload: { kpj: '12001234567' } })).statusCode, 204);
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/kpj-merge`, headers: jambiOfficer, payload: { primary: kpj, merge: [people.siti!.kpj] } })).statusCode, 422, 'another person\'s KPJ');
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/kpj-merge`, headers: jambiOfficer, payload: { primary: kpj, merge: ['12001234567'] } })).statusCode, 204);
  const record = (await t.app.inject({ method: 'GET', url, headers: jambiOfficer })).json();
  assert.deepEqual(record.kpjs.map((k: any) => [k.kpj, k.mergedInto]), [[kpj, null], ['12001234567', kpj]]);
  assert.equal(record.participations.length, 1, 'the participation is untouched');
  assert.equal((await search('12001234567', jambiOfficer))[0].id, personId);
  assert.equal((await t.app.inject({ method: 'POST', url: `${url}/kpj-merge`, headers: jambiOfficer, payload: { primary: kpj, merge: ['12001234567'] } })).statusCode, 422, 'merged once');
});

test('duplicates wait in the queue of their branch until an officer decides', async () => {
  const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/duplicates', headers: ternateOfficer })).json().items;
  assert.equal(queue.length, 1);
  assert.equal(queue[0].kind, 'same_name_birth');
  assert.deepEqual(queue[0].people.map((p: any) => p.id).sort(), [people.siti!.personId, people.siti2!.personId].sort());
  assert.ok(queue[0].people.every((p: any) => p.nikMasked.includes('********')));
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/duplicates', headers: jambiOfficer })).json().items, []);
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/duplicates/${queue[0].id}`, headers: jambiOfficer, payload: { outcome: 'not_duplicate' } })).statusCode, 403);
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/duplicates/${queue[0].id}`, headers: ternateOfficer, payload: { outcome: 'not_duplicate' } })).statusCode, 204);
  assert.deepEqual((await t.app.inject({ method: 'GET', url: '/api/v1/duplicates', headers: ternateOfficer })).json().items, []);
});

test('a participant records the family; spouse and children may claim, and scholarships go to the children who qualify', async () => {
  const { phone } = people.siti!;
  await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/request', payload: { channel: 'sms', destination: phone } });
  const outbox = (await t.app.inject({ method: 'GET', url: '/api/v1/dev/outbox' })).json().items;
  const code = /: (\d{6})\./.exec(outbox[0].body)![1];
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/otp/verify', payload: { channel: 'sms', destination: phone, code } });
  const me = { cookie: `lindung_session=${login.cookies.find((c) => c.name === 'lindung_session')!.value}` };
  const add = (body: object) => t.app.inject({ method: 'POST', url: '/api/v1/me/family', headers: me, payload: body });
  assert.equal((await add({ relation: 'spouse', fullName: 'Rusdi Umasangaji', birthDate: '1985-01-20', sex: 'M' })).statusCode, 201);
  assert.equal((await add({ relation: 'child', fullName: 'Nur Aisyah', birthDate: '2012-06-01', sex: 'F' })).statusCode, 201);
  assert.equal((await add({ relation: 'child', fullName: 'Ahmad Rafi', birthDate: '2015-03-09', sex: 'M' })).statusCode, 201);
  assert.equal((await add({ relation: 'child', fullName: 'Putri Salsabila', birthDate: '2018-09-11', sex: 'F' })).statusCode, 201);
  const bad = await add({ relation: 'parent', fullName: 'Wa Ode Maryam', birthDate: '1960-02-30', sex: 'F', nik: '8271014202600000' });
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(bad.json().errors.map((e: any) => `${e.field}:${e.rule}`).sort(), ['birthDate:date_invalid', 'nik:nik_serial']);
  assert.equal((await t.app.inject({ method: 'POST', url: `/api/v1/people/${people.siti!.personId}/family`, headers: ternateOfficer, payload: { relation: 'parent', fullName: 'Wa Ode Maryam', birthDate: '1960-02-02', sex: 'F' } })).statusCode, 201);
  const family = (await t.app.inject({ method: 'GET', url: '/api/v1/me/family', headers: me })).json().items;
  const by = (name: string) => family.find((f: any) => f.fullName === name);
  assert.equal(by('Rusdi Umasangaji').mayClaim, true);
  assert.equal(by('Wa Ode Maryam').mayClaim, false, 'parents claim only when there is no spouse or child');
  assert.deepEqual(family.filter((f: any) => f.scholarshipEligible).map((f: any) => f.fullName).sort(), ['Ahmad Rafi', 'Nur Aisyah']);
});
