/**
 * The composition root: the platform, then every module's routes, then the web app. Tests, the CLI
 * and benchmarks all build the application here, so they run exactly what production runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import fastifyStatic from '@fastify/static';
import { sql } from 'kysely';
import { projectRoot, type Config } from './platform/config.ts';
import type { Db } from './platform/db.ts';
import { AppError } from './platform/errors.ts';
import { createServer, responses, bearerOrCookieToken, type App } from './platform/http/server.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { identityRoutes } from './modules/identity/routes.ts';
import { resolveSession } from './modules/identity/service.ts';
import { SESSION_COOKIE } from './modules/identity/policy.ts';
import { regionRoutes } from './modules/regions/routes.ts';
import { rulesRoutes } from './modules/rules/routes.ts';
import { contributionRoutes } from './modules/contributions/routes.ts';
import { holidayRoutes } from './modules/contributions/holiday-routes.ts';
import { snapRoutes } from './modules/payments/snap-routes.ts';
import { ledgerRoutes } from './modules/ledger/routes.ts';
import { reconciliationRoutes } from './modules/reconciliation/routes.ts';
import { lingkaranRoutes } from './modules/lingkaran/routes.ts';
import { lingkaranDocumentRoutes } from './modules/lingkaran/document-routes.ts';
import { registryRoutes } from './modules/registry/routes.ts';
import { registrationRoutes } from './modules/registry/registration-routes.ts';
import { cardRoutes } from './modules/registry/card-routes.ts';
import { employerRoutes } from './modules/registry/employer-routes.ts';
import { officerRoutes } from './modules/registry/officer-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
  }
}

export interface BuildOptions {
  db: Db;
  engine: 'pglite' | 'postgres';
  config: Config;
  logStream?: NodeJS.WritableStream;
  /** Serve the built web app from web/dist (off for API-only tests). */
  serveWeb?: boolean;
}

export const webDist = path.join(projectRoot, 'web', 'dist');

export async function buildApp(opts: BuildOptions): Promise<App> {
  const app = await createServer({
    logLevel: opts.config.logLevel,
    logStream: opts.logStream,
    authenticate: async (request) => {
      const token = bearerOrCookieToken(request, SESSION_COOKIE);
      return token ? resolveSession(opts.db, token) : null;
    },
  });
  app.decorate('db', opts.db);
  app.decorate('config', opts.config);

  app.get('/api/v1/health', {
    config: { access: 'public' },
    schema: {
      tags: ['platform'], summary: 'Kesehatan layanan dan basis data / service and database health',
      response: responses({ 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), engine: Type.String() }) }),
    },
  }, async () => {
    try {
      await sql`SELECT 1`.execute(opts.db);
    } catch {
      throw new AppError(503, 'database_unavailable');
    }
    return { status: 'ok' as const, database: 'ok' as const, engine: opts.engine };
  });

  await app.register(regionRoutes);
  await app.register(registryRoutes);
  await app.register(registrationRoutes);
  await app.register(cardRoutes);
  await app.register(employerRoutes);
  await app.register(officerRoutes);
  await app.register(rulesRoutes);
  await app.register(contributionRoutes);
  await app.register(holidayRoutes);
  await app.register(snapRoutes);
  await app.register(ledgerRoutes);
  await app.register(reconciliationRoutes);
  await app.register(lingkaranRoutes);
  await app.register(lingkaranDocumentRoutes);
  await app.register(identityRoutes);
  await app.register(auditRoutes);

  const hasWeb = opts.serveWeb !== false && fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (isPage && hasWeb) return reply.type('text/html').sendFile('index.html');
    if (isPage) {
      return reply.type('text/html').send('<!doctype html><html lang="id"><title>Lindung</title><p>Aplikasi web belum dibangun: jalankan <code>npm run build:web</code>.</p><p lang="en">The web app is not built yet: run <code>npm run build:web</code>.</p></html>');
    }
    throw new AppError(404, 'not_found');
  });
  return app;
}
