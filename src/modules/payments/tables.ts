import type { Generated } from 'kysely';

export interface PaymentsTables {
  payment_partners: {
    id: Generated<number>;
    client_key: string;
    name: string;
    partner_service_id: string;
    public_key_pem: string;
    client_secret: string;
    active: Generated<boolean>;
    created_at: Generated<Date>;
  };
  payment_partner_tokens: { token_hash: string; partner_id: number; expires_at: Date };
  payment_partner_requests: { partner_id: number; day: string; external_id: string; received_at: Generated<Date> };
}
