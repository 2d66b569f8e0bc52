import type { Generated } from 'kysely';

export interface RulesTables {
  rule_parameters: {
    id: Generated<number>;
    key: string;
    valid_from: string;
    valid_to: string | null;
    value: string;
    unit: 'percent' | 'rupiah' | 'months' | 'days' | 'count';
    legal_basis: string;
    product_default: Generated<boolean>;
    note: string | null;
    created_at: Generated<Date>;
  };
  /** Maker-checker: a proposed version of a parameter, decided by an admin other than the proposer. */
  rule_proposals: {
    id: Generated<number>;
    key: string;
    valid_from: string;
    value: string;
    unit: 'percent' | 'rupiah' | 'months' | 'days' | 'count';
    legal_basis: string;
    product_default: Generated<boolean>;
    note: string | null;
    status: Generated<'pending' | 'approved' | 'rejected'>;
    proposed_by: number;
    proposed_at: Generated<Date>;
    decided_by: number | null;
    decided_at: Date | null;
    decision_note: string | null;
    /** The rule_parameters row an approval added. */
    parameter_id: number | null;
  };
}
