import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchName } from './names.ts';

test('search names ignore case, accents and punctuation', () => {
  assert.equal(searchName('Soka"an'), 'soka an');
  assert.equal(searchName('KOTA  Ternate'), 'kota ternate');
  assert.equal(searchName('Bélang-Bélang'), 'belang belang');
  assert.equal(searchName("Ma'rang"), 'ma rang');
});
