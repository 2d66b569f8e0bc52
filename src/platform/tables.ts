import type { Generated } from 'kysely';

export interface PlatformTables {
  schema_migrations: { version: number; name: string; checksum: string; applied_at: Generated<Date> };
  outbox_messages: {
    id: Generated<number>;
    channel: 'sms' | 'email';
    recipient: string;
    subject: string | null;
    body: string;
    status: Generated<'pending' | 'sent' | 'failed'>;
    attempts: Generated<number>;
    created_at: Generated<Date>;
    sent_at: Date | null;
  };
  /** Server secrets made on first use (see secrets.ts); never returned by the API or logged. */
  app_secrets: { name: string; value: string; created_at: Generated<Date> };
}
