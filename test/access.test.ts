/**
 * Walks every route of the application and proves that a caller without the right is refused:
 * no session → 401 on every protected route, and every role not listed → 403.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { testApp } from './support/app.ts';
import { ROLES, type Role } from '../src/modules/identity/tables.ts';
import type { Access } from '../src/platform/http/access.ts';

let t: Awaited<ReturnType<typeof testApp>>;
const routes: { method: string; url: string; access: Access }[] = [];
const headersByRole = new Map<Role, Record<string, string>>();

before(async () => {
  t = await testApp();
  routes.push(...t.app.apiRoutes);
  for (const role of ROLES) headersByRole.set(role, await t.signIn(await t.createUser(role)));
});
after(() => t.close());

const concrete = (url: string) => url.replace(/:(\w+)/g, (_, name: string) => (name === 'code' ? '15.71' : '1'));

test('every API route declares who may call it', () => {
  assert.ok(routes.length >= 15, `found ${routes.length} routes`);
  for (const r of routes) assert.ok(r.access, `${r.method} ${r.url}`);
});

test('protected routes refuse a caller without a session', async () => {
  const protectedRoutes = routes.filter((r) => r.access !== 'public');
  assert.ok(protectedRoutes.length > 0);
  for (const r of protectedRoutes) {
    const res = await t.app.inject({ method: r.method as 'GET', url: concrete(r.url), payload: r.method === 'GET' ? undefined : {} });
    assert.equal(res.statusCode, 401, `${r.method} ${r.url} without a session`);
    assert.equal(res.json().code, 'unauthenticated');
  }
});

test('protected routes refuse every role that is not allowed', async () => {
  let checked = 0;
  for (const { method, url, access } of routes) {
    if (access === 'public') continue;
    for (const role of ROLES) {
      if (access.roles.includes(role)) continue;
      const res: LightMyRequestResponse = await t.app.inject({ method: method as 'GET', url: concrete(url), headers: headersByRole.get(role), payload: method === 'GET' ? undefined : {} });
      assert.equal(res.statusCode, 403, `${role} on ${method} ${url}`);
      assert.equal(res.json().code, 'forbidden');
      checked++;
    }
  }
  assert.ok(checked > 0);
});

test('an allowed role gets past the access check', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/events', headers: headersByRole.get('auditor') });
  assert.equal(res.statusCode, 200);
});
