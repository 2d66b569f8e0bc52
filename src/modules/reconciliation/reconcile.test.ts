import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { nikFor } from '../../../test/support/people.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { paymentCode, runBilling } from '../contributions/billing-run.ts';
import { recordPayment } from '../contributions/payments.ts';
import { verifyLedger } from '../ledger/verify.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let partnerId: number;
let bills: { id: number; total: number; code: string }[];
let first: Record<string, string>;
let second: Record<string, string>;
after(() => t.close());

const DAY = '2026-11-20';

/** A camt.053.001.02 statement with these entries, as a bank sends it at the end of the day. */
function camt(id: string, entries: { ref: string; amount: number; credit?: boolean; txId?: string; text: string }[]) {
  const ntry = entries.map((e) => `
      <Ntry><Amt Ccy="IDR">${e.amount}.00</Amt><CdtDbtInd>${e.credit === false ? 'DBIT' : 'CRDT'}</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>${DAY}</Dt></BookgDt><AcctSvcrRef>${e.ref}</AcctSvcrRef>
        <NtryDtls><TxDtls><Refs>${e.txId ? `<TxId>${e.txId}</TxId>` : '<EndToEndId>NOTPROVIDED</EndToEndId>'}</Refs>
          <AmtDtls><TxAmt><Amt Ccy="IDR">${e.amount}.00</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>${e.text}</Ustrd></RmtInf></TxDtls></NtryDtls>
      </Ntry>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt>
  <GrpHdr><MsgId>${id}</MsgId><CreDtTm>${DAY}T23:59:00+07:00</CreDtTm></GrpHdr>
  <Stmt><Id>${id}</Id><CreDtTm>${DAY}T23:59:00+07:00</CreDtTm><FrToDt><FrDtTm>${DAY}T00:00:00+07:00</FrDtTm><ToDtTm>${DAY}T23:59:59+07:00</ToDtTm></FrToDt>
    <Acct><Id><Othr><Id>020601000123301</Id></Othr></Id><Ccy>IDR</Ccy></Acct>${ntry}
  </Stmt></BkToCstmrStmt></Document>`;
}

before(async () => {
  t = await testApp();
  const village = (await t.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
  for (const [i, name] of ['Wa Ode Sitti', 'La Ode Muhammad', 'Nurlela'].entries()) {
    await registerBpu(t.db, {
      nik: nikFor('157101', '1986-09-09', i === 1 ? 'M' : 'F', 8500 + i), fullName: name, birthDate: '1986-09-09', sex: i === 1 ? 'M' : 'F', phone: `08127701${8500 + i}`, villageCode: village,
      occupation: 'fisher', declaredIncome: 1_000_000, programs: ['JKK', 'JKM'],
    }, { actor: SYSTEM, via: 'officer' });
  }
  await runBilling(t.db, { period: '2026-11-01', asOf: '2026-11-01' });
  bills = (await t.db.selectFrom('bills').select(['id', 'total_amount']).where('segment', '=', 'BPU').orderBy('id').execute())
    .map((b) => ({ id: b.id, total: b.total_amount, code: paymentCode('BPU', b.id) }));
  partnerId = (await t.db.insertInto('payment_partners').values({ client_key: 'BANK-UJI', name: 'Bank Uji', partner_service_id: '88810', client_secret: 'x'.repeat(32), public_key_pem: '-' }).returning('id').executeTakeFirstOrThrow()).id;
  // the notifications the bank sent during the day: the first two bills (the third never came)
  for (const [i, b] of bills.slice(0, 2).entries()) {
    await recordPayment(t.db, { billId: b.id, amount: b.total, paidAt: new Date(`${DAY}T03:00:00Z`), channel: 'virtual_account', channelRef: `BANK-UJI:TX-${i}`, actor: SYSTEM });
  }
  first = await t.signIn(await t.createUser('officer'));
  second = await t.signIn(await t.createUser('supervisor'));
});

const statement = () => camt('BRI-20261120', [
  { ref: 'R-1', amount: bills[0]!.total, txId: 'TX-0', text: `IURAN BPU VA ${bills[0]!.code}` },
  { ref: 'R-2', amount: bills[1]!.total + 1_000, txId: 'TX-1', text: `IURAN BPU VA ${bills[1]!.code}` },
  { ref: 'R-3', amount: bills[2]!.total, text: `IURAN BPU VA ${bills[2]!.code}` },
  { ref: 'R-4', amount: 5_000, text: 'SETORAN TANPA KODE' },
  { ref: 'R-5', amount: 6_500, credit: false, text: 'BIAYA ADMIN' },
]);
const post = (headers: Record<string, string>, url: string, payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url, headers, payload });

test('a camt.053 statement is matched line by line; what does not match is queued by kind; the same file again changes nothing', async () => {
  const body = { partnerId, channel: 'virtual_account', filename: 'bri-2026-11-20.xml', content: statement() };
  const imported = await post(first, '/api/v1/reconciliation/statements', body);
  assert.equal(imported.statusCode, 201, imported.body);
  assert.deepEqual({ ...(imported.json() as Record<string, unknown>), statementId: 0 }, {
    statementId: 0, replayed: false, lines: 5, matched: 1, ignored: 1,
    exceptions: { amount_mismatch: 1, missing_notification: 1, unknown_code: 1 },
  });
  const again = await post(first, '/api/v1/reconciliation/statements', body);
  assert.equal(again.statusCode, 200);
  assert.equal(again.json().replayed, true);
  const changed = await post(first, '/api/v1/reconciliation/statements', { ...body, content: statement().replace('BIAYA ADMIN', 'BIAYA') });
  assert.equal(changed.statusCode, 409);
  const broken = await post(first, '/api/v1/reconciliation/statements', { ...body, content: statement().replace(`${bills[0]!.total}.00</Amt><CdtDbtInd>`, `${bills[0]!.total}.50</Amt><CdtDbtInd>`) });
  assert.equal(broken.statusCode, 422);
  assert.ok(broken.json().problems.some((p: { field: string }) => p.field === 'amount'), broken.body);

  // a later statement that books R-1 again
  const dup = await post(first, '/api/v1/reconciliation/statements', { ...body, content: camt('BRI-20261121', [{ ref: 'R-1', amount: bills[0]!.total, txId: 'TX-0', text: bills[0]!.code }]) });
  assert.deepEqual(dup.json().exceptions, { duplicate: 1 });
});

test('an officer proposes to post a missing notification, a second officer approves, and the bill is paid once', async () => {
  const queue = (await t.app.inject({ method: 'GET', url: '/api/v1/reconciliation/exceptions?status=open', headers: first })).json().items as { id: number; kind: string; amount: number }[];
  const missing = queue.find((e) => e.kind === 'missing_notification')!;
  assert.equal(missing.amount, bills[2]!.total);
  assert.equal((await post(first, `/api/v1/reconciliation/exceptions/${missing.id}/proposal`, { action: 'post_payment', note: 'Setoran VA tanpa notifikasi' })).statusCode, 422, 'posting needs a bill');
  assert.equal((await post(first, `/api/v1/reconciliation/exceptions/${missing.id}/proposal`, { action: 'post_payment', billId: bills[2]!.id, note: 'Setoran VA tanpa notifikasi' })).statusCode, 204);
  const self = await post(first, `/api/v1/reconciliation/exceptions/${missing.id}/decision`, { approve: true });
  assert.deepEqual([self.statusCode, self.json().code], [409, 'same_officer']);
  assert.equal((await t.db.selectFrom('bills').select('status').where('id', '=', bills[2]!.id).executeTakeFirstOrThrow()).status, 'open', 'nothing posted yet');
  assert.equal((await post(second, `/api/v1/reconciliation/exceptions/${missing.id}/decision`, { approve: true })).statusCode, 204);
  assert.equal((await t.db.selectFrom('bills').select('status').where('id', '=', bills[2]!.id).executeTakeFirstOrThrow()).status, 'paid');
  const payments = await t.db.selectFrom('bill_payments').select(['channel', 'channel_ref']).where('bill_id', '=', bills[2]!.id).execute();
  assert.equal(payments.length, 1);
  assert.equal(payments[0]!.channel, 'import');
  assert.equal((await post(second, `/api/v1/reconciliation/exceptions/${missing.id}/decision`, { approve: true })).statusCode, 409, 'decided once');

  const report = (await t.app.inject({ method: 'GET', url: `/api/v1/reconciliation/report?date=${DAY}`, headers: second })).json();
  assert.deepEqual(report.channels.map((c: Record<string, number>) => [c.channel, c.credits, c.matched, c.open, c.resolved]), [['virtual_account', 5, 2, 3, 1]]);
  assert.deepEqual((await verifyLedger(t.db)).problems, []);
});
