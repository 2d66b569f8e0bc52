import type { Generated } from 'kysely';

export type DonorKind = 'company' | 'individual' | 'guest';
export type DonationChannel = 'virtual_account' | 'qris' | 'counter';

export interface LingkaranTables {
  lingkaran_donors: {
    id: Generated<number>; kind: DonorKind; name: string; csr_program: string | null; tax_id: string | null;
    email: string | null; phone: string | null; anonymous: Generated<boolean>; user_id: number | null; created_at: Generated<Date>;
  };
  lingkaran_campaigns: {
    id: Generated<number>; code: string; title: string; description: Generated<string>; is_pool: Generated<boolean>;
    owner_donor_id: number | null; created_by: number | null; target_workers: number | null; months: number;
    region_codes: Generated<string[]>; occupation_codes: Generated<string[]>; monthly_amount: number; goal_amount: number | null;
    rule_ids: number[]; rules_date: string; unused_policy: Generated<'reallocate' | 'refund'>; status: Generated<'open' | 'closed'>; created_at: Generated<Date>;
  };
  lingkaran_donations: {
    id: Generated<number>; donor_id: number; campaign_id: number; amount: number; anonymous: boolean; receipt_code: string; request_key: string;
    status: Generated<'pending' | 'paid'>; channel: DonationChannel | null; channel_ref: string | null; paid_at: Date | null;
    entry_id: number | null; recorded_by: number | null; created_at: Generated<Date>;
  };
  lingkaran_proposals: {
    id: Generated<number>; participant_id: number; campaign_id: number; source: 'officer' | 'agent' | 'community' | 'donor';
    donor_id: number | null; reason: string; proposed_by: number | null; created_at: Generated<Date>;
  };
  lingkaran_allocation_runs: {
    id: Generated<number>; campaign_id: number; first_month: string; workers: Generated<number>; worker_months: Generated<number>;
    amount: Generated<number>; unused: Generated<number>; entry_id: number | null; started_by: number | null; created_at: Generated<Date>;
  };
  lingkaran_funded_months: {
    participant_id: number; month: string; campaign_id: number; run_id: number; bill_id: number; amount: number;
    pseudonym: string; region_code: string; occupation_code: string | null;
  };
  lingkaran_funding: { donation_id: number; participant_id: number; month: string; amount: number };
  lingkaran_releases: {
    id: Generated<number>; donation_id: number; kind: 'to_pool' | 'refund'; amount: number;
    entry_id: number | null; decided_by: number | null; note: string; created_at: Generated<Date>;
  };
  lingkaran_settings: { one: Generated<boolean>; pseudonym_salt: string };
}
