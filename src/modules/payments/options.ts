/**
 * How a bill can be paid: its payment code at the branch counter, a virtual account at each partner
 * bank (the bank's prefix and the code), and a dynamic QRIS code for what is still owed.
 */
import type { Executor } from '../../platform/db.ts';
import type { Config } from '../../platform/config.ts';
import { buildQrisPayload, qrisSvg } from './qris.ts';

export interface PaymentOptions {
  paymentCode: string;
  amount: number;
  virtualAccounts: { bank: string; number: string }[];
  qris: { payload: string; svg: string } | null;
}

export async function paymentOptions(db: Executor, config: Config, bill: { paymentCode: string; outstanding: number }): Promise<PaymentOptions> {
  const partners = await db.selectFrom('payment_partners').select(['name', 'partner_service_id']).where('active', '=', true).orderBy('name').execute();
  let qris: PaymentOptions['qris'] = null;
  if (config.qris && bill.outstanding > 0) {
    const payload = buildQrisPayload({ ...config.qris, amount: bill.outstanding, billNumber: bill.paymentCode });
    qris = { payload, svg: await qrisSvg(payload) };
  }
  return {
    paymentCode: bill.paymentCode, amount: bill.outstanding,
    virtualAccounts: partners.map((p) => ({ bank: p.name, number: `${p.partner_service_id.trim()}${bill.paymentCode}` })),
    qris,
  };
}
