/**
 * Users, sign-in and sessions. A session token is 32 random bytes given to the client once; the
 * database keeps only its SHA-256, so a leaked database does not leak live sessions.
 */
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueueMessage } from '../../platform/outbox.ts';
import { normalizeIndonesianPhone } from '../../platform/phone.ts';
import type { Scope, SessionUser } from '../../platform/http/access.ts';
import { recordAudit, type AuditActor } from '../audit/audit.ts';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { LOGIN_POLICY, NATIONAL_BY_DEFAULT } from './policy.ts';
import type { Role } from './tables.ts';
import './messages.ts';

export const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password?: string;
  branchId?: number | null;
  regionCodes?: string[];
  email?: string | null;
  phone?: string | null;
  isDemo?: boolean;
}

const needsScope = (role: Role) => role === 'officer' || role === 'supervisor' || role === 'case_manager' || role === 'agent';

export async function createUser(db: Executor, input: NewUser, actor: AuditActor, requestId?: string): Promise<number> {
  if (needsScope(input.role) && !input.branchId && !input.regionCodes?.length) {
    throw new AppError(422, 'scope_required', { role: input.role }, [{ field: 'branchId', rule: 'required' }]);
  }
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return inTransaction(db, async (tx) => {
    const taken = await tx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken) throw new AppError(409, 'username_taken', {}, [{ field: 'username', rule: 'unique' }]);
    const row = {
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      branch_id: input.branchId ?? null,
      region_codes: input.regionCodes ?? [],
      email: input.email ?? null,
      phone: input.phone ?? null,
      password_hash: passwordHash,
      is_demo: input.isDemo ?? false,
    };
    const { id } = await tx.insertInto('users').values(row).returning('id').executeTakeFirstOrThrow();
    const { password_hash: _, ...visible } = row;
    await recordAudit(tx, { actor, action: 'user.created', entityType: 'user', entityId: id, after: visible, requestId });
    return id;
  });
}

export interface SessionToken {
  token: string;
  expiresAt: Date;
}

export async function createSession(db: Executor, userId: number, kind: 'cookie' | 'bearer'): Promise<SessionToken> {
  const token = crypto.randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + (kind === 'cookie' ? LOGIN_POLICY.cookieSessionHours * 3600_000 : LOGIN_POLICY.bearerTokenDays * 86400_000));
  await db.insertInto('sessions').values({ token_hash: sha256(token), user_id: userId, kind, expires_at: expiresAt }).execute();
  return { token, expiresAt };
}

export function scopeOf(role: Role, branchRegions: string[], regionCodes: string[]): Scope {
  const prefixes = [...new Set([...branchRegions, ...regionCodes])];
  if (prefixes.length === 0 && (NATIONAL_BY_DEFAULT as readonly string[]).includes(role)) return { national: true };
  return { national: false, regionPrefixes: prefixes };
}

export async function resolveSession(db: Db, token: string): Promise<SessionUser | null> {
  if (!token || token.length > 100) return null;
  const row = await sql<{
    session_id: number; id: number; username: string; display_name: string; role: Role; branch_id: number | null; branch_name: string | null;
    region_codes: string[]; branch_regions: string[];
  }>`
    SELECT s.id AS session_id, u.id, u.username, u.display_name, u.role, u.branch_id, b.name AS branch_name, u.region_codes,
           coalesce((SELECT array_agg(regency_code ORDER BY regency_code) FROM branch_regencies WHERE branch_id = u.branch_id), '{}') AS branch_regions
    FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN branches b ON b.id = u.branch_id
    WHERE s.token_hash = ${sha256(token)} AND s.revoked_at IS NULL AND s.expires_at > now() AND u.disabled_at IS NULL`.execute(db);
  const u = row.rows[0];
  if (!u) return null;
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    branchId: u.branch_id,
    branchName: u.branch_name,
    scope: scopeOf(u.role, u.branch_regions, u.region_codes),
    sessionId: u.session_id,
  };
}

export async function revokeSession(db: Db, sessionId: number) {
  await db.updateTable('sessions').set({ revoked_at: new Date() }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}

/**
 * Password sign-in with lockout: after maxFailures wrong passwords in a row the account is locked for
 * lockMinutes. A wrong username costs the same time as a wrong password and gets the same answer.
 */
export async function loginWithPassword(db: Db, username: string, password: string, kind: 'cookie' | 'bearer', requestId?: string) {
  const user = await db.selectFrom('users').select(['id', 'role', 'password_hash', 'failed_login_count', 'locked_until', 'disabled_at'])
    .where('username', '=', username.toLowerCase()).executeTakeFirst();
  if (!user || !user.password_hash || user.disabled_at) {
    await verifyAgainstNothing(password);
    throw new AppError(401, 'invalid_credentials', { max: LOGIN_POLICY.maxFailures });
  }
  if (user.locked_until && user.locked_until > new Date()) {
    throw new AppError(423, 'account_locked', { minutes: Math.ceil((user.locked_until.getTime() - Date.now()) / 60_000) });
  }
  if (!(await verifyPassword(user.password_hash, password))) {
    await inTransaction(db, async (tx) => {
      // count in SQL, so that concurrent failures cannot overwrite each other's count
      const updated = await tx.updateTable('users').set({ failed_login_count: sql`failed_login_count + 1`, updated_at: new Date() })
        .where('id', '=', user.id).returning('failed_login_count').executeTakeFirstOrThrow();
      if (updated.failed_login_count >= LOGIN_POLICY.maxFailures) {
        const lockedUntil = new Date(Date.now() + LOGIN_POLICY.lockMinutes * 60_000);
        await tx.updateTable('users').set({ locked_until: lockedUntil, failed_login_count: 0 }).where('id', '=', user.id).execute();
        await recordAudit(tx, { actor: { userId: null, role: 'system' }, action: 'user.locked', entityType: 'user', entityId: user.id,
          before: { locked_until: user.locked_until }, after: { locked_until: lockedUntil }, requestId });
      }
    });
    throw new AppError(401, 'invalid_credentials', { max: LOGIN_POLICY.maxFailures });
  }
  if (user.failed_login_count > 0 || user.locked_until) {
    await db.updateTable('users').set({ failed_login_count: 0, locked_until: null }).where('id', '=', user.id).execute();
  }
  return { userId: user.id, ...(await createSession(db, user.id, kind)) };
}

const normalizeDestination = (channel: 'sms' | 'email', to: string) => (channel === 'email' ? to.trim().toLowerCase() : normalizeIndonesianPhone(to) ?? to);


/**
 * Sends a six-digit sign-in code to every user who owns this phone or e-mail (a family may share one
 * phone: each person gets their own code, named). Answers the same whether or not such a user exists,
 * so it cannot be used to find out who is registered.
 */
export async function requestOneTimeCode(db: Db, channel: 'sms' | 'email', destination: string) {
  const to = normalizeDestination(channel, destination);
  const users = await db.selectFrom('users').select(['id', 'display_name']).where(channel === 'sms' ? 'phone' : 'email', '=', to)
    .where('disabled_at', 'is', null).orderBy('id').limit(10).execute();
  if (users.length === 0) return;
  await inTransaction(db, async (tx) => {
    for (const user of users) {
      const code = crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');
      await tx.insertInto('one_time_codes').values({
        user_id: user.id, channel, code_hash: sha256(`${user.id}:${code}`), expires_at: new Date(Date.now() + LOGIN_POLICY.otpMinutes * 60_000),
      }).execute();
      const forWhom = users.length > 1 ? ` (${initials(user.display_name)})` : '';
      await enqueueMessage(tx, {
        channel,
        recipient: to,
        subject: 'Kode masuk Lindung / Lindung sign-in code',
        body: `Kode masuk Lindung${forWhom}: ${code}. Berlaku ${LOGIN_POLICY.otpMinutes} menit. Jangan berikan kepada siapa pun. / Your Lindung sign-in code${forWhom}: ${code}. Valid ${LOGIN_POLICY.otpMinutes} minutes. Never share it.`,
      });
    }
  });
}

/** "Siti Aminah" → "S. A.": enough for a family to tell its codes apart, without a name in an SMS. */
const initials = (name: string) => name.split(/\s+/).filter(Boolean).map((w) => `${w[0]!.toUpperCase()}.`).join(' ');

export async function verifyOneTimeCode(db: Db, channel: 'sms' | 'email', destination: string, code: string) {
  const to = normalizeDestination(channel, destination);
  return inTransaction(db, async (tx) => {
    const users = await tx.selectFrom('users').select('id').where(channel === 'sms' ? 'phone' : 'email', '=', to).where('disabled_at', 'is', null).execute();
    const codes = users.length === 0 ? [] : await tx.selectFrom('one_time_codes').selectAll()
      .where('user_id', 'in', users.map((u) => u.id)).where('channel', '=', channel)
      .where('consumed_at', 'is', null).where('expires_at', '>', new Date()).where('attempts', '<', LOGIN_POLICY.otpMaxAttempts)
      .orderBy('created_at', 'desc').forUpdate().execute();
    const match = codes.find((c) => c.code_hash === sha256(`${c.user_id}:${code}`));
    if (!match) {
      // every live code for this number counts the failed attempt, so guessing is bounded per code
      if (codes.length) await tx.updateTable('one_time_codes').set({ attempts: sql`attempts + 1` }).where('id', 'in', codes.map((c) => c.id)).execute();
      return null;
    }
    await tx.updateTable('one_time_codes').set({ consumed_at: new Date() }).where('id', '=', match.id).execute();
    return { userId: match.user_id, ...(await createSession(tx, match.user_id, 'cookie')) };
  }).then((r) => {
    // the failed attempt is committed above; only then is the caller told
    if (!r) throw new AppError(401, 'invalid_code');
    return r;
  });
}

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  branchId: number | null;
  branchName: string | null;
  regionCodes: string[];
  locked: boolean;
  disabled: boolean;
}

export async function getUserView(db: Executor, id: number): Promise<UserView | undefined> {
  return (await userQuery(db).where('u.id', '=', id).execute())[0];
}

export async function listUsers(db: Executor, filter: { role?: Role; limit: number; offset: number }) {
  let q = userQuery(db).orderBy('u.username').limit(filter.limit).offset(filter.offset);
  if (filter.role) q = q.where('u.role', '=', filter.role);
  return q.execute();
}

function userQuery(db: Executor) {
  return db.selectFrom('users as u').leftJoin('branches as b', 'b.id', 'u.branch_id').select([
    'u.id', 'u.username', 'u.display_name as displayName', 'u.role', 'u.branch_id as branchId', 'b.name as branchName', 'u.region_codes as regionCodes',
    sql<boolean>`coalesce(u.locked_until > now(), false)`.as('locked'), sql<boolean>`u.disabled_at IS NOT NULL`.as('disabled'),
  ]);
}

/** An administrator unlocks or disables an account; both are audited. */
export async function updateUserStatus(db: Db, id: number, change: { unlock?: boolean; disabled?: boolean }, actor: AuditActor, requestId?: string) {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('users').select(['locked_until', 'disabled_at', 'failed_login_count']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw new AppError(404, 'not_found');
    const after = {
      locked_until: change.unlock ? null : before.locked_until,
      failed_login_count: change.unlock ? 0 : before.failed_login_count,
      disabled_at: change.disabled === undefined ? before.disabled_at : change.disabled ? (before.disabled_at ?? new Date()) : null,
    };
    await tx.updateTable('users').set({ ...after, updated_at: new Date() }).where('id', '=', id).execute();
    if (after.disabled_at && !before.disabled_at) await tx.updateTable('sessions').set({ revoked_at: new Date() }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    await recordAudit(tx, { actor, action: 'user.status_changed', entityType: 'user', entityId: id, before, after, requestId });
  });
}
