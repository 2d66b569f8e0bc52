/**
 * One database API over two engines: PGlite (embedded PostgreSQL, on disk) by default and a
 * PostgreSQL server when DATABASE_URL is set. Both are reached through node-postgres (PGlite through
 * its node-postgres adapter), so one set of type parsers makes both return the same JavaScript types.
 */
import fs from 'node:fs';
import pg from 'pg';
import postgresArray from 'postgres-array';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database } from '../modules/schema.ts';
import { maskPersonalText } from './privacy.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A function that works inside or outside a transaction takes this. */
export type Executor = Db | Tx;

const { types } = pg;
const OID = { INT8: 20, INT8_ARRAY: 1016, NUMERIC: 1700, DATE: 1082, TIMESTAMP: 1114, TIMESTAMPTZ: 1184 } as const;

/** BIGINT: a number while it is exact, a BigInt beyond 2^53 (never a silently rounded number). */
export function parseBigint(text: string): number | bigint {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
}

/** Type parsers shared by both engines. DATE stays a 'YYYY-MM-DD' string: a date has no time zone. */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case OID.INT8:
        return parseBigint;
      case OID.INT8_ARRAY:
        return (text: string) => postgresArray.parse(text, parseBigint);
      case OID.NUMERIC:
      case OID.DATE:
        return (text: string) => text;
      default:
        return types.getTypeParser(oid, format as 'text');
    }
  },
};

/**
 * A statement whose SQL begins with this comment is sent as a named prepared statement: the server
 * parses and plans it once per connection instead of at every call. For hot statements of constant text
 * only (a payment's one call, say); the name must be unique to that text.
 */
export function prepared(name: string): string {
  if (!/^[a-z_]+$/.test(name)) throw new Error(`prepared statement name must be lowercase letters and _: ${name}`);
  return `/* prepared:${name} */ `;
}
const PREPARED_NAME = /^\/\* prepared:([a-z_]+) \*\/ /;

/** The pool as Kysely sees it, each client sending SQL marked by prepared() as a named statement. */
function preparingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        const query = (textOrCursor: unknown, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as pg.Submittable);
          const name = PREPARED_NAME.exec(textOrCursor)?.[1];
          return name ? client.query({ name, text: textOrCursor, values: values as unknown[] }) : client.query(textOrCursor, values as unknown[]);
        };
        wrapped = { query: query as unknown as PostgresPoolClient['query'], release: () => client.release() };
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

export interface DatabaseHandle {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** The embedded instance, when the engine is PGlite (for dumps and clones). */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; 'memory://' for an in-memory database. */
  dataDir?: string;
  /** PGlite: start from a dumped data folder (a tarball), for fast test databases. */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, types: typeParsers });
    // An idle connection the server drops (a restart, a failover, an administrator) is discarded by the
    // pool and replaced on next use; without a listener node-postgres would crash the whole process.
    pool.on('error', (err) => process.stderr.write(`database connection lost (replaced on next use): ${maskPersonalText(err.message)}\n`));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const dataDir = opts.dataDir ?? 'memory://';
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir,
    extensions: { pg_trgm },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const pgConfig = createPgConfig(pglite);
  const pool = new pg.Pool({
    connection: pgConfig.connection,
    max: 1,
    user: pgConfig.user,
    database: pgConfig.database,
    password: pgConfig.password,
    host: pgConfig.host,
    port: pgConfig.port,
    types: typeParsers,
  } as pg.PoolConfig);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}

/** Runs fn in one transaction: everything it writes commits together or not at all. */
export function inTransaction<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return (db as Db).transaction().execute(fn);
}
