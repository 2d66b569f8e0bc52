import type { Generated } from 'kysely';

export const ROLES = ['participant', 'employer_admin', 'agent', 'donor', 'officer', 'supervisor', 'case_manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface IdentityTables {
  users: {
    id: Generated<number>;
    username: string;
    display_name: string;
    role: Role;
    branch_id: number | null;
    region_codes: Generated<string[]>;
    email: string | null;
    phone: string | null;
    password_hash: string | null;
    failed_login_count: Generated<number>;
    locked_until: Date | null;
    is_demo: Generated<boolean>;
    disabled_at: Date | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  sessions: {
    id: Generated<number>;
    token_hash: string;
    user_id: number;
    kind: 'cookie' | 'bearer';
    created_at: Generated<Date>;
    expires_at: Date;
    revoked_at: Date | null;
  };
  one_time_codes: {
    id: Generated<number>;
    user_id: number;
    channel: 'sms' | 'email';
    code_hash: string;
    attempts: Generated<number>;
    expires_at: Date;
    consumed_at: Date | null;
    created_at: Generated<Date>;
  };
}
