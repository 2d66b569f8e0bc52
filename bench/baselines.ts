/**
 * `lindung bench baselines`: the bare floor every later benchmark is compared against, measured on
 * both engines (PGlite in memory, and a throwaway database on a PostgreSQL server):
 *   1. a bare INSERT … SELECT of 1,000,000 rows (seconds, rows/s);
 *   2. a bare Fastify route doing one primary-key SELECT through Kysely, driven by autocannon
 *      (requests/s, latency p99, non-2xx count).
 * Messages are in Bahasa Indonesia, then English.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import fastify from 'fastify';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openDatabase, type DatabaseHandle, type Db } from '../src/platform/db.ts';
import { fmtFixed, fmtInt, maskUrl, withDatabase } from './support.ts';

const ROWS = 1_000_000;
const CONNECTIONS = 50;
const DEFAULT_SECONDS = 10;
const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

interface InsertFigures {
  seconds: number;
  rowsPerSecond: number;
}

interface HttpFigures {
  requestsPerSecond: number;
  p99Ms: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface EngineFigures {
  /** Short name, for the summary column. */
  label: string;
  insert?: InsertFigures;
  http?: HttpFigures;
  /** Why the engine was not measured. */
  skipped?: string;
}

/** Duration of the HTTP run in seconds: BENCH_SECONDS when it is a positive number, else 10. */
function benchSeconds(): number {
  const n = Number(process.env.BENCH_SECONDS);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_SECONDS;
}

// ---------------------------------------------------------------------------------------------
// 1. INSERT … SELECT
// ---------------------------------------------------------------------------------------------

async function measureInsert(db: Db): Promise<InsertFigures> {
  await sql`DROP TABLE IF EXISTS bench_bill_lines`.execute(db);
  await sql`
    CREATE TABLE bench_bill_lines (
      id bigint PRIMARY KEY,
      participant_id bigint NOT NULL,
      program text NOT NULL,
      amount bigint NOT NULL,
      period text NOT NULL
    )`.execute(db);

  const started = performance.now();
  const result = await sql`
    INSERT INTO bench_bill_lines
    SELECT g, g % 50000, 'JKK', 16800, '2026-11' FROM generate_series(1, ${sql.lit(ROWS)}) g`.execute(db);
  const seconds = (performance.now() - started) / 1000;

  const inserted = Number(result.numAffectedRows ?? -1);
  if (inserted !== ROWS) throw new Error(`INSERT … SELECT: ${inserted} baris / rows, diharapkan / expected ${ROWS}`);
  // Fresh statistics for the HTTP run that follows (not timed).
  await sql`ANALYZE bench_bill_lines`.execute(db);
  return { seconds, rowsPerSecond: ROWS / seconds };
}

// ---------------------------------------------------------------------------------------------
// 2. Bare Fastify route, one primary-key SELECT
// ---------------------------------------------------------------------------------------------

interface BillLine {
  id: number;
  participant_id: number;
  amount: number;
}

const randomPath = () => `/bench/${1 + Math.floor(Math.random() * ROWS)}`;

async function load(url: string, seconds: number) {
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    // Every request asks for a random existing row.
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: randomPath() }) }],
  });
}

async function measureHttp(db: Db, seconds: number): Promise<HttpFigures> {
  const app = fastify();
  app.get<{ Params: { id: string } }>('/bench/:id', async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id)) return reply.code(400).send({ error: 'bad id' });
    const { rows } = await sql<BillLine>`SELECT id, participant_id, amount FROM bench_bill_lines WHERE id = ${id}`.execute(db);
    const row = rows[0];
    if (!row) return reply.code(404).send({ error: 'not found' });
    return row;
  });

  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}`;

    await load(url, Math.min(1, seconds)); // warm-up (JIT, connection pool), not counted
    console.log(`  HTTP: ${CONNECTIONS} koneksi / connections, ${seconds} s …`);
    const result = await load(url, seconds);
    return {
      requestsPerSecond: result.requests.average,
      p99Ms: result.latency.p99,
      total: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
    };
  } finally {
    await app.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Engines
// ---------------------------------------------------------------------------------------------

/** Both baselines on one open database; the HTTP run reads the rows the INSERT wrote. */
async function measureEngine(label: string, detail: string, handle: DatabaseHandle, seconds: number): Promise<EngineFigures> {
  console.log(`\n== ${label} ${detail} ==`);
  console.log(`  INSERT … SELECT ${fmtInt(ROWS)} baris / rows …`);
  const insert = await measureInsert(handle.db);
  console.log(`  ${fmtFixed(insert.seconds, 2)} s, ${fmtInt(insert.rowsPerSecond)} baris/detik / rows/s`);

  const http = await measureHttp(handle.db, seconds);
  console.log(
    `  ${fmtInt(http.requestsPerSecond)} permintaan/detik / requests/s, p99 ${fmtFixed(http.p99Ms, 1)} ms, ` +
      `${fmtInt(http.total)} permintaan / requests, non-2xx ${http.non2xx}`,
  );
  if (http.non2xx > 0 || http.errors > 0 || http.timeouts > 0) {
    console.warn(
      `  PERINGATAN / WARNING: non-2xx ${http.non2xx}, galat / errors ${http.errors}, batas waktu / timeouts ${http.timeouts} (harus 0 / must be 0)`,
    );
  }
  return { label, insert, http };
}

async function benchPglite(seconds: number): Promise<EngineFigures> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    return await measureEngine('PGlite', '(memory://, 1 koneksi / connection)', handle, seconds);
  } finally {
    await handle.close();
  }
}

/** A throwaway database on the PostgreSQL server, dropped again at the end; skipped when unreachable. */
async function benchPostgres(seconds: number): Promise<EngineFigures> {
  const serverUrl = process.env.DATABASE_URL || DEFAULT_SERVER;
  const label = 'PostgreSQL';
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    console.log(`\n== ${label} ==`);
    console.log(`  Server tidak terjangkau, dilewati / server unreachable, skipped: ${maskUrl(serverUrl)} (${reason})`);
    await admin.end().catch(() => {});
    return { label, skipped: 'dilewati / skipped' };
  }

  const name = `lindung_bench_${crypto.randomBytes(5).toString('hex')}`;
  try {
    const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
    const version = rows[0]?.server_version.split(' ')[0] ?? '?';
    await admin.query(`CREATE DATABASE ${name}`);
    const handle = await openDatabase({ databaseUrl: withDatabase(serverUrl, name), poolSize: 10 });
    try {
      return await measureEngine(`${label} ${version}`, `(${maskUrl(withDatabase(serverUrl, name))}, pool 10)`, handle, seconds);
    } finally {
      await handle.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function printHeader(seconds: number) {
  const cpus = os.cpus();
  console.log('Lindung — tolok ukur dasar / baselines');
  console.log(`Tanggal / date:   ${new Date().toISOString()}`);
  console.log(`Mesin / machine:  ${cpus.length} inti / cores (${cpus[0]?.model.trim() ?? '?'}), ` +
    `${fmtFixed(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.platform()} ${os.release()}`);
  console.log(`Node:             ${process.version}`);
  console.log(`HTTP:             autocannon, ${CONNECTIONS} koneksi / connections, ${seconds} s (BENCH_SECONDS)`);
}

/** Metrics as rows, engines as columns. */
function printSummary(results: EngineFigures[]) {
  const cell = (r: EngineFigures, value: (r: EngineFigures) => string | undefined) => r.skipped ?? value(r) ?? '-';
  const head = ['', ...results.map((r) => r.label)];
  const body = [
    [`INSERT … SELECT ${fmtInt(ROWS)} baris / rows (s)`, ...results.map((r) => cell(r, (x) => x.insert && fmtFixed(x.insert.seconds, 2)))],
    ['baris/detik / rows/s', ...results.map((r) => cell(r, (x) => x.insert && fmtInt(x.insert.rowsPerSecond)))],
    ['permintaan/detik / requests/s (rata-rata / avg)', ...results.map((r) => cell(r, (x) => x.http && fmtInt(x.http.requestsPerSecond)))],
    ['latensi / latency p99 (ms)', ...results.map((r) => cell(r, (x) => x.http && fmtFixed(x.http.p99Ms, 1)))],
    ['non-2xx', ...results.map((r) => cell(r, (x) => x.http && String(x.http.non2xx)))],
  ];
  const widths = head.map((_, col) => Math.max(...[head, ...body].map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    row.map((text, col) => (col === 0 ? text.padEnd(widths[col] ?? 0) : text.padStart(widths[col] ?? 0))).join('  |  ');

  console.log('\nRingkasan / summary');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('--+--'));
  for (const row of body) console.log(line(row));
}

export async function runBaselines(): Promise<void> {
  const seconds = benchSeconds();
  printHeader(seconds);
  const results = [await benchPglite(seconds), await benchPostgres(seconds)];
  printSummary(results);
  if (results.some((r) => (r.http?.non2xx ?? 0) > 0)) {
    console.warn('\nPERINGATAN / WARNING: ada respons non-2xx; angka HTTP tidak sah / non-2xx responses; HTTP figures are not valid');
  }
}
