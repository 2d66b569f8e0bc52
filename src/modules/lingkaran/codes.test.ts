import { test } from 'node:test';
import assert from 'node:assert/strict';
import { billIdFromPaymentCode, paymentCode } from '../contributions/billing-run.ts';
import { campaignCode, donationIdFromPaymentCode, donationPaymentCode, newReceiptCode, RECEIPT_CODE } from './codes.ts';

test("a donation's payment code carries its id and a check digit, and is never read as a bill's", () => {
  const code = donationPaymentCode(4711);
  assert.equal(code, '890000000047117'.slice(0, 14) + code[14]);
  assert.equal(code.length, 15);
  assert.equal(donationIdFromPaymentCode(code), 4711);
  assert.equal(donationIdFromPaymentCode(code.replace(/(\d{4})/g, '$1 ')), 4711, 'spaces a person types are ignored');
  const wrong = code.slice(0, 14) + ((Number(code[14]) + 1) % 10);
  assert.equal(donationIdFromPaymentCode(wrong), null);
  assert.equal(billIdFromPaymentCode(code), null, 'a bill never takes a donation code');
  assert.equal(donationIdFromPaymentCode(paymentCode('BPU', 4711)), null, 'a donation never takes a bill code');
});

test('receipt codes are short, unambiguous and differ', () => {
  const codes = new Set(Array.from({ length: 200 }, newReceiptCode));
  for (const c of codes) assert.match(c, RECEIPT_CODE);
  assert.equal(codes.size, 200);
});

test("a campaign's code is made from its title", () => {
  assert.equal(campaignCode('Nelayan Halmahera Selatan — 2026!'), 'nelayan-halmahera-selatan-2026');
  assert.equal(campaignCode('Pekerja Rentan Kota Ternate'), 'pekerja-rentan-kota-ternate');
  assert.equal(campaignCode('***'), 'kampanye');
});
