/**
 * The one place where access is decided. Every route declares `config.access`: 'public', or the
 * roles that may call it (and optionally a route parameter holding a region code that must be in the
 * caller's scope). The server refuses to start if an API route forgets to declare it; the check runs
 * in onRequest, before the body is even read, so a refused caller learns nothing about validation.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Role } from '../../modules/identity/tables.ts';

export type Access = 'public' | { roles: readonly Role[]; regionParam?: string };

/** Where a staff user may look: everywhere, or within regions given as code prefixes ('82', '33.74'). */
export type Scope = { national: true } | { national: false; regionPrefixes: string[] };

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  branchId: number | null;
  branchName: string | null;
  scope: Scope;
  sessionId: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** Every API route with its declared access, for the access-matrix test and the docs. */
    apiRoutes: { method: string; url: string; access: Access }[];
  }
}

export function regionInScope(scope: Scope, regionCode: string): boolean {
  if (scope.national) return true;
  return scope.regionPrefixes.some((p) => regionCode === p || regionCode.startsWith(`${p}.`));
}

/** Throws unless the caller may see a record located in this region. */
export function assertRegionInScope(request: FastifyRequest, regionCode: string) {
  const user = request.user;
  if (!user) throw new AppError(401, 'unauthenticated');
  if (!regionInScope(user.scope, regionCode)) throw new AppError(403, 'out_of_scope');
}

export function requireUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw new AppError(401, 'unauthenticated');
  return request.user;
}

export interface AccessOptions {
  authenticate(request: FastifyRequest): Promise<SessionUser | null>;
}

export function installAccessControl(app: FastifyInstance, opts: AccessOptions) {
  app.decorateRequest('user', null);
  app.decorate('apiRoutes', []);

  app.addHook('onRoute', (route) => {
    const isApi = route.url.startsWith('/api/v1');
    if (!route.config?.access) {
      if (isApi) throw new Error(`Route ${route.method} ${route.url} does not declare config.access`);
      route.config = { ...route.config, access: 'public' };
    }
    const access = route.config.access!;
    if (isApi) {
      for (const method of [route.method].flat()) if (method !== 'HEAD') app.apiRoutes.push({ method, url: route.url, access });
    }
    if (isApi && access !== 'public') {
      route.schema = {
        ...route.schema,
        security: [{ session: [] }, { bearer: [] }],
        description: `${route.schema?.description ?? ''}\n\nPeran / roles: ${access.roles.join(', ')}`.trim(),
      };
    }
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access ?? 'public';
    request.user = await opts.authenticate(request);
    if (access === 'public') return;
    if (!request.user) throw new AppError(401, 'unauthenticated');
    if (!access.roles.includes(request.user.role)) throw new AppError(403, 'forbidden');
    if (access.regionParam) {
      const code = (request.params as Record<string, string | undefined>)[access.regionParam];
      if (code && !regionInScope(request.user.scope, code)) throw new AppError(403, 'out_of_scope');
    }
  });
}
