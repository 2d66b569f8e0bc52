/**
 * The real application on a fresh test database, called through Fastify's inject (no socket), with
 * its log captured so tests can read what it wrote.
 */
import { PassThrough } from 'node:stream';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { App } from '../../src/platform/http/server.ts';
import { SYSTEM } from '../../src/modules/audit/audit.ts';
import { createUser } from '../../src/modules/identity/service.ts';
import type { Role } from '../../src/modules/identity/tables.ts';
import { testDatabase } from './db.ts';

export const TEST_PASSWORD = 'kata-sandi-uji-123';

export async function testApp(opts: { serveWeb?: boolean } = {}) {
  const handle = await testDatabase();
  let logText = '';
  const logStream = new PassThrough();
  logStream.on('data', (chunk: Buffer) => { logText += chunk.toString(); });
  const config = { ...loadConfig(), mode: 'development' as const, logLevel: 'debug' };
  const app: App = await buildApp({ db: handle.db, engine: handle.engine, config, logStream, serveWeb: opts.serveWeb ?? false });
  await app.ready();

  const branchId = async (code: string) => (await handle.db.selectFrom('branches').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

  return {
    app,
    db: handle.db,
    engine: handle.engine,
    logs: () => logText,
    branchId,
    /** Creates a user of this role (staff in the Jambi branch unless told otherwise). */
    async createUser(role: Role, extra: { username?: string; branchCode?: string; regionCodes?: string[]; phone?: string; email?: string } = {}) {
      const username = extra.username ?? `${role.replace('_', '-')}.${Math.random().toString(36).slice(2, 8)}`;
      const scoped = ['officer', 'supervisor', 'case_manager', 'agent'].includes(role);
      await createUser(handle.db, {
        username, displayName: `Pengguna ${role}`, role, password: TEST_PASSWORD,
        branchId: extra.branchCode ? await branchId(extra.branchCode) : scoped && !extra.regionCodes ? await branchId('JMB') : null,
        regionCodes: extra.regionCodes, phone: extra.phone, email: extra.email,
      }, SYSTEM);
      return username;
    },
    /** Signs in and returns the headers that carry the session (a bearer token). */
    async signIn(username: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/token', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
      return { authorization: `Bearer ${res.json().token}` };
    },
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
