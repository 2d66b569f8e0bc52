/**
 * Bank virtual accounts in the style of Bank Indonesia's SNAP open API (issue 5, channels):
 *   POST /snap/v1.0/access-token/b2b   a partner bank gets a 15-minute token (RSA signature over
 *                                       X-CLIENT-KEY|X-TIMESTAMP, verified with its public key)
 *   POST /snap/v1.0/transfer-va/inquiry  what is owed on a virtual account (partner prefix + payment code)
 *   POST /snap/v1.0/transfer-va/payment  the bank took the money: recorded once per paymentRequestId
 *   POST /snap/v1.0/qr/qr-mpm-notify     a QRIS payment of a bill's dynamic QR (its payment code is the
 *                                       QR's bill number): recorded once per originalReferenceNo
 * A payment code names a bill or a GN Lingkaran donation; both are paid through the same endpoints.
 * Every transaction request is signed (HMAC-SHA512 over method, path, token, body hash and timestamp),
 * its timestamp must be within five minutes, and its X-EXTERNAL-ID is accepted once per partner and
 * day. A request that fails any check is answered with SNAP's code and writes nothing. The messages are
 * SNAP's own, in English: they are read by the bank's systems, not by people.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { App } from '../../platform/http/server.ts';
import { AppError } from '../../platform/errors.ts';
import { SYSTEM } from '../audit/audit.ts';
import { billIdFromPaymentCode } from '../contributions/billing-run.ts';
import { wibDate } from '../contributions/calendar.ts';
import { recordPayment } from '../contributions/payments.ts';
import { donationIdFromPaymentCode } from '../lingkaran/codes.ts';
import { payDonation } from '../lingkaran/donations.ts';
import {
  checkTimestamp, snapResponse, SNAP_SERVICE_ACCESS_TOKEN_B2B, SNAP_SERVICE_QR_NOTIFY, SNAP_SERVICE_VA_INQUIRY, SNAP_SERVICE_VA_PAYMENT, verifyAsymmetric, verifySymmetric, type SnapCaseName,
} from './snap.ts';

const TOKEN_SECONDS = 900;
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

type Payable = { kind: 'bill' | 'donation'; id: number; status: 'open' | 'paid' | 'expired'; outstanding: number; name: string };
type Partner = { id: number; client_key: string; partner_service_id: string; public_key_pem: string; client_secret: string };

class SnapRefusal extends Error {
  constructor(readonly name_: SnapCaseName, readonly detail?: string) {
    super(name_);
  }
}

function send(reply: FastifyReply, service: string, name: SnapCaseName, body: Record<string, unknown> = {}, detail?: string) {
  const status = snapResponse(name, service, detail);
  return reply.code(status.httpStatus).send({ responseCode: status.responseCode, responseMessage: status.responseMessage, ...body });
}

/** Rupiah in SNAP's amount form: { value: "16800.00", currency: "IDR" }. */
const snapAmount = (rupiah: number) => ({ value: `${rupiah}.00`, currency: 'IDR' });
function rupiahOf(amount: unknown): number | null {
  if (!amount || typeof amount !== 'object') return null;
  const { value, currency } = amount as { value?: unknown; currency?: unknown };
  if (currency !== 'IDR' || typeof value !== 'string' || !/^\d{1,13}(\.00?)?$/.test(value)) return null;
  return Number(value.split('.')[0]);
}

export async function snapRoutes(app: App) {
  // signatures cover the body exactly as sent, so these routes keep it as text beside the parsed JSON
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    (request as FastifyRequest & { rawBody?: string }).rawBody = body as string;
    try {
      done(null, body === '' ? {} : JSON.parse(body as string));
    } catch {
      done(null, { __invalidJson: true });
    }
  });

  async function partnerByKey(key: unknown): Promise<Partner | undefined> {
    if (typeof key !== 'string' || !key) return undefined;
    return app.db.selectFrom('payment_partners').select(['id', 'client_key', 'partner_service_id', 'public_key_pem', 'client_secret'])
      .where('client_key', '=', key).where('active', '=', true).executeTakeFirst();
  }

  app.post('/snap/v1.0/access-token/b2b', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const service = SNAP_SERVICE_ACCESS_TOKEN_B2B;
    const h = request.headers;
    const partner = await partnerByKey(h['x-client-key']);
    if (!partner) return send(reply, service, 'unauthorized', {}, 'Unknown client');
    const timestamp = String(h['x-timestamp'] ?? '');
    if (!checkTimestamp(timestamp || undefined, new Date()).ok) return send(reply, service, 'unauthorized', {}, 'Timestamp');
    if (!verifyAsymmetric(partner.public_key_pem, partner.client_key, timestamp, String(h['x-signature'] ?? ''))) return send(reply, service, 'unauthorized', {}, 'Signature');
    if ((request.body as { grantType?: unknown })?.grantType !== 'client_credentials') return send(reply, service, 'invalidFieldFormat', {}, 'grantType');
    const token = crypto.randomBytes(32).toString('base64url');
    await app.db.insertInto('payment_partner_tokens').values({ token_hash: sha256(token), partner_id: partner.id, expires_at: new Date(Date.now() + TOKEN_SECONDS * 1000) }).execute();
    return send(reply, service, 'successful', { accessToken: token, tokenType: 'Bearer', expiresIn: String(TOKEN_SECONDS) });
  });

  /**
   * The checks every transaction request passes before anything is read or written: a live token of a
   * known partner, a timestamp within five minutes, the HMAC signature, and a well-formed X-EXTERNAL-ID
   * (whether it was seen today is checked next, by firstUse, only for requests that pass these).
   */
  async function authenticate(request: FastifyRequest): Promise<{ partner: Partner; externalId: string }> {
    const h = request.headers;
    const auth = String(h.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const partner = await partnerByKey(h['x-partner-id']);
    if (!partner || !token) throw new SnapRefusal('invalidTokenB2b');
    const live = await app.db.selectFrom('payment_partner_tokens').select('partner_id')
      .where('token_hash', '=', sha256(token)).where('expires_at', '>', new Date()).executeTakeFirst();
    if (!live || live.partner_id !== partner.id) throw new SnapRefusal('invalidTokenB2b');
    const timestamp = String(h['x-timestamp'] ?? '');
    if (!checkTimestamp(timestamp || undefined, new Date()).ok) throw new SnapRefusal('unauthorized', 'Timestamp');
    const raw = (request as FastifyRequest & { rawBody?: string }).rawBody ?? '';
    const signed = verifySymmetric(partner.client_secret, { method: request.method, endpointUrl: request.url, accessToken: token, body: raw, timestamp }, String(h['x-signature'] ?? ''));
    if (!signed) throw new SnapRefusal('unauthorized', 'Signature');
    const externalId = String(h['x-external-id'] ?? '');
    if (!/^\d{1,36}$/.test(externalId)) throw new SnapRefusal('invalidMandatoryField', 'X-EXTERNAL-ID');
    if ((request.body as { __invalidJson?: boolean }).__invalidJson) throw new SnapRefusal('invalidFieldFormat', 'body');
    return { partner, externalId };
  }

  /** Records the X-EXTERNAL-ID; false when the partner already used it today (a replay). */
  async function firstUse(partner: Partner, externalId: string): Promise<boolean> {
    const r = await sql`INSERT INTO payment_partner_requests (partner_id, day, external_id) VALUES (${partner.id}, ${wibDate()}, ${externalId})
                        ON CONFLICT DO NOTHING`.execute(app.db);
    return Number(r.numAffectedRows ?? 0) === 1;
  }

  /**
   * What a payment code names: a bill, or a GN Lingkaran donation (lingkaran/codes.ts), with what is
   * still owed on it and the name the bank shows its customer.
   */
  async function payableOf(code: string): Promise<Payable | undefined> {
    const billId = billIdFromPaymentCode(code);
    if (billId !== null) {
      const bill = await app.db.selectFrom('bills as b')
        .leftJoin('employers as er', 'er.id', 'b.employer_id')
        .leftJoin('participants as p', 'p.id', 'b.participant_id').leftJoin('people as pe', 'pe.id', 'p.person_id')
        .select(['b.id', 'b.status', 'b.total_amount', 'b.paid_amount', 'er.legal_name', 'pe.full_name'])
        .where('b.id', '=', billId).executeTakeFirst();
      return bill && { kind: 'bill', id: bill.id, status: bill.status, outstanding: bill.total_amount - bill.paid_amount, name: (bill.legal_name ?? bill.full_name ?? '').slice(0, 255) };
    }
    const donationId = donationIdFromPaymentCode(code);
    if (donationId === null) return undefined;
    const d = await app.db.selectFrom('lingkaran_donations').select(['id', 'status', 'amount']).where('id', '=', donationId).executeTakeFirst();
    return d && { kind: 'donation', id: d.id, status: d.status === 'paid' ? 'paid' : 'open', outstanding: d.status === 'paid' ? 0 : Number(d.amount), name: 'DONASI GN LINGKARAN' };
  }

  /** Records the payment once per channel reference; SNAP's answer for a refusal is thrown as a SnapRefusal. */
  async function pay(payable: Payable, p: { amount: number; paidAt: Date; channel: 'virtual_account' | 'qris'; channelRef: string }) {
    try {
      if (payable.kind === 'donation') {
        const r = await payDonation(app.db, { donationId: payable.id, ...p, actor: SYSTEM });
        return { paymentId: r.donation.id, entryId: r.donation.entryId, credit: 0 };
      }
      const r = await recordPayment(app.db, { billId: payable.id, ...p, actor: SYSTEM });
      return { paymentId: r.paymentId, entryId: r.entryId, credit: r.credit };
    } catch (err) {
      if (err instanceof AppError && (err.code === 'bill_not_found' || err.code === 'donation_not_found')) throw new SnapRefusal('billNotFound', 'Not Found');
      if (err instanceof AppError && (err.code === 'bill_closed' || err.code === 'donation_already_paid')) throw new SnapRefusal(payable.status === 'expired' ? 'billExpired' : 'paidBill');
      if (err instanceof AppError && err.code === 'payment_reference_reused') throw new SnapRefusal('inconsistentRequest');
      // a donation is paid whole: its virtual account and QR carry a closed amount
      if (err instanceof AppError && err.code === 'validation_failed' && payable.kind === 'donation') throw new SnapRefusal('invalidAmount');
      throw err;
    }
  }

  /** The bill or donation behind a virtual account number: the partner's prefix and our payment code. */
  async function payableOfVa(partner: Partner, body: Record<string, unknown>) {
    const partnerServiceId = String(body.partnerServiceId ?? '').trim();
    const customerNo = String(body.customerNo ?? '').trim();
    const va = String(body.virtualAccountNo ?? '').replace(/\s/g, '');
    if (!customerNo || !va) throw new SnapRefusal('invalidMandatoryField', customerNo ? 'virtualAccountNo' : 'customerNo');
    if (partnerServiceId !== partner.partner_service_id.trim() || va !== `${partner.partner_service_id.trim()}${customerNo}`) throw new SnapRefusal('billNotFound', 'Not Found');
    const payable = await payableOf(customerNo);
    if (!payable) throw new SnapRefusal('billNotFound', 'Not Found');
    return { payable, va, partnerServiceId, customerNo };
  }

  async function transaction(request: FastifyRequest, reply: FastifyReply, service: string, handle: (partner: Partner) => Promise<FastifyReply>) {
    try {
      const { partner, externalId } = await authenticate(request);
      if (!(await firstUse(partner, externalId))) return send(reply, service, 'conflict');
      return await handle(partner);
    } catch (err) {
      if (err instanceof SnapRefusal) return send(reply, service, err.name_, {}, err.detail);
      throw err;
    }
  }

  app.post('/snap/v1.0/transfer-va/inquiry', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    transaction(request, reply, SNAP_SERVICE_VA_INQUIRY, async (partner) => {
      const body = request.body as Record<string, unknown>;
      const { payable, va, partnerServiceId, customerNo } = await payableOfVa(partner, body);
      if (payable.status === 'paid') return send(reply, SNAP_SERVICE_VA_INQUIRY, 'paidBill');
      if (payable.status === 'expired') return send(reply, SNAP_SERVICE_VA_INQUIRY, 'billExpired');
      return send(reply, SNAP_SERVICE_VA_INQUIRY, 'successful', {
        virtualAccountData: {
          partnerServiceId, customerNo, virtualAccountNo: va, virtualAccountName: payable.name, inquiryRequestId: String(body.inquiryRequestId ?? ''),
          totalAmount: snapAmount(payable.outstanding), inquiryStatus: '00',
          inquiryReason: { english: 'Success', indonesia: 'Sukses' },
        },
      });
    }));

  app.post('/snap/v1.0/transfer-va/payment', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    transaction(request, reply, SNAP_SERVICE_VA_PAYMENT, async (partner) => {
      const body = request.body as Record<string, unknown>;
      const paymentRequestId = String(body.paymentRequestId ?? '').trim();
      if (!paymentRequestId || paymentRequestId.length > 128) throw new SnapRefusal('invalidMandatoryField', 'paymentRequestId');
      const amount = rupiahOf(body.paidAmount);
      if (amount === null || amount <= 0) throw new SnapRefusal('invalidFieldFormat', 'paidAmount');
      const { payable, va, partnerServiceId, customerNo } = await payableOfVa(partner, body);
      const paidAt = typeof body.trxDateTime === 'string' && checkTimestamp(body.trxDateTime, new Date(), 7 * 86_400).ok ? new Date(body.trxDateTime) : new Date();
      const paid = await pay(payable, { amount, paidAt, channel: 'virtual_account', channelRef: `${partner.client_key}:${paymentRequestId}` });
      return send(reply, SNAP_SERVICE_VA_PAYMENT, 'successful', {
        virtualAccountData: {
          partnerServiceId, customerNo, virtualAccountNo: va, virtualAccountName: payable.name, paymentRequestId, paidAmount: snapAmount(amount),
          paymentFlagStatus: '00', paymentFlagReason: { english: 'Success', indonesia: 'Sukses' },
        },
        additionalInfo: paid,
      });
    }));

  app.post('/snap/v1.0/qr/qr-mpm-notify', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) =>
    transaction(request, reply, SNAP_SERVICE_QR_NOTIFY, async (partner) => {
      const body = request.body as Record<string, unknown>;
      const reference = String(body.originalReferenceNo ?? '').trim();
      if (!reference || reference.length > 128) throw new SnapRefusal('invalidMandatoryField', 'originalReferenceNo');
      if (body.latestTransactionStatus !== '00') throw new SnapRefusal('invalidFieldFormat', 'latestTransactionStatus');
      const amount = rupiahOf(body.amount);
      if (amount === null || amount <= 0) throw new SnapRefusal('invalidFieldFormat', 'amount');
      const payable = await payableOf(String(body.originalPartnerReferenceNo ?? '').trim());
      if (!payable) throw new SnapRefusal('billNotFound', 'Not Found');
      const paid = await pay(payable, { amount, paidAt: new Date(), channel: 'qris', channelRef: `${partner.client_key}:${reference}` });
      return send(reply, SNAP_SERVICE_QR_NOTIFY, 'successful', { additionalInfo: paid });
    }));
}
