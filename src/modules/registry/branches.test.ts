import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { assignRegencies, seedBranches } from './branches.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

test('a regency listed by a branch goes to it; the rest of the province to the main branch', () => {
  const a = assignRegencies(
    [{ code: 'JMB', name: 'Jambi', provinceCode: '15', town: '' }, { code: 'MBG', name: 'Muara Bungo', provinceCode: '15', town: '', regencies: ['15.08'] }],
    [{ code: '15.08', provinceCode: '15' }, { code: '15.71', provinceCode: '15' }, { code: '82.71', provinceCode: '82' }],
  );
  assert.deepEqual([...a.entries()], [['15.08', 'MBG'], ['15.71', 'JMB']]);
});

test('every regency and city of Indonesia is served by exactly one branch', async () => {
  const unserved = await t.db.selectFrom('regions as r').leftJoin('branch_regencies as br', 'br.regency_code', 'r.code')
    .select('r.code').where('r.level', '=', 2).where('br.branch_id', 'is', null).execute();
  assert.deepEqual(unserved, []);
});

test('the branches of Jambi, Semarang Majapahit and Ternate serve their towns', async () => {
  const branchOf = async (code: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/regions/${code}/branch` })).json().name;
  assert.equal(await branchOf('15.71'), 'Jambi');
  assert.equal(await branchOf('33.74.01'), 'Semarang Majapahit');
  assert.equal(await branchOf('82.71.01'), 'Ternate');
  const list = (await t.app.inject({ method: 'GET', url: '/api/v1/branches' })).json().items;
  const ternate = list.find((b: any) => b.name === 'Ternate');
  const detail = (await t.app.inject({ method: 'GET', url: `/api/v1/branches/${ternate.id}` })).json();
  assert.equal(detail.provinceName, 'Maluku Utara');
  assert.ok(detail.regencies.some((r: any) => r.name === 'Kota Ternate'));
});

test('seeding branches again changes nothing', async () => {
  const before = await t.db.selectFrom('branch_regencies').selectAll().orderBy('regency_code').execute();
  assert.equal(await seedBranches(t.db), 0);
  assert.deepEqual(await t.db.selectFrom('branch_regencies').selectAll().orderBy('regency_code').execute(), before);
});
