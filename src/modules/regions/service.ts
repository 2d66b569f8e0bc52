import { sql } from 'kysely';
import type { Executor } from '../../platform/db.ts';
import { searchName } from './names.ts';
import type { RegionKind } from './tables.ts';

export interface Region {
  code: string;
  parentCode: string | null;
  level: number;
  kind: RegionKind;
  name: string;
}

const columns = ['code', 'parent_code as parentCode', 'level', 'kind', 'name'] as const;

/** Provinces when parentCode is null; otherwise the areas directly under it, by name. */
export function listChildren(db: Executor, parentCode: string | null): Promise<Region[]> {
  let q = db.selectFrom('regions').select(columns).orderBy('name');
  q = parentCode === null ? q.where('parent_code', 'is', null) : q.where('parent_code', '=', parentCode);
  return q.execute();
}

export async function getRegionWithAncestors(db: Executor, code: string): Promise<{ region: Region; ancestors: Region[] } | null> {
  // Codes nest by prefix ('82.71.01' is in '82.71', in '82'), so the ancestors are found by key, not by walking.
  const parts = code.split('.');
  const chain = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  const rows = await db.selectFrom('regions').select(columns).where('code', 'in', chain).orderBy('level').execute();
  const region = rows.find((r) => r.code === code);
  if (!region) return null;
  return { region, ancestors: rows.filter((r) => r.code !== code) };
}

export interface SearchHit extends Region {
  /** "Kecamatan, Kabupaten/Kota, Provinsi" of the area, to tell same-named villages apart. */
  path: string;
}

/**
 * Name search, case- and accent-insensitive. Exact names come first ("ternate" finds Kota Ternate before
 * the village of Ternate), then names that start with the words, then matches anywhere;
 * a trigram index keeps it fast over 83,762 villages.
 */
export async function searchRegions(db: Executor, query: string, opts: { level?: number; within?: string; limit: number }): Promise<SearchHit[]> {
  const q = searchName(query);
  if (!q) return [];
  const pattern = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
  const res = await sql<SearchHit>`
    SELECT r.code, r.parent_code AS "parentCode", r.level, r.kind, r.name,
           concat_ws(', ', d.name, g.name, p.name) AS path
    FROM regions r
    LEFT JOIN regions p ON p.code = split_part(r.code, '.', 1) AND r.level > 1
    LEFT JOIN regions g ON g.code = split_part(r.code, '.', 1) || '.' || split_part(r.code, '.', 2) AND r.level > 2
    LEFT JOIN regions d ON d.code = r.parent_code AND r.level > 3
    WHERE r.search_name LIKE ${pattern}
      ${opts.level ? sql`AND r.level = ${opts.level}` : sql``}
      ${opts.within ? sql`AND (r.code LIKE ${`${opts.within}.%`})` : sql``}
    ORDER BY (regexp_replace(r.search_name, '^(kabupaten|kota) ', '') = ${q}) DESC,
             (regexp_replace(r.search_name, '^(kabupaten|kota) ', '') LIKE ${`${q}%`}) DESC, r.level, r.name, r.code
    LIMIT ${opts.limit}`.execute(db);
  return res.rows;
}
