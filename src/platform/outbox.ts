/**
 * Outgoing SMS and e-mail. A message is queued in the transaction of the change that causes it and
 * delivered afterwards by `deliverPending`. In development nothing leaves the machine: messages are
 * written to the log (recipient masked) and listed on the dev outbox page. A production deployment
 * plugs its SMS and e-mail gateways into `Deliverer`.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from './db.ts';
import { maskEmail, maskPhone } from './privacy.ts';

export interface OutgoingMessage {
  channel: 'sms' | 'email';
  recipient: string;
  subject?: string;
  body: string;
}

export async function enqueueMessage(db: Executor, msg: OutgoingMessage) {
  await db.insertInto('outbox_messages').values({ channel: msg.channel, recipient: msg.recipient, subject: msg.subject ?? null, body: msg.body }).execute();
}

export type Deliverer = (msg: OutgoingMessage) => Promise<void>;

export function maskRecipient(channel: 'sms' | 'email', recipient: string) {
  return channel === 'sms' ? maskPhone(recipient) : maskEmail(recipient);
}

/** The development deliverer: the log is the phone. */
export function logDeliverer(log: FastifyBaseLogger): Deliverer {
  return async (msg) => {
    log.info(`[outbox ${msg.channel}] ${maskRecipient(msg.channel, msg.recipient)}: ${msg.body}`);
  };
}

export async function deliverPending(db: Db, deliver: Deliverer, batch = 100): Promise<number> {
  const pending = await db.selectFrom('outbox_messages').selectAll().where('status', '=', 'pending').orderBy('id').limit(batch).execute();
  for (const m of pending) {
    try {
      await deliver({ channel: m.channel, recipient: m.recipient, subject: m.subject ?? undefined, body: m.body });
      await db.updateTable('outbox_messages').set({ status: 'sent', sent_at: new Date(), attempts: m.attempts + 1 }).where('id', '=', m.id).execute();
    } catch {
      await db.updateTable('outbox_messages').set({ attempts: m.attempts + 1, status: m.attempts + 1 >= 5 ? 'failed' : 'pending' }).where('id', '=', m.id).execute();
    }
  }
  return pending.length;
}
