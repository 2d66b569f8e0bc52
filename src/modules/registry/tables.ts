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
  occupations: { code: string; name_id: string; name_en: string; informal: boolean; sort: number };
  historical_provinces: { code: string; name: string; valid_from: string; valid_to: string };
  people: {
    id: Generated<number>;
    nik: string;
    full_name: string;
    search_name: string;
    birth_date: string;
    sex: Sex;
    phone: string | null;
    village_code: string | null;
    regency_code: string;
    address: string | null;
    occupation_code: string | null;
    vulnerable: Generated<boolean>;
    vulnerable_reason: string | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  kpj_numbers: {
    kpj: string;
    person_id: number;
    source: 'lindung' | 'legacy';
    merged_into: string | null;
    merged_at: Date | null;
    issued_at: Generated<Date>;
  };
  participants: {
    id: Generated<number>;
    person_id: number;
    kpj: string;
    segment: Segment;
    programs: Program[];
    status: ParticipantStatus;
    declared_income: number | null;
    registered_via: 'self' | 'agent' | 'officer' | 'employer' | 'donor' | 'import';
    registered_at: Generated<Date>;
    ended_at: Date | null;
  };
  participant_status_history: {
    id: Generated<number>;
    participant_id: number;
    person_id: number;
    status: ParticipantStatus;
    reason: string;
    at: Generated<Date>;
  };
  person_accounts: { person_id: number; user_id: number };
  family_members: {
    id: Generated<number>;
    person_id: number;
    relation: Relation;
    full_name: string;
    nik: string | null;
    birth_date: string;
    sex: Sex;
    married: Generated<boolean>;
    working: Generated<boolean>;
    deceased: Generated<boolean>;
    created_at: Generated<Date>;
  };
  duplicate_candidates: {
    id: Generated<number>;
    kind: 'same_name_birth' | 'shared_phone';
    match_key: string;
    person_ids: number[];
    regency_code: string;
    status: Generated<'open' | 'not_duplicate' | 'resolved'>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
    resolved_by: number | null;
    resolved_at: Date | null;
  };
  employers: {
    id: Generated<number>;
    npp: string;
    legal_name: string;
    search_name: string;
    sector: string;
    risk_class: number;
    size_class: SizeClass;
    address: string;
    village_code: string;
    regency_code: string;
    branch_id: number;
    labor_intensive: Generated<boolean>;
    status: Generated<'active' | 'closed'>;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  employer_users: { user_id: number; employer_id: number };
  employments: {
    id: Generated<number>;
    employer_id: number;
    person_id: number;
    participant_id: number;
    employee_ref: string | null;
    contract_type: ContractType;
    start_date: string;
    end_date: string | null;
    end_reason: EndReason | null;
    created_at: Generated<Date>;
    updated_at: Generated<Date>;
  };
  wages: { employment_id: number; employer_id: number; effective_month: string; wage: number; created_at: Generated<Date> };
  workforce_uploads: {
    id: Generated<number>;
    employer_id: number;
    file_name: string;
    file_sha256: string;
    format: 'csv' | 'xlsx';
    status: 'rejected' | 'validated' | 'applied';
    total_rows: number;
    error_rows: number;
    summary: unknown;
    uploaded_by: number | null;
    created_at: Generated<Date>;
    applied_at: Date | null;
  };
  workforce_upload_rows: {
    upload_id: number;
    row_no: number;
    nik: string;
    full_name: string;
    search_name: string;
    birth_date: string;
    sex: Sex;
    employee_ref: string | null;
    contract_type: ContractType;
    start_date: string;
    wage: number;
    wage_month: string;
    end_date: string | null;
    end_reason: EndReason | null;
  };
  workforce_upload_errors: { upload_id: number; row_no: number; field: string; rule: string; params: unknown; value: string | null };
}

export type Sex = 'M' | 'F';
export type Segment = 'PU' | 'BPU' | 'JAKON' | 'PMI';
export type Program = 'JKK' | 'JKM' | 'JHT' | 'JP' | 'JKP';
export type ParticipantStatus = 'pending' | 'active' | 'arrears' | 'lapsed' | 'ended';
export type Relation = 'spouse' | 'child' | 'parent' | 'grandchild' | 'sibling';
export type SizeClass = 'micro' | 'small' | 'medium' | 'large';
export type ContractType = 'PKWT' | 'PKWTT';
export type EndReason = 'resignation' | 'dismissal' | 'contract_end' | 'retirement' | 'death';
