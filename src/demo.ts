/**
 * Demo data, only ever created by `lindung seed --demo` (and `npm start`). Safe to run twice: what
 * exists is kept.
 */
import type { Db } from './platform/db.ts';
import { SYSTEM } from './modules/audit/audit.ts';
import { createUser } from './modules/identity/service.ts';
import type { Role } from './modules/identity/tables.ts';

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
  { username: 'supervisor.semarang', displayName: 'Bambang Wibowo', role: 'supervisor', branchCode: 'SMG-MJP', note: 'Semarang Majapahit' },
  { username: 'kasus.ternate', displayName: 'Nurhayati Sangaji', role: 'case_manager', branchCode: 'TTE', note: 'manajer kasus RTW, Ternate / RTW case manager' },
  { username: 'perisai.ternate', displayName: 'Rizal Umasangaji', role: 'agent', regionCodes: ['82.71'], note: 'agen Perisai, Kota Ternate / field agent' },
  { username: 'pemberi.kerja', displayName: 'HRD PT Samudra Jaya', role: 'employer_admin', note: 'admin pemberi kerja / employer admin' },
  { username: 'donatur', displayName: 'CSR Bank Nusantara', role: 'donor', note: 'donatur GN Lingkaran / donor' },
  { username: 'peserta', displayName: 'La Ode Hamid', role: 'participant', phone: '+6281200000001', note: 'peserta BPU; juga masuk dengan kode SMS ke 081200000001 / participant; also signs in by SMS code' },
];

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
  return { usersCreated };
}
