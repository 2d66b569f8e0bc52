/**
 * Demo data, only ever created by `lindung seed --demo` (and `npm start`). Safe to run twice: what
 * exists is kept.
 */
import type { Db } from './platform/db.ts';
import { SYSTEM } from './modules/audit/audit.ts';
import { createUser } from './modules/identity/service.ts';
import type { Role } from './modules/identity/tables.ts';
import { registerEmployer } from './modules/registry/employers.ts';
import { createParticipant, createPerson } from './modules/registry/people.ts';
import { inTransaction } from './platform/db.ts';
import { hireWorker } from './modules/registry/workforce.ts';
import { seedDemoContributions } from './modules/contributions/demo.ts';
import { seedDemoLingkaran } from './modules/lingkaran/demo.ts';

export const DEMO_PASSWORD = 'lindung-demo-2026';

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  branchCode?: string;
  regionCodes?: string[];
  phone?: string;
  note: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Admin Nasional', role: 'admin', note: 'seluruh Indonesia / nationwide' },
  { username: 'auditor', displayName: 'Auditor Internal', role: 'auditor', note: 'hanya baca, nasional / read-only, nationwide' },
  { username: 'petugas.jambi', displayName: 'Siti Rahmawati', role: 'officer', branchCode: 'JMB', note: 'petugas cabang Jambi / officer, Jambi branch' },
  { username: 'petugas.ternate', displayName: 'Ahmad Sangaji', role: 'officer', branchCode: 'TTE', note: 'petugas cabang Ternate; GN Lingkaran / officer, Ternate branch' },
  { username: 'supervisor.semarang', displayName: 'Bambang Wibowo', role: 'supervisor', branchCode: 'SMG-MJP', note: 'Semarang Majapahit' },
  { username: 'kasus.ternate', displayName: 'Nurhayati Sangaji', role: 'case_manager', branchCode: 'TTE', note: 'manajer kasus RTW, Ternate / RTW case manager' },
  { username: 'perisai.ternate', displayName: 'Rizal Umasangaji', role: 'agent', regionCodes: ['82.71'], note: 'agen Perisai, Kota Ternate / field agent' },
  { username: 'pemberi.kerja', displayName: 'HRD PT Samudra Jaya', role: 'employer_admin', note: 'admin pemberi kerja / employer admin' },
  { username: 'donatur', displayName: 'CSR Bank Nusantara', role: 'donor', note: 'donatur GN Lingkaran / donor' },
  { username: 'peserta', displayName: 'La Ode Hamid', role: 'participant', phone: '+6281200000001', note: 'peserta BPU; juga masuk dengan kode SMS ke 081200000001 / participant; also signs in by SMS code' },
];

/** The demo employer admin's company: a fish processor in Kota Ternate, with a few workers. */
async function seedDemoEmployer(db: Db) {
  const user = await db.selectFrom('users').select('id').where('username', '=', 'pemberi.kerja').executeTakeFirst();
  if (!user || (await db.selectFrom('employer_users').select('user_id').where('user_id', '=', user.id).executeTakeFirst())) return;
  const village = await db.selectFrom('regions').select('code').where('parent_code', '=', '82.71.01').orderBy('code').executeTakeFirstOrThrow();
  const employer = await registerEmployer(db, {
    legalName: 'PT Samudra Jaya', sector: 'Pengolahan ikan', riskClass: 3, sizeClass: 'small', address: 'Jl. Pelabuhan Ahmad Yani, Kota Ternate', villageCode: village.code,
  }, SYSTEM);
  await db.insertInto('employer_users').values({ user_id: user.id, employer_id: employer.id }).execute();
  const workers = [
    { nik: '8271011507880003', fullName: 'Abdul Gani Sangaji', birthDate: '1988-07-15', sex: 'M' as const, wage: 3_450_000 },
    { nik: '8271015203920002', fullName: 'Nurlela Umasangaji', birthDate: '1992-03-12', sex: 'F' as const, wage: 3_300_000 },
    { nik: '8271012011950004', fullName: 'Rahmat Hi. Umar', birthDate: '1995-11-20', sex: 'M' as const, wage: 3_200_000 },
  ];
  for (const w of workers) {
    await hireWorker(db, { id: employer.id, sizeClass: 'small' }, { ...w, contractType: 'PKWTT', startDate: '2023-02-01', wageMonth: '2026-01' }, SYSTEM);
  }
}

/** The demo participant is a fisher in Ternate with a BPU participation, so the card and family pages work. */
async function seedDemoParticipant(db: Db) {
  const user = await db.selectFrom('users').select(['id', 'phone']).where('username', '=', 'peserta').executeTakeFirst();
  if (!user || (await db.selectFrom('person_accounts').select('person_id').where('user_id', '=', user.id).executeTakeFirst())) return;
  const village = await db.selectFrom('regions').select('code').where('parent_code', '=', '82.71.01').orderBy('code').executeTakeFirstOrThrow();
  await inTransaction(db, async (tx) => {
    const personId = await createPerson(tx, {
      nik: '8271011203900009', fullName: 'La Ode Hamid', birthDate: '1990-03-12', sex: 'M', phone: user.phone, villageCode: village.code, occupation: 'fisher',
    }, SYSTEM);
    await createParticipant(tx, { personId, segment: 'BPU', programs: ['JKK', 'JKM', 'JHT'], declaredIncome: 1_500_000, registeredVia: 'self', status: 'active', reason: 'demo data' }, SYSTEM);
    await tx.insertInto('person_accounts').values({ person_id: personId, user_id: user.id }).execute();
  });
}

export async function seedDemo(db: Db): Promise<{ usersCreated: number }> {
  const branches = new Map((await db.selectFrom('branches').select(['id', 'code']).execute()).map((b) => [b.code, b.id]));
  const existing = new Set((await db.selectFrom('users').select('username').execute()).map((u) => u.username));
  let usersCreated = 0;
  for (const u of DEMO_USERS) {
    if (existing.has(u.username)) continue;
    await createUser(db, {
      username: u.username, displayName: u.displayName, role: u.role, password: DEMO_PASSWORD,
      branchId: u.branchCode ? branches.get(u.branchCode) : null, regionCodes: u.regionCodes, phone: u.phone, isDemo: true,
    }, SYSTEM);
    usersCreated++;
  }
  await seedDemoEmployer(db);
  await seedDemoParticipant(db);
  await seedDemoContributions(db);
  await seedDemoLingkaran(db);
  return { usersCreated };
}
