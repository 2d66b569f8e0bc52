import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { paymentCode, runBilling } from '../contributions/billing-run.ts';
import { verifyLedger } from '../ledger/verify.ts';
import { signAsymmetric, signSymmetric } from './snap.ts';
import { parseQrisPayload } from './qris.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let billId: number;
let qrBill: number;
let total: number;
let code: string;
let token: string;
const SECRET = 'rahasia-bank-uji-0123456789';
const PREFIX = '   88810';
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
after(() => t.close());

/** A timestamp as a bank sends it, in WIB. */
const wib = (at = new Date()) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
let external = 1000;

async function call(path: string, body: Record<string, unknown>, opts: { timestamp?: string; secret?: string; externalId?: string; tamper?: (raw: string) => string } = {}) {
  const raw = JSON.stringify(body);
  const timestamp = opts.timestamp ?? wib();
  const signature = signSymmetric(opts.secret ?? SECRET, { method: 'POST', endpointUrl: path, accessToken: token, body: raw, timestamp });
  return t.app.inject({
    method: 'POST', url: path, payload: opts.tamper ? opts.tamper(raw) : raw,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-timestamp': timestamp, 'x-signature': signature, 'x-partner-id': 'BANK-UJI', 'x-external-id': opts.externalId ?? String(external++), 'channel-id': '95231' },
  });
}
const va = () => ({ partnerServiceId: PREFIX, customerNo: code, virtualAccountNo: `${PREFIX.trim()}${code}` });
const count = async (table: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n);

before(async () => {
  t = await testApp();
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  for (const [i, name] of ['Nurhayati', 'Baharuddin'].entries()) {
    await registerBpu(t.db, {
      nik: nikFor('157101', '1988-06-06', i ? 'M' : 'F', 8301 + i), fullName: name, birthDate: '1988-06-06', sex: i ? 'M' : 'F', phone: `0812770099${11 + i}`, villageCode: village,
      occupation: 'market_trader', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
    }, { actor: SYSTEM, via: 'officer' });
  }
  const month = `${new Date().toISOString().slice(0, 7)}-01`;
  await runBilling(t.db, { period: month, asOf: month });
  const [bill, second] = await t.db.selectFrom('bills').selectAll().where('segment', '=', 'BPU').orderBy('id').execute();
  qrBill = second!.id;
  billId = bill!.id;
  total = bill!.total_amount;
  code = paymentCode('BPU', bill!.id);
  await t.db.insertInto('payment_partners').values({
    client_key: 'BANK-UJI', name: 'Bank Uji', partner_service_id: PREFIX, client_secret: SECRET,
    public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }).execute();
});

test('a partner bank gets a token only with a valid RSA signature', async () => {
  const timestamp = wib();
  const bad = await t.app.inject({ method: 'POST', url: '/snap/v1.0/access-token/b2b', payload: { grantType: 'client_credentials' },
    headers: { 'x-client-key': 'BANK-UJI', 'x-timestamp': timestamp, 'x-signature': signAsymmetric(crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, 'BANK-UJI', timestamp) } });
  assert.equal(bad.statusCode, 401);
  assert.equal(bad.json().responseCode, '4017300');
  const ok = await t.app.inject({ method: 'POST', url: '/snap/v1.0/access-token/b2b', payload: { grantType: 'client_credentials' },
    headers: { 'x-client-key': 'BANK-UJI', 'x-timestamp': timestamp, 'x-signature': signAsymmetric(privateKey, 'BANK-UJI', timestamp) } });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().responseCode, '2007300');
  token = ok.json().accessToken;
  assert.equal(await count('payment_partner_tokens'), 1, 'one token, kept only as its hash');
  assert.notEqual((await t.db.selectFrom('payment_partner_tokens').select('token_hash').executeTakeFirstOrThrow()).token_hash, token);
});

test('an inquiry answers what is owed; a bad signature, an old timestamp or a replayed X-EXTERNAL-ID is refused and writes nothing', async () => {
  const ok = await call('/snap/v1.0/transfer-va/inquiry', { ...va(), inquiryRequestId: 'INQ-1' }, { externalId: '555001' });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.json().responseCode, '2002400');
  assert.deepEqual(ok.json().virtualAccountData.totalAmount, { value: `${total}.00`, currency: 'IDR' });
  assert.equal(ok.json().virtualAccountData.virtualAccountName, 'Nurhayati');

  const requests = await count('payment_partner_requests');
  const forged = await call('/snap/v1.0/transfer-va/inquiry', { ...va(), inquiryRequestId: 'INQ-2' }, { secret: 'bukan-rahasianya' });
  assert.deepEqual([forged.statusCode, forged.json().responseCode, forged.json().responseMessage], [401, '4012400', 'Unauthorized. [Signature]']);
  const tampered = await call('/snap/v1.0/transfer-va/payment', { ...va(), paymentRequestId: 'PAY-X', paidAmount: { value: '1.00', currency: 'IDR' } },
    { tamper: (raw) => raw.replace('"1.00"', `"${total}.00"`) });
  assert.equal(tampered.statusCode, 401, 'a body changed after signing');
  const stale = await call('/snap/v1.0/transfer-va/inquiry', { ...va(), inquiryRequestId: 'INQ-3' }, { timestamp: wib(new Date(Date.now() - 10 * 60_000)) });
  assert.deepEqual([stale.statusCode, stale.json().responseMessage], [401, 'Unauthorized. [Timestamp]']);
  assert.equal(await count('payment_partner_requests'), requests, 'refused requests leave no trace');
  const replay = await call('/snap/v1.0/transfer-va/inquiry', { ...va(), inquiryRequestId: 'INQ-1' }, { externalId: '555001' });
  assert.deepEqual([replay.statusCode, replay.json().responseCode], [409, '4092400']);
  const unknown = await call('/snap/v1.0/transfer-va/inquiry', { ...va(), customerNo: '820000000000001', virtualAccountNo: `${PREFIX.trim()}820000000000001` });
  assert.deepEqual([unknown.statusCode, unknown.json().responseCode], [404, '4042412']);
  assert.equal(await count('bill_payments'), 0);
});

test('a payment notification posts once however often it comes; then the bill answers "paid"', async () => {
  const body = { ...va(), paymentRequestId: 'PAY-2026-0001', paidAmount: { value: `${total}.00`, currency: 'IDR' }, trxDateTime: wib() };
  const first = await call('/snap/v1.0/transfer-va/payment', body);
  assert.equal(first.statusCode, 200, first.body);
  assert.equal(first.json().responseCode, '2002500');
  const again = await call('/snap/v1.0/transfer-va/payment', body); // the bank retries with a new X-EXTERNAL-ID
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().additionalInfo.paymentId, first.json().additionalInfo.paymentId);
  assert.equal(await count('bill_payments'), 1);
  assert.equal(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'payment'`.execute(t.db)).rows[0]!.n), 1);
  assert.equal((await t.db.selectFrom('bills').select('status').where('id', '=', billId).executeTakeFirstOrThrow()).status, 'paid');
  const inquiry = await call('/snap/v1.0/transfer-va/inquiry', { ...va(), inquiryRequestId: 'INQ-9' });
  assert.deepEqual([inquiry.statusCode, inquiry.json().responseCode], [404, '4042414']);
  const different = await call('/snap/v1.0/transfer-va/payment', { ...body, paidAmount: { value: '1.00', currency: 'IDR' } });
  assert.deepEqual([different.statusCode, different.json().responseCode], [404, '4042518'], 'the same request id with another amount is inconsistent');
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});

test('a bill offers its code, a virtual account per partner bank and a dynamic QRIS for what is owed; a QRIS notification pays it once', async () => {
  const admin = await t.signIn(await t.createUser('admin'));
  const options = await t.app.inject({ method: 'GET', url: `/api/v1/bills/${qrBill}/payment-options`, headers: admin });
  assert.equal(options.statusCode, 200, options.body);
  const o = options.json();
  const qrCode = paymentCode('BPU', qrBill);
  assert.equal(o.paymentCode, qrCode);
  assert.deepEqual(o.virtualAccounts, [{ bank: 'Bank Uji', number: `88810${qrCode}` }]);
  const qr = parseQrisPayload(o.qris.payload);
  assert.deepEqual([qr.amount, qr.billNumber, qr.pointOfInitiation, qr.currency], [o.amount, qrCode, 'dynamic', '360']);
  assert.match(o.qris.svg, /^<svg[^>]*>/);

  const notify = { originalReferenceNo: 'QR-REF-0001', originalPartnerReferenceNo: qrCode, latestTransactionStatus: '00', amount: { value: `${o.amount}.00`, currency: 'IDR' } };
  const first = await call('/snap/v1.0/qr/qr-mpm-notify', notify);
  assert.deepEqual([first.statusCode, first.json().responseCode], [200, '2005200'], first.body);
  const again = await call('/snap/v1.0/qr/qr-mpm-notify', notify);
  assert.equal(again.json().additionalInfo.paymentId, first.json().additionalInfo.paymentId);
  assert.deepEqual(await t.db.selectFrom('bill_payments').select(['channel', 'amount']).where('bill_id', '=', qrBill).execute(), [{ channel: 'qris', amount: o.amount }]);
  const paidOptions = (await t.app.inject({ method: 'GET', url: `/api/v1/bills/${qrBill}/payment-options`, headers: admin })).json();
  assert.deepEqual([paidOptions.amount, paidOptions.qris], [0, null], 'a paid bill offers no QR');
});

test("a GN Lingkaran donation's code is paid through the same virtual account and QRIS endpoints, once, and only in full", async () => {
  const pledged = await t.app.inject({ method: 'POST', url: '/api/v1/lingkaran/campaigns/umum/donations', payload: { amount: 168_000, anonymous: false, requestKey: 'snap-donation-0001', guest: { name: 'Ibu Ratna', email: 'ratna@example.id' } } });
  assert.equal(pledged.statusCode, 201, pledged.body);
  const code = pledged.json().paymentCode as string;
  assert.match(code, /^89\d{13}$/);
  assert.deepEqual(pledged.json().payment.virtualAccounts, [{ bank: 'Bank Uji', number: `88810${code}` }]);
  const account = { partnerServiceId: PREFIX, customerNo: code, virtualAccountNo: `${PREFIX.trim()}${code}` };
  const inquiry = await call('/snap/v1.0/transfer-va/inquiry', { ...account, inquiryRequestId: 'INQ-D1' });
  assert.deepEqual([inquiry.statusCode, inquiry.json().virtualAccountData.totalAmount.value, inquiry.json().virtualAccountData.virtualAccountName], [200, '168000.00', 'DONASI GN LINGKARAN']);
  const short = await call('/snap/v1.0/transfer-va/payment', { ...account, paymentRequestId: 'PAY-D0', paidAmount: { value: '100000.00', currency: 'IDR' } });
  assert.deepEqual([short.statusCode, short.json().responseCode], [404, '4042513'], 'a donation is paid whole');
  const body = { ...account, paymentRequestId: 'PAY-D1', paidAmount: { value: '168000.00', currency: 'IDR' } };
  const first = await call('/snap/v1.0/transfer-va/payment', body);
  assert.equal(first.statusCode, 200, first.body);
  const again = await call('/snap/v1.0/transfer-va/payment', body);
  assert.equal(again.json().additionalInfo.entryId, first.json().additionalInfo.entryId);
  const qr = await call('/snap/v1.0/qr/qr-mpm-notify', { originalReferenceNo: 'QR-D1', originalPartnerReferenceNo: code, latestTransactionStatus: '00', amount: { value: '168000.00', currency: 'IDR' } });
  assert.deepEqual([qr.statusCode, qr.json().responseCode], [404, '4045214'], 'paid already: a second channel is refused');
  assert.equal(Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM journal_entries WHERE kind = 'donation'`.execute(t.db)).rows[0]!.n), 1);
  const receipt = (await t.app.inject({ method: 'GET', url: `/api/v1/lingkaran/donations/${pledged.json().receiptCode}` })).json();
  assert.deepEqual([receipt.status, receipt.channel, receipt.payment], ['paid', 'virtual_account', null]);
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});
