/**
 * GN Lingkaran end to end in a browser: a company creates a campaign for fishers in a regency of North
 * Maluku, two donors give (one paid by its bank through the SNAP virtual-account endpoint, one in cash
 * at the counter), an officer runs the allocation, the funded fishers' coverage becomes active, and the
 * public pages show the same totals as the ledger.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { assertAccessible, PHONE, signIn, startBrowserEnv } from './support.ts';
import { TEST_PASSWORD } from '../support/app.ts';
import { nikFor } from '../support/people.ts';
import { SYSTEM } from '../../src/modules/audit/audit.ts';
import { registerBpu } from '../../src/modules/registry/bpu-registration.ts';
import { signAsymmetric, signSymmetric } from '../../src/modules/payments/snap.ts';
import { ledgerTotals } from '../../src/modules/lingkaran/transparency.ts';

let env: Awaited<ReturnType<typeof startBrowserEnv>>;
let province: string;
let regency: { code: string; name: string };
const fishers: { participantId: number; name: string; nik: string }[] = [];
const SECRET = 'rahasia-bank-uji-lingkaran-01';
const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

before(async () => {
  env = await startBrowserEnv();
  await env.db.insertInto('payment_partners').values({
    client_key: 'BANK-MALUT', name: 'Bank Maluku Utara', partner_service_id: '77710', client_secret: SECRET, public_key_pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }).execute();
  province = (await env.db.selectFrom('regions').select('name').where('code', '=', '82').executeTakeFirstOrThrow()).name;
  regency = await env.db.selectFrom('regions').select(['code', 'name']).where('parent_code', '=', '82').where('kind', '=', 'regency').orderBy('code').executeTakeFirstOrThrow();
  const villages = await env.db.selectFrom('regions').select('code').where('code', 'like', `${regency.code}.%`).where('level', '=', 4).orderBy('code').limit(2).execute();
  const district = `${regency.code.replace('.', '')}01`;
  for (const [i, name] of ['Samsudin Hi. Kader', 'Rahma Bailussy', 'Yusran Djae', 'Halima Sangadji'].entries()) {
    const nik = nikFor(district, `1988-0${i + 1}-15`, i % 2 ? 'F' : 'M', 8801 + i);
    const r = await registerBpu(env.db, {
      nik, fullName: name, birthDate: `1988-0${i + 1}-15`, sex: i % 2 ? 'F' : 'M', phone: `08124488${1000 + i}`, villageCode: villages[i % 2]!.code, occupation: 'fisher',
      declaredIncome: 1_000_000 + i * 100_000, programs: ['JKK', 'JKM'], vulnerable: true,
    }, { actor: SYSTEM, via: 'agent' });
    fishers.push({ participantId: r.participantId, name, nik });
  }
});
after(() => env.close());

/** The bank pays a virtual account through SNAP: a B2B token, then a signed payment notification. */
async function bankPays(code: string, amount: number) {
  const wib = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 19) + '+07:00';
  const timestamp = wib();
  const token = await fetch(`${env.baseUrl}/snap/v1.0/access-token/b2b`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-client-key': 'BANK-MALUT', 'x-timestamp': timestamp, 'x-signature': signAsymmetric(privateKey, 'BANK-MALUT', timestamp) }, body: JSON.stringify({ grantType: 'client_credentials' }) });
  const accessToken = (await token.json()).accessToken as string;
  const path = '/snap/v1.0/transfer-va/payment';
  const body = JSON.stringify({ partnerServiceId: '   77710', customerNo: code, virtualAccountNo: `77710${code}`, paymentRequestId: `MALUT-${code}`, paidAmount: { value: `${amount}.00`, currency: 'IDR' } });
  const ts = wib();
  const res = await fetch(`${env.baseUrl}${path}`, { method: 'POST', body, headers: {
    'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'x-timestamp': ts, 'x-signature': signSymmetric(SECRET, { method: 'POST', endpointUrl: path, accessToken, body, timestamp: ts }),
    'x-partner-id': 'BANK-MALUT', 'x-external-id': String(Date.now()), 'channel-id': '95231',
  } });
  assert.equal(res.status, 200, await res.text());
}

const rupiahText = (n: number) => `Rp${n.toLocaleString('id-ID')}`;
async function give(page: Page, amount: number, guest?: { name: string; email: string }) {
  await page.getByLabel('Jumlah donasi (Rp)').fill(String(amount));
  if (guest) {
    await page.getByLabel('Nama Anda').fill(guest.name);
    await page.getByLabel('E-mail').fill(guest.email);
    await page.getByLabel('Jangan tampilkan nama saya di halaman publik').check();
  }
  await page.getByRole('button', { name: 'Lanjut ke pembayaran' }).click();
  await page.getByTestId('payment-code').waitFor();
  return { code: (await page.getByTestId('payment-code').textContent())!, receipt: (await page.getByTestId('receipt-code').textContent())! };
}

test('a company creates a campaign for fishers, two donors give, an allocation protects them, and the public pages agree with the ledger', async () => {
  const company = await env.newPage(PHONE);
  await signIn(company, 'donatur');
  await company.goto('/lingkaran');
  await company.getByRole('link', { name: 'Buat kampanye' }).click();
  await company.getByRole('heading', { level: 1, name: 'Buat kampanye GN Lingkaran' }).waitFor();
  await company.getByRole('button', { name: 'Buat kampanye' }).click();
  await company.getByRole('alert').getByText('Wajib diisi.').first().waitFor();
  await company.getByLabel('Judul kampanye').fill(`Nelayan ${regency.name} Peduli`);
  await company.getByLabel('Jumlah pekerja').fill('3');
  await company.getByLabel('Lama perlindungan (bulan)').selectOption('6');
  await company.getByLabel('Provinsi').selectOption({ label: province });
  await company.getByLabel('Kabupaten/kota').selectOption({ label: regency.name });
  await company.getByLabel('Nelayan').check();
  await company.getByText('Target dana: Rp302.400 (3 pekerja × 6 bulan × Rp16.800 JKK + JKM).').waitFor();
  await assertAccessible(company, 'the new campaign form');
  await company.getByRole('button', { name: 'Buat kampanye' }).click();
  await company.getByRole('heading', { level: 1, name: `Nelayan ${regency.name} Peduli` }).waitFor();
  const campaignUrl = company.url();

  // the company gives 200,000; its bank pays the virtual account
  const first = await give(company, 200_000);
  assert.match(first.code, /^89\d{13}$/);
  await company.getByText(`Bank Maluku Utara: 77710${first.code}`).waitFor();
  await company.getByRole('img', { name: /Kode QRIS untuk membayar Rp200\.000/ }).waitFor();
  await assertAccessible(company, 'a donation waiting for payment');
  await bankPays(first.code, 200_000);
  await company.getByTestId('donation-status').filter({ hasText: /^Terima kasih\. Rp200\.000/ }).waitFor({ timeout: 15_000 });

  // a guest gives 150,000 anonymously and pays cash at the branch
  const guest = await env.newPage(PHONE);
  await guest.goto(campaignUrl);
  const second = await give(guest, 150_000, { name: 'Wa Ode Sitti', email: 'sitti@example.id' });
  const officer = await env.newPage(PHONE);
  await signIn(officer, await env.createUser('officer', { branchCode: 'TTE', regionCodes: ['82'] }), TEST_PASSWORD);
  await officer.goto(campaignUrl);
  await officer.getByLabel('Kode tanda terima').fill(second.receipt);
  await officer.getByLabel('Jumlah', { exact: true }).fill('150000');
  await officer.getByLabel('Nomor bukti kas').fill('KAS-TTE-0001');
  await officer.getByRole('button', { name: 'Catat' }).click();
  await officer.getByRole('status').getByText(`Donasi ${second.receipt} tercatat lunas.`).waitFor();
  await guest.reload();
  await guest.getByTestId('donation-status').filter({ hasText: /^Terima kasih\. Rp150\.000/ }).waitFor();

  // the officer runs the allocation: three fishers, six months each
  await officer.getByRole('button', { name: 'Jalankan' }).click();
  await officer.getByRole('status').getByText('Alokasi selesai: 3 pekerja, 18 bulan-pekerja, Rp302.400. Sisa belum terpakai: Rp47.600.').waitFor();
  const statuses = await env.db.selectFrom('participants').select(['id', 'status']).where('id', 'in', fishers.map((f) => f.participantId)).orderBy('id').execute();
  assert.deepEqual(statuses.map((s) => s.status).sort(), ['active', 'active', 'active', 'pending'], 'three of the four fishers are now protected');

  // the public campaign page, read by anyone, agrees with the ledger
  const reader = await env.newPage(PHONE);
  await reader.goto(campaignUrl);
  await reader.getByTestId('workers').getByRole('row').nth(3).waitFor();
  assert.equal(await reader.getByTestId('workers').getByRole('row').count(), 4, 'a header and three workers');
  const ledger = await ledgerTotals(env.db, (await env.db.selectFrom('lingkaran_campaigns').select('id').where('title', '=', `Nelayan ${regency.name} Peduli`).executeTakeFirstOrThrow()).id);
  assert.deepEqual([ledger.in, ledger.out, ledger.balance], [350_000, 302_400, 47_600]);
  assert.equal(await reader.getByTestId('raised').textContent(), rupiahText(ledger.in));
  assert.equal(await reader.getByTestId('allocated').textContent(), rupiahText(ledger.out));
  assert.equal(await reader.getByTestId('unused').textContent(), rupiahText(ledger.balance));
  await reader.getByTestId('ledger-check').filter({ hasText: `Cocok dengan buku besar: ${rupiahText(ledger.in)} masuk dan ${rupiahText(ledger.out)} keluar tercatat di jurnal dana donasi.` }).waitFor();
  await reader.getByRole('row', { name: /Donatur anonim Rp150\.000/ }).waitFor();
  await reader.getByRole('row', { name: /CSR Bank Nusantara Rp200\.000/ }).waitFor();
  const text = (await reader.content());
  for (const f of fishers) assert.ok(!text.includes(f.name) && !text.includes(f.nik), 'no worker is named on the public page');
  assert.ok(!text.includes('Wa Ode Sitti'), 'the anonymous guest is not named');
  await assertAccessible(reader, 'the public campaign page');

  // the whole programme, and the auditor's ledger, show the same donations fund
  await reader.goto('/lingkaran');
  const all = await ledgerTotals(env.db);
  await reader.getByTestId('ledger-check').filter({ hasText: `Cocok dengan buku besar: ${rupiahText(all.in)} masuk dan ${rupiahText(all.out)} keluar tercatat di jurnal dana donasi.` }).waitFor();
  assert.equal(await reader.getByTestId('unused').textContent(), rupiahText(all.balance));
  assert.equal(await reader.getByTestId('fund-balance').textContent(), `Saldo dana donasi di buku besar: ${rupiahText(all.balance)}.`);
  await assertAccessible(reader, 'the programme page');
  const auditor = await env.newPage(PHONE);
  await signIn(auditor, 'auditor');
  await auditor.goto('/buku-besar');
  await auditor.getByRole('region', { name: 'Akun' }).getByRole('row', { name: new RegExp(`^Dana donasi 1 Rp[\\d.]+ Rp[\\d.]+ ${rupiahText(all.balance).replaceAll('.', '\\.')}$`) }).waitFor();

  // the company's own page shows the worker-months its money paid
  await company.goto('/donatur');
  await company.getByTestId('worker-months').waitFor();
  // its gifts were paid first, so both were used whole: 300,000 in the demo campaign and 200,000 here
  assert.equal(await companyUsed(), 500_000);
  assert.equal(await company.getByTestId('used').textContent(), rupiahText(500_000));
  await assertAccessible(company, "the donor's page");
});

/** What the demo company's money paid, from the funding records. */
async function companyUsed(): Promise<number> {
  const rows = await env.db.selectFrom('lingkaran_funding as f').innerJoin('lingkaran_donations as d', 'd.id', 'f.donation_id').innerJoin('lingkaran_donors as o', 'o.id', 'd.donor_id')
    .select((eb) => eb.fn.sum<number>('f.amount').as('used')).where('o.name', '=', 'CSR Bank Nusantara').executeTakeFirst();
  return Number(rows?.used ?? 0);
}
