import type { Generated } from 'kysely';

export interface AuditTables {
  audit_chain_heads: { stripe: number; seq: number; hash: string };
  audit_events: {
    id: Generated<number>;
    stripe: number;
    seq: number;
    at: Date;
    actor_user_id: number | null;
    actor_role: string | null;
    action: string;
    entity_type: string;
    entity_id: string;
    changes: unknown;
    request_id: string | null;
    prev_hash: string;
    hash: string;
  };
}
