import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { inTransaction } from '../../src/platform/db.ts';
import { SYSTEM } from '../../src/modules/audit/audit.ts';
import { accountId, balanceOf } from '../../src/modules/ledger/accounts.ts';
import { postEntry } from '../../src/modules/ledger/journal.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let wrong: number;
let fund: number;
before(async () => {
  env = await startBrowserEnv();
  const counter = await accountId(env.db, { kind: 'clearing', channel: 'counter' });
  fund = await accountId(env.db, { kind: 'fund', program: 'JKK' });
  wrong = (await inTransaction(env.db, (tx) => postEntry(tx, {
    idempotencyKey: 'browser-ledger-wrong-fund', kind: 'payment', reason: 'setoran loket ke dana yang salah / counter deposit to the wrong fund',
    source: { type: 'test', id: 1 }, effectiveDate: '2026-01-15', actor: SYSTEM,
  }, [{ account: counter, side: 'D', amount: 12_345 }, { account: fund, side: 'C', amount: 12_345 }]))).id;
});
after(() => env.close());

test('an auditor reads an entry but is not offered to reverse it', async () => {
  const page = await env.newPage(PHONE);
  await signIn(page, 'auditor');
  await page.goto(`/buku-besar?jurnal=${wrong}`);
  await page.getByRole('heading', { level: 2, name: `Jurnal ${wrong}` }).waitFor();
  await page.getByText(/^Seimbang: debit/).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Balik jurnal' }).count(), 0);
});

test('a supervisor reverses an entry through the screen: reason, confirm, then the link to the reversing entry', async () => {
  const fundBefore = await balanceOf(env.db, fund);
  const supervisor = await env.createUser('supervisor');
  const page = await env.newPage(PHONE);
  await signIn(page, supervisor, TEST_PASSWORD);
  await page.goto(`/buku-besar?jurnal=${wrong}`);
  const form = page.getByRole('region', { name: 'Balik jurnal' });
  await form.getByText('Pembalikan hanya mengoreksi buku besar').waitFor();
  await form.getByRole('button', { name: 'Lanjutkan' }).click();
  await form.getByRole('alert').getByText('Alasan pembalikan: Wajib diisi.').waitFor();
  await form.getByLabel('Alasan pembalikan').fill('Salah dana: seharusnya dana JHT');
  await assertAccessible(page, 'the reversal form');
  await form.getByRole('button', { name: 'Lanjutkan' }).click();
  await form.getByText(`Balik jurnal ${wrong} sebesar Rp12.345 dengan alasan “Salah dana: seharusnya dana JHT”? Ini tidak dapat dibatalkan.`).waitFor();
  await assertAccessible(page, 'the reversal confirm step');
  assert.equal(await balanceOf(env.db, fund), fundBefore, 'nothing happens before the confirmation');
  await form.getByRole('button', { name: 'Ya, balik jurnal' }).click();

  await page.getByRole('status').getByText(`Jurnal ${wrong} dibalik.`).waitFor();
  const reversal = await env.db.selectFrom('journal_entries').select(['id', 'reason']).where('reverses_entry_id', '=', wrong).executeTakeFirstOrThrow();
  await page.getByText(`Dibalik oleh jurnal ${reversal.id}`).waitFor();
  assert.equal(await page.getByRole('region', { name: 'Balik jurnal' }).count(), 0, 'a reversed entry is not offered again');
  assert.equal(reversal.reason, 'Salah dana: seharusnya dana JHT');
  assert.equal(await balanceOf(env.db, fund), fundBefore - 12_345, 'the reversal took the money back out of the wrong fund');

  await page.getByRole('status').getByRole('link', { name: `Buka jurnal pembalik ${reversal.id}` }).click();
  await page.getByRole('heading', { level: 2, name: `Jurnal ${reversal.id}` }).waitFor();
  await page.getByText('Salah dana: seharusnya dana JHT').first().waitFor();
  assert.equal(await page.getByRole('region', { name: 'Balik jurnal' }).count(), 0, 'a reversing entry is not reversed');
  await assertAccessible(page, 'the reversing entry');
  await page.getByRole('link', { name: `Membalik jurnal ${wrong}` }).click();
  await page.getByRole('heading', { level: 2, name: `Jurnal ${wrong}` }).waitFor();
  await page.getByRole('link', { name: `Dibalik oleh jurnal ${reversal.id}` }).waitFor();
});
