import { Type } from '@sinclair/typebox';
import { responses, type App } from '../../platform/http/server.ts';

const Event = Type.Object({
  id: Type.Integer(), at: Type.String({ format: 'date-time' }), actorUserId: Type.Union([Type.Integer(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]), action: Type.String(), entityType: Type.String(), entityId: Type.String(),
  changes: Type.Record(Type.String(), Type.Unknown()), requestId: Type.Union([Type.String(), Type.Null()]), hash: Type.String(),
});

export async function auditRoutes(app: App) {
  app.get('/api/v1/audit/events', {
    config: { access: { roles: ['auditor', 'admin'] } },
    schema: {
      tags: ['audit'], summary: 'Jejak audit, terbaru dahulu / audit trail, newest first',
      querystring: Type.Object({
        entityType: Type.Optional(Type.String({ maxLength: 50 })),
        entityId: Type.Optional(Type.String({ maxLength: 50 })),
        before: Type.Optional(Type.Integer({ minimum: 1, description: 'id dari halaman sebelumnya / id from the previous page' })),
        limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
      }, { additionalProperties: false }),
      response: responses({ 200: Type.Object({ items: Type.Array(Event) }) }),
    },
  }, async (request) => {
    const { entityType, entityId, before, limit } = request.query;
    let q = app.db.selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(limit);
    if (entityType) q = q.where('entity_type', '=', entityType);
    if (entityId) q = q.where('entity_id', '=', entityId);
    if (before) q = q.where('id', '<', before);
    const rows = await q.execute();
    return {
      items: rows.map((r) => ({
        id: r.id, at: r.at.toISOString(), actorUserId: r.actor_user_id, actorRole: r.actor_role, action: r.action, entityType: r.entity_type,
        entityId: r.entity_id, changes: r.changes as Record<string, unknown>, requestId: r.request_id, hash: r.hash,
      })),
    };
  });
}
