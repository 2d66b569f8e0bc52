// The whole database as Kysely sees it: each module declares its own tables beside its migrations.
import type { PlatformTables } from '../platform/tables.ts';
import type { RegionsTables } from './regions/tables.ts';
import type { RegistryTables } from './registry/tables.ts';
import type { IdentityTables } from './identity/tables.ts';
import type { AuditTables } from './audit/tables.ts';
import type { RulesTables } from './rules/tables.ts';
import type { ContributionsTables } from './contributions/tables.ts';
import type { LedgerTables } from './ledger/tables.ts';
import type { PaymentsTables } from './payments/tables.ts';
import type { ReconciliationTables } from './reconciliation/tables.ts';
import type { LingkaranTables } from './lingkaran/tables.ts';

export interface Database extends PlatformTables, RegionsTables, RegistryTables, IdentityTables, AuditTables, RulesTables, ContributionsTables, LedgerTables, PaymentsTables, ReconciliationTables, LingkaranTables {}
