/**
 * The error model: every failure a client sees is an RFC 9457 problem (application/problem+json)
 * with a stable `code`, a localized title and detail, and per-field errors.
 */
import { fieldRuleText, problemText, type Lang } from './i18n.ts';

export interface FieldError {
  /** The field's path in the request, e.g. `nik` or `programs/1`. */
  field: string;
  /** The rule broken, stable for programs (`required`, `min_length`, `nik_birth_date`, …). */
  rule: string;
  params?: Record<string, unknown>;
}

/** An expected failure: a rule of the domain or of access was not met. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: FieldError[] = [],
    /** Extra members of the problem document (e.g. the existing participant's masked KPJ). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; rule: string; message: string }[];
  [extra: string]: unknown;
}

export function toProblem(err: AppError, lang: Lang, requestId?: string, instance?: string): ProblemDocument {
  const { title, detail } = problemText(err.code, lang, err.params);
  const doc: ProblemDocument = {
    type: `https://lindung.id/problems/${err.code.replace(/_/g, '-')}`,
    title,
    status: err.status,
    detail,
    code: err.code,
    ...err.extra,
  };
  if (instance) doc.instance = instance;
  if (requestId) doc.requestId = requestId;
  if (err.fieldErrors.length) {
    doc.errors = err.fieldErrors.map((f) => ({ field: f.field, rule: f.rule, message: fieldRuleText(f.rule, lang, f.params) }));
  }
  return doc;
}
