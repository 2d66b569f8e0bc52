import type { Generated } from 'kysely';
import type { Program } from '../rules/quote.ts';

type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';

export interface ContributionsTables {
  holidays: { day: string; name_id: string; name_en: string; legal_basis: string };
  holiday_proposals: {
    id: Generated<number>;
    action: 'add' | 'remove';
    day: string;
    name_id: string | null;
    name_en: string | null;
    legal_basis: string;
    status: Generated<'pending' | 'approved' | 'rejected'>;
    proposed_by: number;
    proposed_at: Generated<Date>;
    decided_by: number | null;
    decided_at: Date | null;
    decision_note: string | null;
  };
  bpu_payment_plans: { participant_id: number; months: 1 | 3 | 6 | 12; updated_at: Generated<Date> };
  bpu_coverage: { participant_id: number; paid_through: string; updated_at: Generated<Date>; /** paid through before Lindung (0042) */ legacy_through: string | null };
  construction_projects: {
    id: Generated<number>;
    employer_id: number;
    name: string;
    contract_value: number;
    start_month: string;
    end_month: string;
    village_code: string;
    created_by: number | null;
    created_at: Generated<Date>;
  };
  migrant_placements: {
    id: Generated<number>;
    participant_id: number;
    destination: string;
    contract_months: number;
    start_month: string;
    created_by: number | null;
    created_at: Generated<Date>;
  };
  billing_runs: {
    id: Generated<number>;
    period: string;
    as_of: string;
    status: 'running' | 'completed' | 'failed';
    step: Generated<string>;
    done: Generated<number>;
    total: Generated<number>;
    counts: Generated<unknown>;
    error: string | null;
    lease_until: Date | null;
    started_by: number | null;
    started_at: Generated<Date>;
    finished_at: Date | null;
  };
  bills: {
    id: Generated<number>;
    run_id: number | null;
    issued_by: Generated<'billing_run' | 'lingkaran'>;
    segment: Segment;
    period: string;
    months: Generated<number>;
    employer_id: number | null;
    participant_id: number | null;
    project_id: number | null;
    placement_id: number | null;
    branch_id: number;
    issued_on: string;
    due_date: string;
    contribution_amount: Generated<number>;
    fine_amount: Generated<number>;
    total_amount: Generated<number>;
    employer_amount: Generated<number>;
    worker_amount: Generated<number>;
    participant_amount: Generated<number>;
    lines: Generated<number>;
    paid_amount: Generated<number>;
    paid_at: Date | null;
    status: Generated<'open' | 'paid' | 'expired'>;
    created_at: Generated<Date>;
  };
  bill_lines: {
    bill_id: number;
    participant_id: number | null;
    month: string;
    kind: 'contribution' | 'fine';
    program: Exclude<Program, 'JKP'>;
    payer: 'employer' | 'worker' | 'participant';
    phase: 'pre_placement' | 'during_after' | 'extra_months' | null;
    base: number | null;
    rate: string | null;
    amount: number;
    rule_id: number;
    source_bill_id: number | null;
    fine_months: number | null;
  };
  bill_payments: {
    id: Generated<number>;
    bill_id: number;
    amount: number;
    paid_at: Date;
    channel: 'virtual_account' | 'qris' | 'counter' | 'import' | 'donation';
    channel_ref: string;
    recorded_by: number | null;
    created_at: Generated<Date>;
    entry_id: number | null;
    credit_amount: Generated<number>;
    /** set on a reversal: the payment it takes back (migration 0042) */
    reverses_payment_id: number | null;
  };
  payment_allocations: {
    payment_id: number;
    bill_id: number;
    kind: 'contribution' | 'fine';
    month: string;
    program: string;
    payer: 'employer' | 'worker' | 'participant';
    participant_id: number | null;
    amount: number;
    entry_id: number;
  };
}
