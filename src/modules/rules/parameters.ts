/** Reading rule parameters in force on a date. A calculation keeps the ids of the rows it used. */
import type { Executor } from '../../platform/db.ts';

export interface Parameter {
  id: number;
  key: string;
  value: string;
  unit: string;
  legalBasis: string;
  productDefault: boolean;
}

export class MissingRuleError extends Error {
  constructor(readonly key: string, readonly date: string) {
    super(`No rule parameter ${key} in force on ${date}`);
  }
}

/**
 * The parameters in force on `date` (YYYY-MM-DD) for these keys; throws if a required one is missing.
 * `optional` keys may be absent that day (a discount outside its months).
 */
export async function parametersAt(db: Executor, keys: readonly string[], date: string, optional: readonly string[] = []): Promise<Map<string, Parameter>> {
  const rows = await db.selectFrom('rule_parameters')
    .select(['id', 'key', 'value', 'unit', 'legal_basis', 'product_default'])
    .where('key', 'in', [...keys, ...optional])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', date)]))
    .orderBy('valid_from', 'desc')
    .execute();
  const found = new Map<string, Parameter>();
  for (const r of rows) {
    if (!found.has(r.key)) found.set(r.key, { id: r.id, key: r.key, value: r.value, unit: r.unit, legalBasis: r.legal_basis, productDefault: r.product_default });
  }
  for (const k of keys) if (!found.has(k)) throw new MissingRuleError(k, date);
  return found;
}
