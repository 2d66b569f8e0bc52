import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeNik, nikAgreesWith } from './nik.ts';

const ref = {
  isProvince: (c: string) => ['11', '33', '35', '36', '54', '82'].includes(c),
  isDistrict: (c: string) => ['35.15.14', '36.02.04'].includes(c),
};
const today = new Date('2026-11-21T00:00:00Z');
const decode = (nik: string) => decodeNik(nik, ref, today);

test('the examples of RULES.md §9.3 decode to the people they describe', () => {
  assert.deepEqual(decode('3515140508680001'), {
    valid: true, birthDate: '1968-08-05', sex: 'M', provinceCode: '35', regencyCode: '35.15', districtCode: '35.15.14', districtKnown: true, errors: [],
  });
  const woman = decode('3515144508680002');
  assert.equal(woman.sex, 'F', 'a woman has 40 added to her birth day');
  assert.equal(woman.birthDate, '1968-08-05');
  const banten = decode('3602041211870001');
  assert.equal(banten.birthDate, '1987-11-12');
  assert.equal(banten.regencyCode, '36.02');
});

test('leap days exist only in leap years', () => {
  assert.equal(decode('3515142902000001').birthDate, '2000-02-29', '2000 was a leap year');
  assert.equal(decode('3515146902840001').birthDate, '1984-02-29', 'a woman born on 29 Feb 1984');
  assert.deepEqual(decode('3515142902010001').errors, ['nik_birth_date'], '2001 was not');
  assert.deepEqual(decode('3515143102880001').errors, ['nik_birth_date'], 'no 31 February');
  assert.deepEqual(decode('3515147202880001').errors, ['nik_birth_date'], 'a woman\'s day 72 is day 32');
  assert.deepEqual(decode('3515140513880001').errors, ['nik_birth_date'], 'no 13th month');
});

test('the century is the latest one not in the future', () => {
  assert.equal(decode('3515140508250001').birthDate, '2025-08-05');
  assert.equal(decode('3515140508270001').birthDate, '1927-08-05');
  assert.deepEqual(decode('3515142511260001').errors, ['nik_birth_date'], 'born after today');
});

test('bad provinces, serials and lengths are each named', () => {
  assert.deepEqual(decode('9915140508680001').errors, ['nik_province']);
  assert.equal(decode('5415140508680001').valid, true, 'Timor Timur (54) is a historical province');
  assert.deepEqual(decode('3515140508680000').errors, ['nik_serial'], 'serial 0000 is not issued');
  assert.deepEqual(decode('351514050868001').errors, ['nik_length']);
  assert.deepEqual(decode('35151405086800011').errors, ['nik_length']);
  assert.deepEqual(decode('35151405O8680001').errors, ['nik_digits']);
});

test('a district missing from today\'s list is a warning, not an error (D17)', () => {
  const r = decode('3515990508680001');
  assert.equal(r.valid, true);
  assert.equal(r.districtKnown, false);
});

test('the birth date and sex given must agree with the NIK, and the error says which part', () => {
  assert.deepEqual(nikAgreesWith('3515144508680002', '1968-08-05', 'F'), []);
  assert.deepEqual(nikAgreesWith('3515140508250001', '1925-08-05', 'M'), [], 'a 1925 birth date fits YY = 25');
  const wrong = nikAgreesWith('3515144508680002', '1968-08-06', 'M');
  assert.deepEqual(wrong.map((w) => [w.field, w.rule]), [['birthDate', 'nik_birth_date_mismatch'], ['sex', 'nik_sex_mismatch']]);
  assert.equal(wrong[0]!.params.nikDate, '05-08-68');
});
