import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { TEST_PASSWORD } from '../support/app.ts';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
before(async () => { env = await startBrowserEnv(); });
after(() => env.close());

test('a supervisor reverses the demo fisher\'s paid month: reason, confirm; the bill is owed again and shows the reversal', async () => {
  // the demo participant La Ode Hamid paid his BPU months through a virtual account
  const paid = (await sql<{ id: number; total_amount: number; ref: string; payment_id: number }>`
    SELECT b.id, b.total_amount, p.channel_ref AS ref, p.id AS payment_id
    FROM bills b JOIN participants pa ON pa.id = b.participant_id JOIN person_accounts acc ON acc.person_id = pa.person_id JOIN users u ON u.id = acc.user_id
    JOIN bill_payments p ON p.bill_id = b.id
    WHERE u.username = 'peserta' AND b.segment = 'BPU' AND b.status = 'paid' ORDER BY b.period DESC LIMIT 1`.execute(env.db)).rows[0]!;
  const supervisor = await env.createUser('supervisor', { branchCode: 'TTE' });
  const page = await env.newPage(PHONE);
  await signIn(page, supervisor, TEST_PASSWORD);
  await page.goto(`/tagihan/${paid.id}`);
  await page.getByText('Lunas', { exact: true }).first().waitFor();
  const payments = page.getByRole('region', { name: 'Pembayaran diterima' });
  await payments.getByRole('button', { name: `Batalkan pembayaran ${paid.ref}` }).click();

  const form = page.getByRole('region', { name: `Batalkan pembayaran ${paid.ref}` });
  await form.getByRole('button', { name: 'Lanjutkan' }).click();
  await page.getByRole('alert').getByText('Alasan pembatalan: Wajib diisi.').waitFor();
  await form.getByLabel('Alasan pembatalan').fill('Dana ditarik kembali oleh bank');
  await form.getByRole('button', { name: 'Lanjutkan' }).click();
  await form.getByText(`Batalkan pembayaran ${paid.ref} sebesar Rp${paid.total_amount.toLocaleString('id-ID')} dengan alasan “Dana ditarik kembali oleh bank”?`, { exact: false }).waitFor();
  await assertAccessible(page, 'confirming a payment reversal');
  await form.getByRole('button', { name: 'Ya, batalkan pembayaran' }).click();

  await page.getByRole('status').getByText(`Pembayaran ${paid.ref} dibatalkan: Rp${paid.total_amount.toLocaleString('id-ID')} kembali terutang.`).waitFor();
  await payments.getByRole('row', { name: new RegExp(`Pembatalan pembayaran ${paid.ref} −Rp`) }).waitFor();
  await payments.getByRole('row', { name: new RegExp(`${paid.ref} dibatalkan`) }).waitFor();
  await page.getByText(/^(Belum dibayar|Lewat jatuh tempo)$/).first().waitFor();
  assert.deepEqual(await env.db.selectFrom('bills').select(['status', 'paid_amount']).where('id', '=', paid.id).executeTakeFirstOrThrow(), { status: 'open', paid_amount: 0 });
  assert.equal(await payments.getByRole('button', { name: /^Batalkan pembayaran/ }).count(), 0, 'nothing left to reverse on this bill');
  await assertAccessible(page, 'a bill after a reversal');

  // the journal entry itself is not offered for reversal: the ledger points back to the bill
  const entry = (await env.db.selectFrom('bill_payments').select('entry_id').where('id', '=', paid.payment_id).executeTakeFirstOrThrow()).entry_id;
  await page.goto(`/buku-besar?jurnal=${entry}`);
  await page.getByRole('link', { name: 'Dibalik oleh jurnal', exact: false }).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Balik jurnal' }).count(), 0);
});
