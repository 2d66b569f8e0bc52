/**
 * Demo GN Lingkaran data, only for `lindung seed --demo` (and `npm start`): the demo donor's company
 * profile, five vulnerable fishers in Kota Ternate, a campaign for them with a company gift and an
 * anonymous guest's gift paid at the counter, one gift still waiting for payment, and an allocation
 * run that protects all five for six months (so the monthly billing bills them nothing). Safe to run
 * twice: an existing campaign is kept.
 */
import type { Db } from '../../platform/db.ts';
import { SYSTEM } from '../audit/audit.ts';
import { registerBpu } from '../registry/bpu-registration.ts';
import { runAllocation } from './allocation-run.ts';
import { createCampaign } from './campaigns.ts';
import { payDonation, pledgeDonation } from './donations.ts';

const FISHERS = [
  { nik: '8271010505850011', fullName: 'Ismail Hi. Abdullah', birthDate: '1985-05-05', sex: 'M' as const, phone: '081240001101', income: 1_000_000 },
  { nik: '8271014708870012', fullName: 'Hadijah Umaternate', birthDate: '1987-08-07', sex: 'F' as const, phone: '081240001102', income: 1_000_000 },
  { nik: '8271011111900013', fullName: 'Rusdi Saraha', birthDate: '1990-11-11', sex: 'M' as const, phone: '081240001103', income: 1_200_000 },
  { nik: '8271010202820014', fullName: 'Jafar Limatahu', birthDate: '1982-02-02', sex: 'M' as const, phone: '081240001104', income: 1_100_000 },
  { nik: '8271015409950015', fullName: 'Nurbaya Sibua', birthDate: '1995-09-14', sex: 'F' as const, phone: '081240001105', income: 1_000_000 },
];

export async function seedDemoLingkaran(db: Db) {
  const user = await db.selectFrom('users').select(['id']).where('username', '=', 'donatur').executeTakeFirst();
  if (!user || (await db.selectFrom('lingkaran_campaigns').select('id').where('code', '=', 'nelayan-kota-ternate-terlindungi').executeTakeFirst())) return;
  const donor = await db.insertInto('lingkaran_donors').values({
    kind: 'company', name: 'CSR Bank Nusantara', csr_program: 'Nusantara Peduli Pekerja Rentan', tax_id: '012345678901000', email: 'csr@banknusantara.example.id', user_id: user.id,
  }).onConflict((oc) => oc.column('user_id').doNothing()).returning('id').executeTakeFirst()
    ?? await db.selectFrom('lingkaran_donors').select('id').where('user_id', '=', user.id).executeTakeFirstOrThrow();
  const villages = await db.selectFrom('regions').select('code').where('parent_code', '=', '82.71.01').orderBy('code').limit(3).execute();
  for (const [i, f] of FISHERS.entries()) {
    if (await db.selectFrom('people').select('id').where('nik', '=', f.nik).executeTakeFirst()) continue;
    await registerBpu(db, {
      nik: f.nik, fullName: f.fullName, birthDate: f.birthDate, sex: f.sex, phone: f.phone, villageCode: villages[i % villages.length]!.code, occupation: 'fisher',
      declaredIncome: f.income, programs: ['JKK', 'JKM'], vulnerable: true, vulnerableReason: 'nelayan kecil, penghasilan tidak tetap',
    }, { actor: SYSTEM, via: 'agent' });
  }
  const actor = { userId: user.id, role: 'donor' };
  const campaign = await createCampaign(db, {
    title: 'Nelayan Kota Ternate Terlindungi', description: 'Iuran JKK dan JKM enam bulan untuk nelayan kecil di Kota Ternate, sampai mereka mampu membayar sendiri.',
    targetWorkers: 5, months: 6, regionCodes: ['82.71'], occupationCodes: ['fisher'],
  }, { actor, ownerDonorId: donor.id });
  const company = await pledgeDonation(db, { campaignCode: campaign.code, amount: 300_000, anonymous: false, requestKey: 'demo-lingkaran-company', donorId: donor.id, actor });
  const guest = await pledgeDonation(db, { campaignCode: campaign.code, amount: 250_000, anonymous: true, requestKey: 'demo-lingkaran-guest', guest: { name: 'Ibu Fatma', phone: '081240009999' }, actor: SYSTEM });
  await pledgeDonation(db, { campaignCode: campaign.code, amount: 100_800, anonymous: false, requestKey: 'demo-lingkaran-pending', guest: { name: 'Andi Wijaya', email: 'andi@example.id' }, actor: SYSTEM });
  for (const d of [company.donation, guest.donation]) {
    await payDonation(db, { donationId: d.id, amount: d.amount, paidAt: new Date(), channel: 'counter', channelRef: `DEMO-LK-${d.id}`, actor: SYSTEM });
  }
  await runAllocation(db, { campaignCode: campaign.code, actor: SYSTEM });
}
