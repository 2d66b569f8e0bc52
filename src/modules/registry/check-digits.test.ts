import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kpjFromSequence, luhnCheckDigit, luhnValid, maskKpj, nppFromSequence } from './check-digits.ts';

test('the Luhn check digit matches the textbook examples', () => {
  assert.equal(luhnCheckDigit('7992739871'), 3);
  assert.ok(luhnValid('79927398713'));
  assert.ok(!luhnValid('79927398710'));
});

test('KPJ numbers are 11 digits whose last digit checks the rest', () => {
  const kpj = kpjFromSequence(1);
  assert.equal(kpj.length, 11);
  assert.ok(kpj.startsWith('9'));
  assert.ok(luhnValid(kpj));
  assert.equal(kpjFromSequence(123456789).slice(0, 10), '9123456789');
});

test('a single mistyped digit or a swap of neighbours is caught', () => {
  const kpj = kpjFromSequence(4021);
  for (let i = 0; i < kpj.length; i++) {
    for (let d = 0; d <= 9; d++) {
      if (String(d) === kpj[i]) continue;
      assert.ok(!luhnValid(kpj.slice(0, i) + d + kpj.slice(i + 1)), `digit ${i} changed to ${d}`);
    }
  }
  for (let i = 0; i < kpj.length - 1; i++) {
    if (kpj[i] === kpj[i + 1] || Math.abs(Number(kpj[i]) - Number(kpj[i + 1])) === 9) continue;
    assert.ok(!luhnValid(kpj.slice(0, i) + kpj[i + 1] + kpj[i] + kpj.slice(i + 2)), `swap at ${i}`);
  }
});

test('NPP numbers are 8 digits with a check digit', () => {
  const npp = nppFromSequence(42);
  assert.equal(npp.length, 8);
  assert.ok(luhnValid(npp));
});

test('KPJ numbers are masked in lists', () => {
  assert.equal(maskKpj('90000000017'), '9000****017');
});
