/**
 * `lindung bench workforce-upload`: an employer uploads its whole workforce as a generated CSV
 * (10,000 and 100,000 rows) through the real HTTP route on PostgreSQL, then applies it. Prints rows/s
 * for checking and for applying, and the peak memory of the process above its level before the
 * upload, so that a memory that grows with the file would show. Target: 100,000 rows checked and
 * applied in under 10 s, memory flat.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import pg from 'pg';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/platform/config.ts';
import { openDatabase } from '../src/platform/db.ts';
import { SYSTEM } from '../src/modules/audit/audit.ts';
import { createUser } from '../src/modules/identity/service.ts';
import { registerEmployer } from '../src/modules/registry/employers.ts';
import { migrateAndLoadReference } from '../src/setup.ts';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
const NAMES = ['Agus', 'Budi', 'Citra', 'Dewi', 'Eko', 'Fitri', 'Gilang', 'Hana', 'Indra', 'Joko', 'Kartika', 'Lestari', 'Made', 'Nur', 'Putri', 'Rizky', 'Sari', 'Teguh', 'Wahyu', 'Yanti'];
const FAMILY = ['Santoso', 'Wijaya', 'Saputra', 'Lestari', 'Nasution', 'Siregar', 'Harahap', 'Pratama', 'Hidayat', 'Kusuma', 'Sangaji', 'Umar'];

/** A workforce CSV written line by line: valid NIKs of districts in Kota Jambi, distinct serials. */
export function writeWorkforceFile(file: string, rows: number) {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'nik,nama,tanggal_lahir,jenis_kelamin,no_pegawai,jenis_kontrak,tanggal_mulai,upah,bulan_upah\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const district = `1571${String((i % 11) + 1).padStart(2, '0')}`;
    const year = 1965 + (i % 40);
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const female = i % 2 === 1;
    const serial = Math.floor(i / (11 * 2)) % 9999 + 1;
    const dd = String(day + (female ? 40 : 0)).padStart(2, '0');
    const nik = `${district}${dd}${String(month).padStart(2, '0')}${String(year).slice(2)}${String(serial).padStart(4, '0')}`;
    const name = `${NAMES[i % NAMES.length]} ${FAMILY[(i * 7) % FAMILY.length]}`;
    const birth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    buffer += `${nik},${name},${birth},${female ? 'P' : 'L'},E-${i + 1},${i % 3 ? 'PKWTT' : 'PKWT'},2020-01-02,${3_000_000 + (i % 50) * 50_000},2026-01\n`;
    if (buffer.length > 1 << 20) { fs.writeSync(fd, buffer); buffer = ''; }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

export async function runWorkforceUpload(sizes = [10_000, 100_000]) {
  const server = process.env.DATABASE_URL ?? DEFAULT_SERVER;
  const dbName = `lindung_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lindung-bench-'));
  console.log(`Lindung — unggah tenaga kerja / workforce upload (PostgreSQL, ${os.cpus().length} cores, node ${process.version})`);
  try {
    await migrateAndLoadReference(handle.db, { quiet: true });
    const app = await buildApp({ db: handle.db, engine: handle.engine, config: { ...loadConfig(), logLevel: 'warn' }, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const village = (await handle.db.selectFrom('regions').select('code').where('parent_code', '=', '15.71.01').orderBy('code').executeTakeFirstOrThrow()).code;
    const results: string[] = [];
    for (const rows of sizes) {
      const employer = await registerEmployer(handle.db, { legalName: `PT Bench ${rows}`, sector: 'Manufaktur', riskClass: 2, sizeClass: 'large', address: 'Jl. Uji 1, Kota Jambi', villageCode: village }, SYSTEM);
      const username = `bench.hr.${rows}`;
      const userId = await createUser(handle.db, { username, displayName: 'HR Bench', role: 'employer_admin', password: 'bench-password-123' }, SYSTEM);
      await handle.db.insertInto('employer_users').values({ user_id: userId, employer_id: employer.id }).execute();
      const token = (await (await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bench-password-123' }) })).json() as { token: string }).token;
      const file = path.join(dir, `workforce-${rows}.csv`);
      writeWorkforceFile(file, rows);
      const size = fs.statSync(file).size;

      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/employers/${employer.id}/workforce-uploads?fileName=workforce-${rows}.csv`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: Readable.toWeb(fs.createReadStream(file)) as ReadableStream, duplex: 'half',
      } as RequestInit);
      const upload = await res.json() as { id: number; status: string; errorRows: number; errors: unknown[] };
      const t1 = performance.now();
      const applied = await (await fetch(`http://127.0.0.1:${port}/api/v1/employers/${employer.id}/workforce-uploads/${upload.id}/apply`, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).json() as { status: string; summary: Record<string, number> };
      const t2 = performance.now();
      clearInterval(sampler);
      if (upload.status !== 'validated' || applied.status !== 'applied') {
        console.log(`  PERINGATAN / WARNING: ${rows} rows: upload ${upload.status} (${upload.errorRows} error rows: ${JSON.stringify(upload.errors.slice(0, 3))}), apply ${applied.status}`);
      }
      const check = (t1 - t0) / 1000;
      const apply = (t2 - t1) / 1000;
      results.push(`${rows.toLocaleString('en-US').padStart(8)} rows, ${mib(size).padStart(3)} MiB file | check ${check.toFixed(2)} s (${Math.round(rows / check).toLocaleString('en-US')} rows/s) | apply ${apply.toFixed(2)} s (${Math.round(rows / apply).toLocaleString('en-US')} rows/s) | total ${(check + apply).toFixed(2)} s | peak memory +${mib(peak - baseline)} MiB over ${mib(baseline)} MiB`);
      console.log(results[results.length - 1]);
    }
    await app.close();
    console.log('\nTarget / sasaran: 100,000 rows checked and applied ≤ 10 s; memory flat (the +MiB should not grow tenfold with the file).');
  } finally {
    await handle.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
