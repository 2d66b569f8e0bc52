/**
 * Server secrets, such as the key that signs the QR code on a participant's card. A secret comes from
 * the environment (LINDUNG_SECRET_<NAME>) when set there; otherwise it lives in the app_secrets table,
 * made at random on first use. Every process on the same database therefore signs with the same key,
 * and a restart does not invalidate cards already printed. Never log or return a secret.
 */
import crypto from 'node:crypto';
import type { Db } from './db.ts';

const NAME = /^[a-z][a-z0-9_]{0,62}$/;
export const MIN_SECRET_LENGTH = 32;

/** One cache per database (tests open many); a promise, so concurrent first uses make one query. */
const cache = new WeakMap<Db, Map<string, Promise<string>>>();

export const secretEnvName = (name: string) => `LINDUNG_SECRET_${name.toUpperCase()}`;

/**
 * The secret called `name`. Takes the database itself, not a transaction: a secret made inside a
 * transaction that is then rolled back would otherwise stay cached while the row is gone.
 */
export async function getSecret(db: Db, name: string): Promise<string> {
  if (!NAME.test(name)) throw new Error(`invalid secret name: ${name}`);
  const fromEnv = process.env[secretEnvName(name)];
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH) throw new Error(`${secretEnvName(name)} must be at least ${MIN_SECRET_LENGTH} characters`);
    return fromEnv;
  }
  let forDb = cache.get(db);
  if (!forDb) cache.set(db, (forDb = new Map()));
  let secret = forDb.get(name);
  if (!secret) {
    secret = loadOrCreate(db, name);
    forDb.set(name, secret);
    secret.catch(() => forDb.delete(name)); // a failed read is tried again next time
  }
  return secret;
}

async function loadOrCreate(db: Db, name: string): Promise<string> {
  // Two processes may get here at once: both insert, one wins, and both then read the winner's value.
  await db.insertInto('app_secrets').values({ name, value: crypto.randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('app_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
