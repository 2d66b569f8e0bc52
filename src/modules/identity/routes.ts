import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { maskRecipient } from '../../platform/outbox.ts';
import { LOGIN_POLICY, SESSION_COOKIE } from './policy.ts';
import {
  createUser, getUserView, listUsers, loginWithPassword, requestOneTimeCode, revokeSession, updateUserStatus, verifyOneTimeCode,
} from './service.ts';
import { ROLES } from './tables.ts';

export const ALL_ROLES = ROLES;

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));
const Credentials = Type.Object({
  username: Type.String({ minLength: 3, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
}, { additionalProperties: false });

const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  branchId: Type.Union([Type.Integer(), Type.Null()]),
  branchName: Type.Union([Type.String(), Type.Null()]),
  scope: Type.Object({ national: Type.Boolean(), regionPrefixes: Type.Optional(Type.Array(Type.String())) }),
});

const UserView = Type.Object({
  id: Type.Integer(), username: Type.String(), displayName: Type.String(), role: Type.String(),
  branchId: Type.Union([Type.Integer(), Type.Null()]), branchName: Type.Union([Type.String(), Type.Null()]),
  regionCodes: Type.Array(Type.String()), locked: Type.Boolean(), disabled: Type.Boolean(),
});

const loginRateLimit = { max: LOGIN_POLICY.perIpPerMinute, timeWindow: '1 minute' };
const actorOf = (request: FastifyRequest) => ({ userId: request.user?.id ?? null, role: request.user?.role ?? 'anonymous' });

function setSessionCookie(app: App, reply: FastifyReply, token: string, expiresAt: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'strict', secure: app.config.mode === 'production', expires: expiresAt,
  });
}

async function meOf(app: App, userId: number) {
  const view = await getUserView(app.db, userId);
  return view!;
}

export async function identityRoutes(app: App) {
  app.post('/api/v1/auth/login', {
    config: { access: 'public', rateLimit: loginRateLimit },
    schema: {
      tags: ['auth'], summary: 'Masuk dengan kata sandi (cookie sesi) / sign in with a password (session cookie)',
      body: Credentials,
      response: responses({ 200: Type.Object({ user: UserView }) }),
    },
  }, async (request, reply) => {
    const s = await loginWithPassword(app.db, request.body.username, request.body.password, 'cookie', request.id);
    setSessionCookie(app, reply, s.token, s.expiresAt);
    return { user: await meOf(app, s.userId) };
  });

  app.post('/api/v1/auth/token', {
    config: { access: 'public', rateLimit: loginRateLimit },
    schema: {
      tags: ['auth'], summary: 'Token bearer untuk klien API / bearer token for API clients',
      body: Credentials,
      response: responses({ 200: Type.Object({ token: Type.String(), tokenType: Type.Literal('Bearer'), expiresAt: Type.String({ format: 'date-time' }), user: UserView }) }),
    },
  }, async (request) => {
    const s = await loginWithPassword(app.db, request.body.username, request.body.password, 'bearer', request.id);
    return { token: s.token, tokenType: 'Bearer' as const, expiresAt: s.expiresAt.toISOString(), user: await meOf(app, s.userId) };
  });

  app.post('/api/v1/auth/logout', {
    config: { access: { roles: ALL_ROLES } },
    schema: { tags: ['auth'], summary: 'Keluar / sign out', response: responses({ 204: Type.Null() }) },
  }, async (request, reply) => {
    await revokeSession(app.db, requireUser(request).sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' }).code(204);
    return null;
  });

  app.get('/api/v1/auth/me', {
    config: { access: { roles: ALL_ROLES } },
    schema: { tags: ['auth'], summary: 'Pengguna yang sedang masuk / the signed-in user', response: responses({ 200: Type.Object({ user: Me }) }) },
  }, async (request) => {
    const { sessionId: _, ...user } = requireUser(request);
    return { user };
  });

  const OtpTarget = {
    channel: Type.Union([Type.Literal('sms'), Type.Literal('email')]),
    destination: Type.String({ minLength: 5, maxLength: 200, description: 'Nomor HP atau e-mail / phone number or e-mail' }),
  };
  app.post('/api/v1/auth/otp/request', {
    config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Kirim kode masuk sekali pakai / send a one-time sign-in code',
      body: Type.Object(OtpTarget, { additionalProperties: false }),
      response: responses({ 202: Type.Object({ accepted: Type.Boolean() }) }),
    },
  }, async (request, reply) => {
    await requestOneTimeCode(app.db, request.body.channel, request.body.destination);
    return reply.status(202).send({ accepted: true });
  });

  app.post('/api/v1/auth/otp/verify', {
    config: { access: 'public', rateLimit: loginRateLimit },
    schema: {
      tags: ['auth'], summary: 'Masuk dengan kode sekali pakai / sign in with a one-time code',
      body: Type.Object({ ...OtpTarget, code: Type.String({ pattern: '^\\d{6}$' }) }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ user: UserView }) }),
    },
  }, async (request, reply) => {
    const s = await verifyOneTimeCode(app.db, request.body.channel, request.body.destination, request.body.code);
    setSessionCookie(app, reply, s.token, s.expiresAt);
    return { user: await meOf(app, s.userId) };
  });

  app.get('/api/v1/users', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['users'], summary: 'Daftar pengguna / list users',
      querystring: Type.Object({
        role: Type.Optional(RoleSchema),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        offset: Type.Integer({ minimum: 0, default: 0 }),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(UserView) }) }),
    },
  }, async (request) => ({ items: await listUsers(app.db, request.query) }));

  app.post('/api/v1/users', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['users'], summary: 'Buat pengguna / create a user',
      body: Type.Object({
        username: Type.String({ pattern: '^[a-z0-9._-]{3,64}$' }),
        displayName: Type.String({ minLength: 2, maxLength: 120 }),
        role: RoleSchema,
        password: Type.String({ minLength: 12, maxLength: 200 }),
        branchId: Type.Optional(Type.Integer({ minimum: 1 })),
        regionCodes: Type.Optional(Type.Array(Type.String({ pattern: '^\\d{2}(\\.\\d{2}(\\.\\d{2})?)?$' }), { maxItems: 50 })),
        email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
      }, { additionalProperties: false }),
      response: responses({ 201: Type.Object({ user: UserView }) }),
    },
  }, async (request, reply) => {
    const id = await createUser(app.db, request.body, actorOf(request), request.id);
    return reply.status(201).send({ user: await meOf(app, id) });
  });

  app.patch('/api/v1/users/:id', {
    config: { access: { roles: ['admin'] } },
    schema: {
      tags: ['users'], summary: 'Buka kunci atau nonaktifkan pengguna / unlock or disable a user',
      params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
      body: Type.Object({ unlock: Type.Optional(Type.Boolean()), disabled: Type.Optional(Type.Boolean()) }, { additionalProperties: false, minProperties: 1 }),
      response: responses({ 200: Type.Object({ user: UserView }) }),
    },
  }, async (request) => {
    await updateUserStatus(app.db, request.params.id, request.body, actorOf(request), request.id);
    return { user: await meOf(app, request.params.id) };
  });

  if (app.config.mode === 'development') {
    app.get('/api/v1/dev/outbox', {
      config: { access: 'public' },
      schema: {
        tags: ['dev'], summary: 'Pesan keluar (hanya mode pengembangan) / outgoing messages (development mode only)',
        response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({
          id: Type.Integer(), channel: Type.String(), recipient: Type.String(), body: Type.String(), createdAt: Type.String({ format: 'date-time' }),
        })) }) }),
      },
    }, async () => {
      const rows = await app.db.selectFrom('outbox_messages').select(['id', 'channel', 'recipient', 'body', 'created_at']).orderBy('id', 'desc').limit(50).execute();
      return { items: rows.map((r) => ({ id: r.id, channel: r.channel, recipient: maskRecipient(r.channel, r.recipient), body: r.body, createdAt: r.created_at.toISOString() })) };
    });
  }
}

