import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskNik, maskPersonalText, maskPhone, maskRecord } from './privacy.ts';

test('masks keep only what identifies a record to its owner', () => {
  assert.equal(maskNik('3515140508680001'), '3515********0001');
  assert.equal(maskPhone('+6281234567890'), '+62812*****890');
});

test('NIKs, phone numbers and e-mail addresses are masked inside free text', () => {
  const text = 'GET /api/v1/nik/3515140508680001?hp=081234567890&wa=+6281298765432 from siti.rahma@example.id';
  const masked = maskPersonalText(text);
  assert.ok(!masked.includes('3515140508680001'));
  assert.ok(!masked.includes('081234567890'));
  assert.ok(!masked.includes('6281298765432'));
  assert.ok(!masked.includes('siti.rahma@'));
  assert.match(masked, /3515\*{8}0001/);
});

test('personal fields are masked wherever they sit in a record', () => {
  const masked = maskRecord({ nik: '3515140508680001', nested: { phone: '+6281234567890', password: 'rahasia' }, list: [{ email: 'a@b.id' }], name: 'Siti' }) as Record<string, any>;
  assert.equal(masked.nik, '3515********0001');
  assert.equal(masked.nested.phone, '+62812*****890');
  assert.equal(masked.nested.password, '[disamarkan]');
  assert.equal(masked.list[0].email, 'a***@b.id');
  assert.equal(masked.name, 'Siti');
});
