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
}
