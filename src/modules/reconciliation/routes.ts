/**
 * Thin routes of reconciliation: officers import a bank's daily statement, work the exceptions queue
 * (one proposes, another approves), and read the daily report per channel.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { requireUser } from '../../platform/http/access.ts';
import { responses, type App } from '../../platform/http/server.ts';
import { decideResolution, dailyReport, importStatement, listExceptions, proposeResolution } from './reconcile.ts';

const OFFICERS = ['officer', 'supervisor'] as const;
const READERS = ['officer', 'supervisor', 'admin', 'auditor'] as const;
const actorOf = (request: FastifyRequest) => ({ userId: requireUser(request).id, role: requireUser(request).role });
const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export async function reconciliationRoutes(app: App) {
  app.post('/api/v1/reconciliation/statements', {
    bodyLimit: 20 * 1024 * 1024,
    config: { access: { roles: [...OFFICERS] } },
    schema: {
      tags: ['reconciliation'], summary: 'Impor rekening koran harian (camt.053 atau CSV) / import a daily bank statement (camt.053 or CSV)',
      description: 'Berkas yang sama lagi menjawab impor pertama. / The same file again answers the first import.',
      body: Type.Object({
        partnerId: Type.Integer({ minimum: 1 }), channel: Type.Union([Type.Literal('virtual_account'), Type.Literal('qris')]),
        filename: Type.Optional(Type.String({ maxLength: 200 })), content: Type.String({ minLength: 1 }),
      }, { additionalProperties: false }),
      response: responses({ 200: ImportResult(), 201: ImportResult() }),
    },
  }, async (request, reply) => {
    const r = await importStatement(app.db, { ...request.body, actor: actorOf(request) });
    reply.code(r.replayed ? 200 : 201);
    return r;
  });

  app.get('/api/v1/payment-partners', {
    config: { access: { roles: [...READERS] } },
    schema: { tags: ['reconciliation'], summary: 'Bank mitra / partner banks', response: responses({ 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })) }) }) },
  }, async () => ({ items: await app.db.selectFrom('payment_partners').select(['id', 'name']).where('active', '=', true).orderBy('name').execute() }));

  app.get('/api/v1/reconciliation/exceptions', {
    config: { access: { roles: [...READERS] } },
    schema: {
      tags: ['reconciliation'], summary: 'Antrean pengecualian / the exceptions queue',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('proposed'), Type.Literal('resolved')])) }, { additionalProperties: false }),
    },
  }, async (request) => ({ items: await listExceptions(app.db, request.query.status) }));

  app.post('/api/v1/reconciliation/exceptions/:id/proposal', {
    config: { access: { roles: [...OFFICERS] } },
    schema: {
      tags: ['reconciliation'], summary: 'Usulkan penyelesaian / propose a resolution', params: IdParams,
      body: Type.Object({
        action: Type.Union([Type.Literal('post_payment'), Type.Literal('no_posting')]), billId: Type.Optional(Type.Integer({ minimum: 1 })),
        note: Type.String({ minLength: 3, maxLength: 500 }),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    await proposeResolution(app.db, { exceptionId: request.params.id, ...request.body, actor: actorOf(request) });
    return reply.code(204).send();
  });

  app.post('/api/v1/reconciliation/exceptions/:id/decision', {
    config: { access: { roles: [...OFFICERS] } },
    schema: {
      tags: ['reconciliation'], summary: 'Setujui atau tolak usulan (petugas kedua) / approve or reject a proposal (a second officer)', params: IdParams,
      body: Type.Object({ approve: Type.Boolean() }, { additionalProperties: false }),
    },
  }, async (request, reply) => {
    await decideResolution(app.db, { exceptionId: request.params.id, approve: request.body.approve, actor: actorOf(request) });
    return reply.code(204).send();
  });

  app.get('/api/v1/reconciliation/report', {
    config: { access: { roles: [...READERS] } },
    schema: {
      tags: ['reconciliation'], summary: 'Laporan rekonsiliasi harian per kanal / daily reconciliation report per channel',
      querystring: Type.Object({ date: Type.String({ format: 'date' }) }, { additionalProperties: false }),
    },
  }, async (request) => ({ date: request.query.date, channels: await dailyReport(app.db, request.query.date) }));
}

function ImportResult() {
  return Type.Object({
    statementId: Type.Integer(), replayed: Type.Boolean(), lines: Type.Integer(), matched: Type.Integer(), ignored: Type.Integer(),
    exceptions: Type.Record(Type.String(), Type.Integer()),
  });
}
