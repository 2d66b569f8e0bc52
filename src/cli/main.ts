/**
 * lindung: serve | start | migrate | seed --demo | bill --period | verify | bench
 * Messages are in Bahasa Indonesia, then English.
 */
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, type DatabaseHandle } from '../platform/db.ts';
import { MigrationError, verifyMigrationHistory } from '../platform/migrate.ts';
import { deliverPending, logDeliverer } from '../platform/outbox.ts';
import { progressBar } from '../platform/progress.ts';
import { SYSTEM, verifyAuditChain } from '../modules/audit/audit.ts';
import { verifyBills } from '../modules/contributions/verify.ts';
import { verifyLedger } from '../modules/ledger/verify.ts';
import { verifyLingkaran } from '../modules/lingkaran/verify.ts';
import { buildApp } from '../app.ts';
import { migrateAndLoadReference } from '../setup.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../demo.ts';
import { populationCounts, seedPopulation } from '../modules/registry/demo-population.ts';
import { runBilling } from '../modules/contributions/billing-run.ts';
import { seedPopulationCoverage } from '../modules/contributions/demo.ts';
import { monthStart } from '../modules/contributions/calendar.ts';
import { formatRupiah } from '../platform/money.ts';
import { AppError } from '../platform/errors.ts';
import { problemText } from '../platform/i18n.ts';
import { beginJhtCredit } from '../modules/ledger/jht.ts';

const USAGE = `Pemakaian / usage: lindung <perintah / command>
  start                  migrasi, data demo, lalu layani / migrate, seed demo data, then serve
  serve                  layani API dan aplikasi web / serve the API and the web app
  migrate                jalankan migrasi dan data rujukan / apply migrations and reference data
  seed --demo            buat data demo (aman diulang) / create demo data (safe to repeat)
    [--participants N]   ditambah populasi demo N peserta / plus a demo population of N participants
  bill --period YYYY-MM  tagih satu bulan iuran (aman diulang, melanjutkan yang terhenti) /
    [--as-of YYYY-MM-DD] bill one contribution month (safe to repeat, resumes a stopped run)
  jht-credit --year YYYY kreditkan hasil JHT setahun ke setiap akun (sekali per akun) /
                         credit a year's JHT return to every account (once per account)
  verify                 periksa integritas / integrity checks (audit chain, migration history, bills, ledger)
  bench [nama / name]    jalankan tolok ukur di bench/ / run the benchmarks in bench/`;

function describeDatabase(config: Config) {
  return config.databaseUrl ? `PostgreSQL (${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')})` : `PGlite (LINDUNG_DATA_DIR=${config.dataDir})`;
}

async function open(config: Config): Promise<DatabaseHandle> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
}

async function serve(config: Config, handle: DatabaseHandle, banner: boolean) {
  const app = await buildApp({ db: handle.db, engine: handle.engine, config });
  await app.listen({ port: config.port, host: config.host });
  let delivering = false;
  const timer = config.mode === 'development'
    ? setInterval(() => {
      if (delivering) return;
      delivering = true;
      deliverPending(handle.db, logDeliverer(app.log)).catch((err) => app.log.error({ err }, 'outbox delivery failed')).finally(() => { delivering = false; });
    }, 1000)
    : undefined;
  const shutdown = async () => {
    clearInterval(timer);
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (banner) {
    const url = `http://localhost:${config.port}`;
    const lines = [
      '',
      `Lindung berjalan di / is running at ${url}`,
      `  API:          ${url}/api/v1  (dokumentasi / docs: ${url}/api/docs)`,
      `  Basis data:   ${describeDatabase(config)}`,
      config.mode === 'development' ? `  Kotak keluar pengembangan / dev outbox: ${url}/dev/outbox` : '',
      '',
      `Pengguna demo / demo users (kata sandi / password: ${DEMO_PASSWORD}):`,
      ...DEMO_USERS.map((u) => `  ${u.username.padEnd(22)} ${u.role.padEnd(15)} ${u.note}`),
      '',
    ];
    console.log(lines.join('\n'));
  }
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { demo: { type: 'boolean' }, participants: { type: 'string' }, period: { type: 'string' }, 'as-of': { type: 'string' }, year: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const command = positionals[0];
  if (!command || values.help) {
    console.log(USAGE);
    return;
  }
  if ((values.period !== undefined || values['as-of'] !== undefined) && command !== 'bill') throw new UsageError('--period dan --as-of hanya untuk bill / --period and --as-of are only for bill');
  if (values.year !== undefined && command !== 'jht-credit') throw new UsageError('--year hanya untuk jht-credit / --year is only for jht-credit');
  if (values.participants !== undefined && command !== 'seed') throw new UsageError(`--participants hanya untuk seed / --participants is only for seed`);
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const handle = await open(config);
      console.log(`Basis data / database: ${describeDatabase(config)}`);
      await migrateAndLoadReference(handle.db);
      const demo = await seedDemo(handle.db);
      if (demo.usersCreated) console.log(`pengguna demo dibuat / demo users created: ${demo.usersCreated}`);
      await serve(config, handle, true);
      return;
    }
    case 'serve': {
      const handle = await open(config);
      const history = await verifyMigrationHistory(handle.db);
      if (history.problems.length) throw history.problems[0];
      if (history.pending.length) await migrateAndLoadReference(handle.db);
      await serve(config, handle, true);
      return;
    }
    case 'migrate': {
      const handle = await open(config);
      const r = await migrateAndLoadReference(handle.db);
      console.log(r.migrations.length ? `selesai / done: ${r.migrations.length} migrasi` : 'basis data sudah mutakhir / database is up to date');
      await handle.close();
      return;
    }
    case 'seed': {
      if (!values.demo) throw new UsageError('seed memerlukan --demo / seed needs --demo');
      const participants = values.participants === undefined ? undefined : positiveInteger(values.participants);
      const started = Date.now();
      const handle = await open(config);
      await migrateAndLoadReference(handle.db);
      const r = await seedDemo(handle.db);
      console.log(`pengguna demo dibuat / demo users created: ${r.usersCreated}`);
      if (participants !== undefined) {
        let bar: ReturnType<typeof progressBar> | undefined;
        let barLabel = '';
        const pop = await seedPopulation(handle.db, participants, (step, done, total) => {
          if (step !== barLabel) {
            bar?.stop();
            bar = progressBar(step, total);
            barLabel = step;
          }
          bar!.update(done, total);
        });
        bar?.stop();
        await seedPopulationCoverage(handle.db);
        if (pop.created) {
          console.log(`populasi demo dibuat / demo population created: ${pop.people} orang / people, ${pop.participants.BPU} BPU + ${pop.participants.PU} PU`
            + (pop.existing ? ` (sudah ada / already there: ${pop.existing})` : ''));
        } else {
          console.log(`populasi demo sudah ada / demo population already there: ${pop.existing} peserta / participants >= ${participants}; tidak ada yang ditambah / nothing added`);
        }
        const c = await populationCounts(handle.db);
        console.log([
          'Isi registri / registry now:',
          `  orang / people:                  ${c.people}`,
          `  peserta BPU / BPU participants:  ${c.bpu}`,
          `  peserta PU / PU participants:    ${c.pu}`,
          `  pemberi kerja / employers:       ${c.employers}`,
          `  hubungan kerja / employments:    ${c.employments}`,
          `  anggota keluarga / family:       ${c.family}`,
          `waktu / elapsed: ${((Date.now() - started) / 1000).toFixed(1)} detik / seconds (populasi / population: ${pop.seconds.toFixed(1)})`,
        ].join('\n'));
      }
      await handle.close();
      return;
    }
    case 'bill': {
      const period = values.period ? monthStart(values.period) : null;
      if (!period) throw new UsageError('bill memerlukan --period YYYY-MM / bill needs --period YYYY-MM');
      const asOf = values['as-of'];
      if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError(`--as-of harus TTTT-BB-HH / --as-of must be YYYY-MM-DD: ${asOf}`);
      const handle = await open(config);
      await migrateAndLoadReference(handle.db);
      const started = Date.now();
      let bar: ReturnType<typeof progressBar> | undefined;
      const run = await runBilling(handle.db, {
        period, asOf,
        onProgress: (r) => {
          bar ??= progressBar(`Penagihan / billing ${values.period}`, r.total);
          bar.update(r.done, r.total);
        },
      });
      bar?.stop();
      const c = run.counts;
      console.log([
        `Penagihan / billing run ${run.id} ${run.period.slice(0, 7)}: ${run.status} (tanggal terbit / issued ${run.asOf})`,
        `  tagihan / bills:      ${Object.entries(c.bills ?? {}).map(([s, n]) => `${s} ${n}`).join(', ') || '0'}`,
        `  baris / lines:        ${c.lines ?? 0}`,
        `  jumlah / amount:      ${formatRupiah(c.amount ?? 0)} (denda / fines ${formatRupiah(c.fines ?? 0)})`,
        `  status BPU berubah / BPU status changes: ${Object.entries(c.statusChanges ?? {}).map(([s, n]) => `${s} ${n}`).join(', ') || '0'}`,
        `waktu / elapsed: ${((Date.now() - started) / 1000).toFixed(1)} detik / seconds`,
      ].join('\n'));
      await handle.close();
      return;
    }
    case 'jht-credit': {
      const year = Number(values.year);
      if (!values.year || !Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('jht-credit memerlukan --year YYYY / jht-credit needs --year YYYY');
      const handle = await open(config);
      await migrateAndLoadReference(handle.db);
      const bar = progressBar(`Hasil JHT / JHT return ${year}`, 1);
      try {
        // the same run record as the back office's, so either one shows and resumes what the other started
        const { run, finished } = await beginJhtCredit(handle.db, { year, actor: SYSTEM, onProgress: (r) => bar.update(r.done, r.total) });
        const r = (await finished) ?? run;
        bar.stop();
        console.log(`Hasil JHT / JHT return ${year}${finished ? '' : ' (sudah selesai sebelumnya / completed before)'}: ${r.credited} dari / of ${r.total} akun / accounts menerima hasil / received a return, ${formatRupiah(r.amount)}`);
      } catch (err) {
        bar.stop();
        if (err instanceof AppError) {
          const [id, en] = (['id', 'en'] as const).map((lang) => problemText(err.code, lang, err.params));
          console.error(`${id!.title}: ${id!.detail}\n${en!.title}: ${en!.detail}`);
          process.exitCode = 1;
        } else throw err;
      } finally {
        await handle.close();
      }
      return;
    }
    case 'verify': {
      const handle = await open(config);
      let failed = false;
      const history = await verifyMigrationHistory(handle.db);
      for (const p of history.problems) console.log(`GAGAL / FAILED migrasi: ${p.message}`);
      if (history.pending.length) console.log(`migrasi belum dijalankan / pending migrations: ${history.pending.join(', ')}`);
      failed ||= history.problems.length > 0;
      console.log(`Riwayat migrasi / migration history: ${history.applied} diterapkan / applied, ${history.problems.length} masalah / problems`);
      const total = Number((await handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const bar = progressBar('Rantai audit / audit chain', total);
      const audit = await verifyAuditChain(handle.db, (n) => bar.update(n));
      bar.stop();
      for (const p of audit.problems) console.log(`GAGAL / FAILED audit: stripe ${p.stripe} seq ${p.seq}: ${p.problem}`);
      console.log(`Rantai audit / audit chain: ${audit.events} peristiwa / events, ${audit.problems.length} masalah / problems`);
      failed ||= audit.problems.length > 0;
      const bills = await verifyBills(handle.db);
      for (const p of bills.problems) console.log(`GAGAL / FAILED tagihan / bill ${p.billId}: ${p.problem} (${p.detail})`);
      console.log(`Tagihan / bills: ${bills.bills} tagihan / bills, ${bills.lines} baris / lines, ${bills.problems.length} masalah / problems`);
      failed ||= bills.problems.length > 0;
      const entries = Number((await handle.db.selectFrom('journal_entries').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const ledgerBar = progressBar('Buku besar / ledger', entries);
      const ledger = await verifyLedger(handle.db, (n) => ledgerBar.update(n));
      ledgerBar.stop();
      for (const p of ledger.problems) console.log(`GAGAL / FAILED buku besar / ledger ${p.id}: ${p.problem} (${p.detail})`);
      console.log(`Buku besar / ledger: ${ledger.entries} jurnal / entries, ${ledger.postings} posting, ${ledger.problems.length} masalah / problems`);
      failed ||= ledger.problems.length > 0;
      const lingkaran = await verifyLingkaran(handle.db);
      for (const p of lingkaran.problems) console.log(`GAGAL / FAILED GN Lingkaran ${p.id}: ${p.problem} (${p.detail})`);
      console.log(`GN Lingkaran: ${lingkaran.donations} donasi / donations, ${lingkaran.workerMonths} bulan-pekerja / worker-months, ${lingkaran.problems.length} masalah / problems`);
      failed ||= lingkaran.problems.length > 0;
      await handle.close();
      console.log(failed ? 'INTEGRITAS GAGAL / INTEGRITY CHECK FAILED' : 'Integritas baik / integrity OK');
      process.exitCode = failed ? 1 : 0;
      return;
    }
    case 'bench': {
      const { runBenchmarks } = await import('../../bench/index.ts');
      await runBenchmarks(positionals.slice(1));
      return;
    }
    default:
      throw new UsageError(`Perintah tidak dikenal / unknown command: ${command}`);
  }
}

class UsageError extends Error {}

function positiveInteger(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--participants harus bilangan bulat positif / --participants must be a positive integer: ${text}`);
  return n;
}

main().catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`${err.message}\n\n${USAGE}`);
  } else if (err instanceof MigrationError) {
    console.error(`Migrasi ditolak / migration refused:\n  ${err.messageId}\n  ${err.messageEn}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
