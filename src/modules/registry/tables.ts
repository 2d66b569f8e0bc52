import type { Generated } from 'kysely';

export interface RegistryTables {
  branches: {
    id: Generated<number>;
    code: string;
    name: string;
    province_code: string;
    address: string;
    created_at: Generated<Date>;
  };
  branch_regencies: {
    regency_code: string;
    branch_id: number;
  };
}
