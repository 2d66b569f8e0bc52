/**
 * Loads Indonesia's administrative areas from the idn-area-data package in bulk: each level is one
 * INSERT … SELECT FROM unnest(arrays) per 20,000 rows, the same SQL on PGlite and PostgreSQL.
 * Idempotent: it runs again only when the package version changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { inTransaction, type Db, type Tx } from '../../platform/db.ts';
import { searchName } from './names.ts';
import type { RegionKind } from './tables.ts';

const require = createRequire(import.meta.url);

function dataDir() {
  return path.join(path.dirname(require.resolve('idn-area-data/package.json')), 'data');
}

function packageVersion(): string {
  return (JSON.parse(fs.readFileSync(require.resolve('idn-area-data/package.json'), 'utf8')) as { version: string }).version;
}

interface Row {
  code: string;
  parent: string | null;
  level: number;
  kind: RegionKind;
  name: string;
}

function readCsv(file: string): string[][] {
  const rows = parse(fs.readFileSync(path.join(dataDir(), file), 'utf8'), { skip_empty_lines: true }) as string[][];
  return rows.slice(1);
}

export function readRegionRows(): Row[] {
  const rows: Row[] = [];
  for (const [code, name] of readCsv('provinces.csv')) rows.push({ code: code!, parent: null, level: 1, kind: 'province', name: name! });
  for (const [code, parent, name] of readCsv('regencies.csv')) {
    rows.push({ code: code!, parent: parent!, level: 2, kind: name!.startsWith('Kota ') ? 'city' : 'regency', name: name! });
  }
  for (const [code, parent, name] of readCsv('districts.csv')) rows.push({ code: code!, parent: parent!, level: 3, kind: 'district', name: name! });
  // Kemendagri village codes: 1xxx is a kelurahan (urban village), 2xxx a desa.
  for (const [code, parent, name] of readCsv('villages.csv')) {
    rows.push({ code: code!, parent: parent!, level: 4, kind: code!.slice(-4).startsWith('1') ? 'urban_village' : 'village', name: name! });
  }
  return rows;
}

const CHUNK = 20_000;

async function insertChunk(tx: Tx, rows: Row[]) {
  await sql`
    INSERT INTO regions (code, parent_code, level, kind, name, search_name)
    SELECT * FROM unnest(
      ${rows.map((r) => r.code)}::text[], ${rows.map((r) => r.parent)}::text[], ${rows.map((r) => r.level)}::smallint[],
      ${rows.map((r) => r.kind)}::text[], ${rows.map((r) => r.name)}::text[], ${rows.map((r) => searchName(r.name))}::text[])
    ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, level = EXCLUDED.level, kind = EXCLUDED.kind,
      name = EXCLUDED.name, search_name = EXCLUDED.search_name`.execute(tx);
}

export interface RegionLoadResult {
  loaded: boolean;
  version: string;
  counts: Record<string, number>;
}

export async function loadRegions(db: Db, onProgress?: (done: number, total: number) => void): Promise<RegionLoadResult> {
  const version = packageVersion();
  const current = await db.selectFrom('region_dataset').select(['version', 'counts']).where('id', '=', 1).executeTakeFirst();
  if (current?.version === version) return { loaded: false, version, counts: current.counts as Record<string, number> };

  const rows = readRegionRows();
  const counts = { provinces: 0, regencies: 0, districts: 0, villages: 0 };
  const levelNames = ['provinces', 'regencies', 'districts', 'villages'] as const;
  for (const r of rows) counts[levelNames[r.level - 1]!]++;
  await inTransaction(db, async (tx) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await insertChunk(tx, rows.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, rows.length), rows.length);
    }
    await tx
      .insertInto('region_dataset')
      .values({ id: 1, source: 'idn-area-data', version, counts: JSON.stringify(counts) })
      .onConflict((oc) => oc.column('id').doUpdateSet({ version, counts: JSON.stringify(counts), loaded_at: new Date() }))
      .execute();
  });
  return { loaded: true, version, counts };
}
