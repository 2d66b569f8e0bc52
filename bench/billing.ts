/**
 * `lindung bench billing`: the monthly billing run (issue 4) on a generated population, on PostgreSQL.
 *   1. a fresh database on the server in DATABASE_URL, migrated, with reference data and a demo
 *      population of BENCH_PARTICIPANTS participants (default 1,000,000) from seedPopulation, timed
 *      apart (generation is not part of the figure);
 *   2. VACUUM ANALYZE, then runBilling for the current month, issued on its first day as the monthly run
 *      is scheduled (BPU bills fall due on the 15th of that month, PU on the 15th of the next): bills,
 *      bill lines, seconds, bill lines per second;
 *   3. in the same run and database, a bare INSERT … SELECT of as many rows of the same shape into a
 *      plain table: rows/s, and the ratio billing lines/s ÷ bare rows/s (target ≥ 0.5);
 *   4. the same period billed a second time: near-instant, and nothing created (idempotency).
 * Prints a table and one JSON line. The database is dropped at the end unless BENCH_KEEP=1.
 * Messages are in Bahasa Indonesia, then English.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../src/platform/db.ts';
import { checkpoint, fmtFixed, fmtInt, maskUrl, positiveSetting, withDatabase } from './support.ts';
import { progressBar, type Progress } from '../src/platform/progress.ts';
import { migrateAndLoadReference } from '../src/setup.ts';
import { seedPopulation } from '../src/modules/registry/demo-population.ts';
import { runBilling, type RunStep } from '../src/modules/contributions/billing-run.ts';
import { seedPopulationCoverage } from '../src/modules/contributions/demo.ts';

const DEFAULT_PARTICIPANTS = 1_000_000;
/** What issue 4 asks for: 1,000,000 active participants with 50,000 employers (plus BPU). */
const ISSUE_PARTICIPANTS = 1_000_000;
const ISSUE_EMPLOYERS = 50_000;
const TARGET_RATIO = 0.5;

const seconds = (since: number) => (performance.now() - since) / 1000;

/** Today as YYYY-MM-DD (UTC). */
const today = () => new Date().toISOString().slice(0, 10);

async function counts(db: Db) {
  const { rows } = await sql<{ segment: string; bills: number; lines: number }>`
    SELECT b.segment, count(*)::int AS bills, coalesce(sum(b.lines), 0)::bigint AS lines FROM bills b GROUP BY b.segment ORDER BY b.segment`.execute(db);
  const lines = Number((await sql<{ n: number }>`SELECT count(*)::bigint AS n FROM bill_lines`.execute(db)).rows[0]!.n);
  const bills = rows.reduce((s, r) => s + r.bills, 0);
  return { bills, lines, bySegment: Object.fromEntries(rows.map((r) => [r.segment, { bills: r.bills, lines: Number(r.lines) }])) };
}

/**
 * The bare floor: INSERT … SELECT of `rows` rows over generate_series into a plain table of the shape of
 * bill_lines (bigint, bigint, date, text, text, text, bigint, numeric, bigint, bigint), with a bigint
 * primary key as in bench/baselines.ts (bill_lines has one full index, on bill_id).
 */
async function measureBareInsert(db: Db, rows: number, period: string) {
  await sql`DROP TABLE IF EXISTS bench_bill_lines`.execute(db);
  await sql`
    CREATE TABLE bench_bill_lines (
      id             bigint PRIMARY KEY,
      participant_id bigint,
      month          date NOT NULL,
      kind           text NOT NULL,
      program        text NOT NULL,
      payer          text NOT NULL,
      base           bigint,
      rate           numeric,
      amount         bigint NOT NULL,
      rule_id        bigint NOT NULL
    )`.execute(db);
  await checkpoint(db);
  const started = performance.now();
  const result = await sql`
    INSERT INTO bench_bill_lines
    SELECT g, g % 1000003, ${period}::date, 'contribution', (ARRAY['JKK', 'JKM', 'JHT', 'JP'])[1 + g % 4],
           CASE WHEN g % 3 = 0 THEN 'worker' ELSE 'employer' END, 3000000 + (g % 50) * 50000, 0.24,
           round((3000000 + (g % 50) * 50000) * 0.24 / 100)::bigint, 1 + g % 7
    FROM generate_series(1, ${sql.lit(rows)}) g`.execute(db);
  const secs = seconds(started);
  const inserted = Number(result.numAffectedRows ?? -1);
  if (inserted !== rows) throw new Error(`INSERT … SELECT: ${inserted} baris / rows, diharapkan / expected ${rows}`);
  await sql`DROP TABLE bench_bill_lines`.execute(db);
  return { seconds: secs, rowsPerSecond: rows / secs };
}

export async function runBillingBench(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  console.log('Lindung — tolok ukur penagihan bulanan / monthly billing run benchmark');
  if (!serverUrl) {
    console.error(
      'DITOLAK / REFUSED: tolok ukur penagihan berjalan di PostgreSQL; setel DATABASE_URL ke server PostgreSQL ' +
        '(basis data sementara dibuat di sana), mis. / e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres\n' +
        '  The billing benchmark runs on PostgreSQL; set DATABASE_URL to a PostgreSQL server (a throwaway database is created there).',
    );
    process.exitCode = 1;
    return;
  }
  const participants = positiveSetting('BENCH_PARTICIPANTS', DEFAULT_PARTICIPANTS);
  const keep = process.env.BENCH_KEEP === '1';
  const period = `${today().slice(0, 7)}-01`;
  const asOf = period;
  const cpus = os.cpus();
  console.log(`Tanggal / date:   ${new Date().toISOString()}`);
  console.log(`Mesin / machine:  ${cpus.length} inti / cores (${cpus[0]?.model.trim() ?? '?'}), ${fmtFixed(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.platform()} ${os.release()}`);
  console.log(`Node:             ${process.version}`);

  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version.split(' ')[0] ?? '?';
  const dbName = `lindung_bench_billing_${process.pid}`;
  const dbUrl = withDatabase(serverUrl, dbName);
  await admin.query(`CREATE DATABASE ${dbName}`);
  console.log(`PostgreSQL ${version}: ${maskUrl(dbUrl)} (pool 10)${keep ? ' — BENCH_KEEP=1: disimpan / kept' : ''}`);
  console.log(`Periode / period: ${period}, tanggal terbit / asOf: ${asOf}`);
  const handle = await openDatabase({ databaseUrl: dbUrl, poolSize: 10 });
  const db = handle.db;
  try {
    // 1. population (not timed in the figure)
    await migrateAndLoadReference(db, { quiet: true });
    console.log(`\nPopulasi demo / demo population: ${fmtInt(participants)} peserta / participants …`);
    let bar: Progress | undefined;
    let barLabel = '';
    const popStarted = performance.now();
    const pop = await seedPopulation(db, participants, (step, done, total) => {
      if (step !== barLabel) {
        bar?.stop();
        bar = progressBar(step, total);
        barLabel = step;
      }
      bar!.update(done, total);
    });
    bar?.stop();
    // as `seed --demo --participants` does: generated BPU participants paid up to their status
    await seedPopulationCoverage(db);
    const generationSeconds = seconds(popStarted);
    const billable = (await sql<{ pu: number; bpu: number; employers: number }>`
      SELECT (SELECT count(*)::int FROM participants WHERE segment = 'PU' AND status <> 'ended') AS pu,
             (SELECT count(*)::int FROM participants WHERE segment = 'BPU' AND status <> 'ended' AND registered_at < ${period}::date + interval '1 month') AS bpu,
             (SELECT count(*)::int FROM employers WHERE status = 'active') AS employers`.execute(db)).rows[0]!;
    const generated = pop.participants.PU + pop.participants.BPU;
    console.log(`  peserta PU / PU participants:    ${fmtInt(pop.participants.PU)}`);
    console.log(`  peserta BPU / BPU participants:  ${fmtInt(pop.participants.BPU)} (tertagih / billable this period: ${fmtInt(billable.bpu)})`);
    console.log(`  pemberi kerja / employers:       ${fmtInt(pop.employers)} (aktif / active: ${fmtInt(billable.employers)}), hubungan kerja / employments: ${fmtInt(pop.employments)}, upah / wages: ${fmtInt(pop.wages)}`);
    console.log(`  waktu / time: ${fmtFixed(generationSeconds, 1)} s (bukan bagian angka / not part of the figure)`);
    const expectedEmployers = ISSUE_EMPLOYERS * (generated / ISSUE_PARTICIPANTS);
    const employerNote = pop.employers < 0.8 * expectedEmployers
      ? `pemberi kerja jauh lebih sedikit dari isu 4 / far fewer employers than issue 4 asks: ${fmtInt(pop.employers)} vs ~${fmtInt(expectedEmployers)} ` +
        `(${fmtInt(ISSUE_EMPLOYERS)} per ${fmtInt(ISSUE_PARTICIPANTS)}); the generator sizes employers by its own distribution (mean ${fmtFixed(pop.participants.PU / Math.max(1, pop.employers), 1)} workers)`
      : undefined;
    if (employerNote) console.log(`  CATATAN / NOTE: ${employerNote}`);
    console.log(`  isu 4 / issue 4: ${fmtInt(ISSUE_PARTICIPANTS)} peserta / participants, ${fmtInt(ISSUE_EMPLOYERS)} pemberi kerja / employers, plus BPU; ` +
      `di sini / here: ${fmtInt(generated)} peserta / participants (${fmtInt(pop.participants.PU)} PU + ${fmtInt(pop.participants.BPU)} BPU), ${fmtInt(pop.employers)} pemberi kerja / employers`);

    // 2. the billing run
    console.log('\nVACUUM ANALYZE …');
    await sql`VACUUM ANALYZE`.execute(db);
    const checkpointed = await checkpoint(db);
    if (!checkpointed) console.log('  (CHECKPOINT tidak diizinkan / not permitted; dilewati / skipped)');
    let runBar: Progress | undefined;
    const stepEnds = new Map<RunStep, number>();
    const started = performance.now();
    const run = await runBilling(db, {
      period, asOf,
      onProgress: (r) => {
        runBar ??= progressBar('Penagihan / billing', r.total);
        runBar.update(r.done, r.total);
        stepEnds.set(r.step, performance.now());
      },
    });
    const billingSeconds = seconds(started);
    runBar?.stop();
    if (run.status !== 'completed') throw new Error(`runBilling: status ${run.status} (${run.error ?? ''})`);
    const first = await counts(db);
    const linesPerSecond = first.lines / billingSeconds;
    // where the time went: from the end of one step to the end of the next (the first from the start)
    const steps: Record<string, number> = {};
    let prev = started;
    for (const [step, at] of stepEnds) {
      steps[step] = (at - prev) / 1000;
      prev = at;
    }
    steps.finish = (started + billingSeconds * 1000 - prev) / 1000;
    console.log(`  ${fmtInt(first.bills)} tagihan / bills, ${fmtInt(first.lines)} baris / lines, ${fmtFixed(billingSeconds, 2)} s, ${fmtInt(linesPerSecond)} baris/detik / lines/s`);
    console.log(`  per segmen / by segment: ${Object.entries(first.bySegment).map(([s, c]) => `${s} ${fmtInt(c.bills)} bills / ${fmtInt(c.lines)} lines`).join('; ')}`);
    console.log(`  per langkah / by step: ${Object.entries(steps).map(([s, t]) => `${s} ${fmtFixed(t, 2)} s`).join(', ')}`);
    if (run.counts.statusChanges) console.log(`  perubahan status BPU / BPU status changes: ${JSON.stringify(run.counts.statusChanges)}`);
    if (first.lines === 0) throw new Error('runBilling: tidak ada baris tagihan / no bill lines');

    // 3. the bare INSERT … SELECT of as many rows, same database, same run
    console.log(`\nINSERT … SELECT ${fmtInt(first.lines)} baris / rows (dasar / bare) …`);
    const bare = await measureBareInsert(db, first.lines, period);
    const ratio = linesPerSecond / bare.rowsPerSecond;
    const met = ratio >= TARGET_RATIO;
    console.log(`  ${fmtFixed(bare.seconds, 2)} s, ${fmtInt(bare.rowsPerSecond)} baris/detik / rows/s`);

    // 4. the same period again: nothing to do, nothing created
    console.log('\nPenagihan ulang periode yang sama / the same period billed again …');
    const againStarted = performance.now();
    const again = await runBilling(db, { period, asOf });
    const againSeconds = seconds(againStarted);
    const second = await counts(db);
    const unchanged = second.bills === first.bills && second.lines === first.lines && again.id === run.id;
    console.log(`  ${fmtFixed(againSeconds * 1000, 1)} ms, ${fmtInt(second.bills)} tagihan / bills, ${fmtInt(second.lines)} baris / lines: ` +
      (unchanged ? 'tidak berubah / unchanged' : 'BERUBAH / CHANGED'));
    if (!unchanged) throw new Error(`Penagihan ulang mengubah data / a second run changed the data: bills ${first.bills} → ${second.bills}, lines ${first.lines} → ${second.lines}`);

    // report
    const rows: [string, string][] = [
      ['peserta PU / PU participants', fmtInt(pop.participants.PU)],
      ['peserta BPU / BPU participants', fmtInt(pop.participants.BPU)],
      ['pemberi kerja / employers', fmtInt(pop.employers)],
      ['pembuatan populasi / generation (s)', fmtFixed(generationSeconds, 1)],
      ['tagihan / bills', fmtInt(first.bills)],
      ['baris tagihan / bill lines', fmtInt(first.lines)],
      ['penagihan / billing (s)', fmtFixed(billingSeconds, 2)],
      ['baris/detik / bill lines/s', fmtInt(linesPerSecond)],
      ['INSERT … SELECT dasar / bare (s)', fmtFixed(bare.seconds, 2)],
      ['INSERT … SELECT baris/detik / rows/s', fmtInt(bare.rowsPerSecond)],
      ['rasio / ratio (sasaran / target ≥ 0.5)', `${fmtFixed(ratio, 2)}× ${met ? 'TERCAPAI / MET' : 'TIDAK TERCAPAI / NOT MET'}`],
      ['penagihan ulang / second run (ms)', `${fmtFixed(againSeconds * 1000, 1)} (${unchanged ? 'tidak berubah / unchanged' : 'BERUBAH / CHANGED'})`],
    ];
    const w = Math.max(...rows.map((r) => r[0].length));
    const v = Math.max(...rows.map((r) => r[1].length));
    console.log('\nRingkasan / summary');
    for (const [label, value] of rows) console.log(`${label.padEnd(w)}  |  ${value.padStart(v)}`);
    console.log(JSON.stringify({
      bench: 'billing', engine: `postgres ${version}`, date: new Date().toISOString(), cores: cpus.length, period, asOf,
      participants: { requested: participants, PU: pop.participants.PU, BPU: pop.participants.BPU, billableBPU: billable.bpu },
      employers: pop.employers, generationSeconds: round(generationSeconds, 1),
      bills: first.bills, billLines: first.lines, bySegment: first.bySegment, billingSeconds: round(billingSeconds, 2), stepSeconds: mapValues(steps, (s) => round(s, 2)),
      linesPerSecond: Math.round(linesPerSecond), bareSeconds: round(bare.seconds, 2), bareRowsPerSecond: Math.round(bare.rowsPerSecond),
      ratio: round(ratio, 3), target: TARGET_RATIO, targetMet: met, secondRunMs: round(againSeconds * 1000, 1), secondRunUnchanged: unchanged,
      ...(employerNote ? { note: 'fewer employers than issue 4 asks (50,000 per 1,000,000)' } : {}),
    }));
  } finally {
    await handle.close();
    if (keep) {
      console.log(`\nBENCH_KEEP=1: basis data disimpan / database kept: ${maskUrl(dbUrl)}`);
    } else {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    }
    await admin.end();
  }
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
const mapValues = <T, U>(o: Record<string, T>, f: (v: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(o).map(([k, x]) => [k, f(x)]));
