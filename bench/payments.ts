/**
 * `lindung bench payments`: payment posting (issue 5) on PostgreSQL, against pgbench in the same run.
 *   1. a fresh database on the server in DATABASE_URL, migrated, with a generated population of
 *      BENCH_PARTICIPANTS participants (default 100,000) billed for the current month (not timed);
 *   2. BENCH_CONNECTIONS (default 8) connections pay open bills at random for BENCH_SECONDS (default
 *      20) through recordPayment, as a bank's notifications would: lock, idempotency, allocation, the
 *      journal entry with its balances, allocations, bill and BPU coverage, audit event. Prints
 *      payments/s, errors, and checks the ledger and the audit chain afterwards (verify);
 *   3. pgbench's TPC-B-like transaction on its own database (scale = connections) with the same
 *      connections and seconds: TPS, and the ratio payments/s ÷ TPS (target ≥ 0.4).
 * Each timed part starts after a CHECKPOINT (when permitted), so neither pays for the dirty buffers
 * and full-page writes of what came before it (the population, pgbench's own tables).
 * Prints a table and one JSON line. Both databases are dropped at the end unless BENCH_KEEP=1.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db.ts';
import { progressBar } from '../src/platform/progress.ts';
import { migrateAndLoadReference } from '../src/setup.ts';
import { SYSTEM, verifyAuditChain } from '../src/modules/audit/audit.ts';
import { seedPopulation } from '../src/modules/registry/demo-population.ts';
import { seedPopulationCoverage } from '../src/modules/contributions/demo.ts';
import { runBilling } from '../src/modules/contributions/billing-run.ts';
import { recordPayment } from '../src/modules/contributions/payments.ts';
import { verifyLedger } from '../src/modules/ledger/verify.ts';
import { checkpoint, fmtFixed, fmtInt, maskUrl, positiveSetting, withDatabase } from './support.ts';

const TARGET_RATIO = 0.4;
/** pgbench's command line for a database URL. */
function pgbenchArgs(url: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const args = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), u.pathname.slice(1)];
  return { args, env: { ...process.env, ...(u.password ? { PGPASSWORD: decodeURIComponent(u.password) } : {}) } };
}

/** pgbench's tables on their own database (scale = clients). */
function initPgbench(url: string, clients: number): void {
  const { args, env } = pgbenchArgs(url);
  execFileSync('pgbench', ['-i', '-q', '-s', String(clients), ...args], { env, stdio: 'pipe' });
}

/** pgbench as the same server's yardstick: TPS of its TPC-B-like transaction. */
function runPgbench(url: string, clients: number, seconds: number): { tps: number; output: string } {
  const { args, env } = pgbenchArgs(url);
  const output = execFileSync('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, os.cpus().length)), '-T', String(seconds), ...args], { env, encoding: 'utf8' });
  const m = /tps = ([\d.]+) \(without initial connection time\)/.exec(output) ?? /tps = ([\d.]+)/.exec(output);
  if (!m) throw new Error(`pgbench: tidak ada TPS / no TPS in its output:\n${output}`);
  return { tps: Number(m[1]), output };
}

export async function runPaymentsBench(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  console.log('Lindung — tolok ukur pencatatan pembayaran / payment posting benchmark');
  if (!serverUrl) {
    console.error('DITOLAK / REFUSED: setel DATABASE_URL ke server PostgreSQL / set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres');
    process.exitCode = 1;
    return;
  }
  const participants = positiveSetting('BENCH_PARTICIPANTS', 100_000);
  const connections = positiveSetting('BENCH_CONNECTIONS', 8);
  const seconds = positiveSetting('BENCH_SECONDS', 20);
  const keep = process.env.BENCH_KEEP === '1';
  const cpus = os.cpus();
  console.log(`Tanggal / date: ${new Date().toISOString()}; ${cpus.length} inti / cores; Node ${process.version}`);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version.split(' ')[0] ?? '?';
  const dbName = `lindung_bench_payments_${process.pid}`;
  const pgbenchName = `lindung_bench_pgbench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.query(`CREATE DATABASE ${pgbenchName}`);
  const dbUrl = withDatabase(serverUrl, dbName);
  console.log(`PostgreSQL ${version}: ${maskUrl(dbUrl)}; ${connections} koneksi / connections, ${seconds} s`);
  const setup = await openDatabase({ databaseUrl: dbUrl, poolSize: 4 });
  const workers = await Promise.all(Array.from({ length: connections }, () => openDatabase({ databaseUrl: dbUrl, poolSize: 1 })));
  try {
    await migrateAndLoadReference(setup.db, { quiet: true });
    const period = `${new Date().toISOString().slice(0, 7)}-01`;
    console.log(`\nPopulasi dan tagihan / population and bills: ${fmtInt(participants)} peserta / participants …`);
    const started = performance.now();
    await seedPopulation(setup.db, participants);
    await seedPopulationCoverage(setup.db);
    await runBilling(setup.db, { period, asOf: period });
    await sql`VACUUM ANALYZE`.execute(setup.db);
    const open = (await sql<{ id: number; total_amount: number }>`SELECT id, total_amount FROM bills WHERE status = 'open' ORDER BY random()`.execute(setup.db)).rows;
    console.log(`  ${fmtInt(open.length)} tagihan terbuka / open bills, ${fmtFixed((performance.now() - started) / 1000, 1)} s (bukan bagian angka / not part of the figure)`);

    // payments: each connection takes the next bill until time is up
    const checkpointed = await checkpoint(setup.db);
    if (!checkpointed) console.log('  (CHECKPOINT tidak diizinkan / not permitted; dilewati / skipped)');
    const entriesBefore = Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM journal_entries`.execute(setup.db)).rows[0]!.n);
    let next = 0;
    let paid = 0;
    const errors = new Map<string, number>();
    const bar = progressBar('Pembayaran / payments', seconds);
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    const ticker = setInterval(() => bar.update(Math.min(seconds, Math.round((performance.now() - t0) / 1000)), seconds), 500);
    await Promise.all(workers.map(async (w) => {
      while (performance.now() < deadline && next < open.length) {
        const bill = open[next++]!;
        try {
          await recordPayment(w.db, { billId: bill.id, amount: bill.total_amount, paidAt: new Date(), channel: 'virtual_account', channelRef: `BENCH-${bill.id}`, actor: SYSTEM });
          paid++;
        } catch (err) {
          const key = err instanceof Error ? err.message.slice(0, 80) : String(err);
          errors.set(key, (errors.get(key) ?? 0) + 1);
        }
      }
    }));
    const elapsed = (performance.now() - t0) / 1000;
    clearInterval(ticker);
    bar.update(seconds, seconds);
    bar.stop();
    const perSecond = paid / elapsed;
    const entries = Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM journal_entries`.execute(setup.db)).rows[0]!.n) - entriesBefore;
    console.log(`  ${fmtInt(paid)} pembayaran / payments in ${fmtFixed(elapsed, 1)} s: ${fmtFixed(perSecond, 1)} /s; ${entries} jurnal / entries; galat / errors: ${[...errors.values()].reduce((s, n) => s + n, 0)}`);
    for (const [message, n] of errors) console.log(`    ${n}× ${message}`);
    const check = await verifyLedger(setup.db);
    console.log(`  verify: ${check.entries} jurnal / entries, ${check.problems.length} masalah / problems`);
    const audit = await verifyAuditChain(setup.db);
    console.log(`  verify audit: ${audit.events} peristiwa / events, ${audit.problems.length} masalah / problems`);

    console.log(`\npgbench TPC-B (skala / scale ${connections}, ${connections} klien / clients, ${seconds} s) …`);
    initPgbench(withDatabase(serverUrl, pgbenchName), connections);
    if (checkpointed) await checkpoint(setup.db);
    const bench = runPgbench(withDatabase(serverUrl, pgbenchName), connections, seconds);
    const ratio = perSecond / bench.tps;
    const met = ratio >= TARGET_RATIO;
    const rows: [string, string][] = [
      ['pembayaran/detik / payments/s', fmtFixed(perSecond, 1)],
      ['pgbench TPS', fmtFixed(bench.tps, 1)],
      ['rasio / ratio (sasaran / target ≥ 0.4)', `${fmtFixed(ratio, 2)}× ${met ? 'TERCAPAI / MET' : 'TIDAK TERCAPAI / NOT MET'}`],
      ['galat / errors', String([...errors.values()].reduce((s, n) => s + n, 0))],
      ['masalah buku besar / ledger problems', String(check.problems.length)],
      ['masalah jejak audit / audit chain problems', String(audit.problems.length)],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    console.log('\nRingkasan / summary');
    for (const [label, value] of rows) console.log(`${label.padEnd(w)}  |  ${value}`);
    console.log(JSON.stringify({
      bench: 'payments', engine: `postgres ${version}`, date: new Date().toISOString(), cores: cpus.length, participants, connections, seconds,
      payments: paid, paymentsPerSecond: Math.round(perSecond * 10) / 10, pgbenchTps: bench.tps, ratio: Math.round(ratio * 1000) / 1000, target: TARGET_RATIO, targetMet: met,
      errors: Object.fromEntries(errors), ledgerProblems: check.problems.length, auditProblems: audit.problems.length,
    }));
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    await setup.close();
    if (!keep) {
      // a closed pool's backends can still be exiting: let them go before dropping, so none is killed mid-goodbye
      await admin.query(`DO $$ BEGIN FOR i IN 1..50 LOOP EXIT WHEN NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = '${dbName}'); PERFORM pg_sleep(0.1); END LOOP; END $$`);
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${pgbenchName} WITH (FORCE)`);
    }
    await admin.end();
  }
}
