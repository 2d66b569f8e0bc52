import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
before(async () => { t = await testApp(); });
after(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

test('all of Indonesia is loaded: 38 provinces, 514 regencies and cities, 7,285 districts, 83,762 villages', async () => {
  const counts = await t.db.selectFrom('regions').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').orderBy('level').execute();
  assert.deepEqual(counts.map((c) => Number(c.n)), [38, 514, 7285, 83762]);
});

test('children: provinces at the top, then the regencies and cities of a province', async () => {
  const provinces = (await get('/api/v1/regions')).json().items;
  assert.equal(provinces.length, 38);
  const malut = (await get('/api/v1/regions?parent=82')).json().items;
  assert.ok(malut.some((r: any) => r.code === '82.71' && r.name === 'Kota Ternate' && r.kind === 'city'));
  assert.ok(malut.every((r: any) => r.parentCode === '82' && r.level === 2));
});

test('an area with its ancestors, from village up to province', async () => {
  const villages = (await get('/api/v1/regions?parent=82.71.01')).json().items;
  const village = villages[0];
  const res = (await get(`/api/v1/regions/${village.code}`)).json();
  assert.equal(res.region.code, village.code);
  assert.deepEqual(res.ancestors.map((a: any) => a.code), ['82', '82.71', '82.71.01']);
  assert.deepEqual(res.ancestors.map((a: any) => a.name), ['Maluku Utara', 'Kota Ternate', 'Pulau Ternate']);
});

test('search ignores case and accents and ranks the exact name first', async () => {
  const res = (await get('/api/v1/regions/search?q=TERNATE&limit=5')).json().items;
  assert.equal(res[0].code, '82.71', 'Kota Ternate before villages named Ternate');
  const accented = (await get(`/api/v1/regions/search?q=${encodeURIComponent('Sémarang')}&level=2`)).json().items;
  assert.deepEqual(accented.map((r: any) => r.name).sort(), ['Kabupaten Semarang', 'Kota Semarang']);
  const within = (await get('/api/v1/regions/search?q=bakongan&within=11.01')).json().items;
  assert.ok(within.length > 0 && within.every((r: any) => r.code.startsWith('11.01.')));
  assert.match(within[0].path, /Aceh/);
});

test('unknown and malformed codes are answered with a localized problem', async () => {
  const missing = await get('/api/v1/regions/99.99');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(missing.json().code, 'not_found');
  const malformed = await get('/api/v1/regions/abc', { 'accept-language': 'en' });
  assert.equal(malformed.statusCode, 422);
  assert.equal(malformed.json().errors[0].field, 'code');
  assert.equal(malformed.json().errors[0].message, 'The format is not right.');
  const short = await get('/api/v1/regions/search?q=a');
  assert.equal(short.statusCode, 422);
  assert.equal(short.json().errors[0].message, 'Minimal 2 karakter.');
});
