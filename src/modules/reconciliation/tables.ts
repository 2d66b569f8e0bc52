import type { Generated } from 'kysely';

export type ExceptionKind = 'missing_notification' | 'unknown_code' | 'amount_mismatch' | 'duplicate';

export interface ReconciliationTables {
  bank_statements: {
    id: Generated<number>; partner_id: number; channel: 'virtual_account' | 'qris'; statement_ref: string; account: string; business_date: string;
    format: 'camt.053' | 'csv'; file_sha256: string; lines: number; matched: number; exceptions: number; imported_by: number | null; imported_at: Generated<Date>;
  };
  statement_lines: {
    statement_id: number; line_no: number; bank_ref: string; booking_date: string; amount: number; direction: 'credit' | 'debit';
    payment_code: string | null; channel_tx_id: string | null; description: string; status: 'matched' | 'exception' | 'ignored'; payment_id: number | null;
  };
  reconciliation_exceptions: {
    id: Generated<number>; statement_id: number; line_no: number; kind: ExceptionKind; detail: string; status: Generated<'open' | 'proposed' | 'resolved'>;
    action: 'post_payment' | 'no_posting' | null; bill_id: number | null; note: string | null; proposed_by: number | null; proposed_at: Date | null;
    decided_by: number | null; decided_at: Date | null; payment_id: number | null;
  };
}
