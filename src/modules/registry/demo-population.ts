/**
 * A realistic demo population, generated in bulk by set-based SQL (INSERT … SELECT over
 * generate_series, window functions and joins to the region list), never row by row in JavaScript:
 * people with valid NIKs that agree with their village, birth date and sex, Indonesian names by region,
 * occupations, KPJ numbers, BPU and PU participations, employers of every size with workforces and
 * wage histories, and heirs. The same SQL runs on PGlite and PostgreSQL 15.
 *
 * Province shares come from BPS figures (data/workforce_by_province.csv: employed and informal share),
 * wages from the provincial minimum wages (data/minimum_wage_by_province.csv). Only `lindung seed --demo
 * --participants N` calls this. Safe to run twice: the participants it creates are registered_via
 * 'import', and a population of at least N of them is left as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { inTransaction, type Db, type Executor, type Tx } from '../../platform/db.ts';
import { recordAudit, SYSTEM } from '../audit/audit.ts';
import { luhnSql } from './check-digits.ts';
import { refreshDuplicateCandidates } from './people.ts';
import { HAMLETS, NAME_POOLS, NATIONAL_POOLS, PROVINCE_POOLS, STREETS, type PoolCode } from './data/name-pools.ts';
import type { SizeClass } from './tables.ts';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

// ---------------------------------------------------------------------------------------------------
// Province figures (pure)

/** BPS Sakernas, August 2024: employed people and the informal share, nationally. */
export const NATIONAL_EMPLOYED = 144_640_000;
export const NATIONAL_INFORMAL_SHARE = 57.95;
/** The year of the minimum wages in data/minimum_wage_by_province.csv, and the yearly rise assumed after it. */
export const MINIMUM_WAGE_YEAR = 2025;
export const YEARLY_WAGE_RISE = 0.065;

export interface WorkforceRow {
  code: string;
  name: string;
  employed: number | null;
  informalSharePct: number | null;
  informalWorkers: number | null;
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));

export function readWorkforceCsv(file = path.join(DATA_DIR, 'workforce_by_province.csv')): WorkforceRow[] {
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows.map((r) => ({
    code: r.province_code!, name: r.province_name!, employed: num(r.employed), informalSharePct: num(r.informal_share_pct), informalWorkers: num(r.informal_workers),
  }));
}

export function readMinimumWages(file = path.join(DATA_DIR, 'minimum_wage_by_province.csv')): Map<string, number> {
  const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [r.province_code!, Number(r.ump_2025)]));
}

export interface ProvinceWeight {
  code: string;
  employed: number;
  /** data: the CSV; informal_count: informal workers ÷ informal share; national_gap: see provinceWeights. */
  employedSource: 'data' | 'informal_count' | 'national_gap';
  /** Per cent. */
  informalShare: number;
  informalSource: 'data' | 'national';
}

/**
 * Employed people and informal share per province. Where the CSV has no employed count:
 * 1. informal workers ÷ informal share, where both are published (Kalimantan Selatan);
 * 2. otherwise an equal part of what the national total leaves over (144.64 million minus every known
 *    or derived province), which is what the missing provinces (Sulawesi Barat, the four Papua
 *    provinces) must hold between them; if nothing were left over, the smallest known province.
 * Where the informal share is missing: the national 57.95%.
 */
export function provinceWeights(rows: WorkforceRow[], provinceCodes: string[] = rows.map((r) => r.code)): ProvinceWeight[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out: ProvinceWeight[] = [];
  const missing: ProvinceWeight[] = [];
  for (const code of provinceCodes) {
    const r = byCode.get(code);
    const informalShare = r?.informalSharePct ?? NATIONAL_INFORMAL_SHARE;
    const informalSource = r?.informalSharePct != null ? 'data' as const : 'national' as const;
    if (r?.employed) out.push({ code, employed: r.employed, employedSource: 'data', informalShare, informalSource });
    else if (r?.informalWorkers && r.informalSharePct) {
      out.push({ code, employed: Math.round(r.informalWorkers / (r.informalSharePct / 100)), employedSource: 'informal_count', informalShare, informalSource });
    } else {
      const w: ProvinceWeight = { code, employed: 0, employedSource: 'national_gap', informalShare, informalSource };
      out.push(w);
      missing.push(w);
    }
  }
  if (missing.length) {
    const known = out.filter((w) => w.employedSource !== 'national_gap');
    const gap = NATIONAL_EMPLOYED - known.reduce((s, w) => s + w.employed, 0);
    const each = gap > 0 ? Math.round(gap / missing.length) : Math.min(...known.map((w) => w.employed));
    for (const w of missing) w.employed = each;
  }
  return out;
}

/** Splits `total` into whole parts proportional to `weights` (largest remainder): the parts add up to total. */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (sum <= 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (w / sum) * total);
  const parts = quotas.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]!++;
    left--;
  }
  return parts;
}

export interface ProvincePlan {
  code: string;
  people: number;
  /** informal, self-registered participants; the rest (people − bpu) are PU workers of an employer */
  bpu: number;
}

/** How many people each province gets (proportional to employed) and how many of them are BPU. */
export function planProvinces(n: number, weights: ProvinceWeight[]): ProvincePlan[] {
  const people = apportion(n, weights.map((w) => w.employed));
  return weights.map((w, i) => ({ code: w.code, people: people[i]!, bpu: Math.round(people[i]! * (w.informalShare / 100)) }));
}

// ---------------------------------------------------------------------------------------------------
// Weights by region (pure)

const MARITIME = new Set(['19', '21', '53', '71', '72', '73', '74', '75', '76', '81', '82', '92', '96']);
const PLANTATION = new Set(['12', '14', '15', '16', '17', '18', '19', '61', '62', '63', '64', '65']);
const MINING = new Set(['19', '63', '64', '72', '74', '82', '94']);
const INDUSTRIAL = new Set(['21', '32', '33', '35', '36']);
const FURNITURE = new Set(['33', '35']);
const HIGHLAND = new Set(['94', '95']);
const TOURISM = new Set(['51', '52']);

type Weights = Record<string, number>;
const scale = (w: Weights, f: Weights): Weights => Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v * (f[k] ?? 1)]));

/** Informal (BPU) occupations: farming in the villages, ojek and vending in towns, fishing on the coasts. */
export function informalOccupationWeights(province: string, urban: boolean, sex: 'M' | 'F'): Weights {
  let w: Weights = {
    farmer: 26, farm_labourer: 11, fisher: 3, livestock_farmer: 5, rubber_tapper: 0.5, market_trader: 10, street_vendor: 8,
    online_ojek_driver: 2, becak_driver: 1, porter: 2, marbot: 1, religious_teacher: 1.5, construction_worker: 8, craftsperson: 3,
    tailor: 3, domestic_worker: 4, waste_picker: 0.5, other: 5,
  };
  if (urban) {
    w = scale(w, {
      farmer: 0.08, farm_labourer: 0.1, fisher: 0.4, livestock_farmer: 0.15, rubber_tapper: 0, market_trader: 1.6, street_vendor: 2.2,
      online_ojek_driver: 9, becak_driver: 1.5, porter: 2.5, construction_worker: 1.4, tailor: 1.3, domestic_worker: 2.2, waste_picker: 4,
      craftsperson: 1.1, other: 1.5,
    });
  }
  if (MARITIME.has(province)) w = scale(w, { fisher: 5 });
  if (PLANTATION.has(province)) w = scale(w, { rubber_tapper: 10, farm_labourer: 1.3 });
  if (HIGHLAND.has(province)) w = scale(w, { farmer: 1.6, livestock_farmer: 1.5, fisher: 0.1, online_ojek_driver: 0.2, becak_driver: 0 });
  if (province === '11') w = scale(w, { religious_teacher: 2, marbot: 1.5 });
  w = sex === 'F'
    ? scale(w, {
      becak_driver: 0.02, porter: 0.15, online_ojek_driver: 0.15, construction_worker: 0.05, fisher: 0.15, marbot: 0.05, livestock_farmer: 0.6,
      rubber_tapper: 0.7, farm_labourer: 0.9, domestic_worker: 4, tailor: 3, market_trader: 1.6, street_vendor: 1.2, craftsperson: 1.4,
      religious_teacher: 1.2, waste_picker: 0.8,
    })
    : scale(w, { domestic_worker: 0.2, tailor: 0.5 });
  return w;
}

export interface Sector {
  /** stored in employers.sector */
  label: string;
  /** JKK risk class 1 (very low) … 5 (very high), PP 44/2015 Pasal 16 */
  riskClass: 1 | 2 | 3 | 4 | 5;
  /** a labour-intensive industry in the sense of PP 7/2025 (textiles, footwear, furniture, food) */
  laborIntensive: boolean;
  /** share of employers of each size class in this sector, before regional factors */
  bySize: Record<SizeClass, number>;
  /** words that make a company name sound like the trade */
  words: string[];
  /** a name form for the smallest businesses ('Toko', 'Bengkel' …) */
  smallForm?: string;
  occupations: Weights;
}

export const SECTORS: Sector[] = [
  { label: 'Industri tekstil dan pakaian jadi', riskClass: 3, laborIntensive: true, bySize: { micro: 3, small: 5, medium: 10, large: 14 }, words: ['Tekstil', 'Garmen', 'Busana', 'Textile'], smallForm: 'Konveksi', occupations: { factory_worker: 80, office_worker: 7, security_guard: 6, driver: 4, shop_assistant: 3 } },
  { label: 'Industri alas kaki', riskClass: 3, laborIntensive: true, bySize: { micro: 1, small: 2, medium: 5, large: 10 }, words: ['Sepatu', 'Footwear', 'Kulit'], occupations: { factory_worker: 82, office_worker: 7, security_guard: 6, driver: 5 } },
  { label: 'Industri furnitur', riskClass: 3, laborIntensive: true, bySize: { micro: 6, small: 6, medium: 6, large: 5 }, words: ['Mebel', 'Furnitur', 'Kayu', 'Jati'], smallForm: 'Mebel', occupations: { factory_worker: 70, craftsperson: 10, office_worker: 8, driver: 7, security_guard: 5 } },
  { label: 'Industri makanan dan minuman', riskClass: 3, laborIntensive: true, bySize: { micro: 14, small: 12, medium: 12, large: 12 }, words: ['Pangan', 'Food', 'Boga', 'Rasa'], smallForm: 'Dapur', occupations: { factory_worker: 72, office_worker: 8, driver: 8, security_guard: 5, shop_assistant: 7 } },
  { label: 'Perdagangan eceran', riskClass: 2, laborIntensive: false, bySize: { micro: 32, small: 20, medium: 10, large: 8 }, words: ['Mart', 'Swalayan', 'Niaga', 'Dagang'], smallForm: 'Toko', occupations: { shop_assistant: 75, driver: 8, security_guard: 7, office_worker: 10 } },
  { label: 'Rumah makan dan perhotelan', riskClass: 2, laborIntensive: false, bySize: { micro: 12, small: 8, medium: 6, large: 5 }, words: ['Hotel', 'Resto', 'Wisata', 'Kuliner'], smallForm: 'Rumah Makan', occupations: { shop_assistant: 40, other: 30, office_worker: 15, security_guard: 10, driver: 5 } },
  { label: 'Konstruksi', riskClass: 5, laborIntensive: false, bySize: { micro: 3, small: 8, medium: 9, large: 7 }, words: ['Konstruksi', 'Bangun', 'Beton', 'Teknik'], occupations: { construction_worker: 60, driver: 15, office_worker: 15, security_guard: 10 } },
  { label: 'Perkebunan', riskClass: 4, laborIntensive: false, bySize: { micro: 2, small: 4, medium: 8, large: 10 }, words: ['Agro', 'Sawit', 'Plantation', 'Perkebunan'], occupations: { plantation_worker: 85, driver: 5, office_worker: 5, security_guard: 5 } },
  { label: 'Pertanian dan peternakan', riskClass: 3, laborIntensive: false, bySize: { micro: 8, small: 5, medium: 3, large: 1 }, words: ['Tani', 'Agro', 'Ternak'], smallForm: 'Koperasi Tani', occupations: { farm_labourer: 55, livestock_farmer: 15, plantation_worker: 10, driver: 10, office_worker: 10 } },
  { label: 'Perikanan', riskClass: 4, laborIntensive: false, bySize: { micro: 4, small: 4, medium: 3, large: 2 }, words: ['Bahari', 'Samudra', 'Perikanan', 'Mina'], smallForm: 'Koperasi Nelayan', occupations: { fisher: 65, factory_worker: 20, driver: 10, office_worker: 5 } },
  { label: 'Pertambangan', riskClass: 5, laborIntensive: false, bySize: { micro: 0, small: 1, medium: 3, large: 5 }, words: ['Tambang', 'Mineral', 'Resources', 'Energi'], occupations: { factory_worker: 45, driver: 30, office_worker: 15, security_guard: 10 } },
  { label: 'Angkutan dan pergudangan', riskClass: 4, laborIntensive: false, bySize: { micro: 4, small: 6, medium: 6, large: 5 }, words: ['Logistik', 'Transport', 'Ekspres', 'Trans'], occupations: { driver: 60, porter: 10, office_worker: 20, security_guard: 10 } },
  { label: 'Pendidikan', riskClass: 1, laborIntensive: false, bySize: { micro: 3, small: 8, medium: 7, large: 3 }, words: ['Pendidikan', 'Cendekia', 'Ilmu', 'Bangsa'], occupations: { teacher: 80, office_worker: 12, security_guard: 8 } },
  { label: 'Kesehatan', riskClass: 2, laborIntensive: false, bySize: { micro: 3, small: 5, medium: 6, large: 5 }, words: ['Medika', 'Husada', 'Sehat', 'Farma'], smallForm: 'Klinik', occupations: { nurse: 65, office_worker: 20, security_guard: 8, driver: 7 } },
  { label: 'Jasa keuangan', riskClass: 1, laborIntensive: false, bySize: { micro: 1, small: 3, medium: 4, large: 6 }, words: ['Finance', 'Dana', 'Artha', 'Sekuritas'], smallForm: 'Koperasi Simpan Pinjam', occupations: { office_worker: 85, security_guard: 10, driver: 5 } },
  { label: 'Jasa lainnya', riskClass: 1, laborIntensive: false, bySize: { micro: 12, small: 10, medium: 8, large: 6 }, words: ['Solusi', 'Servis', 'Digital', 'Kreasi'], smallForm: 'Bengkel', occupations: { office_worker: 45, security_guard: 20, driver: 15, shop_assistant: 20 } },
];

/** Sectors of the employers of one size in one province: plantations in Sumatra and Kalimantan, mines where the nickel, tin and coal are, garment and shoe factories in Java, hotels in Bali, head offices in Jakarta. */
export function sectorWeights(province: string, size: SizeClass): Weights {
  let w: Weights = Object.fromEntries(SECTORS.map((s) => [s.label, s.bySize[size]]));
  if (PLANTATION.has(province)) w = scale(w, { Perkebunan: 4, 'Pertanian dan peternakan': 1.5 });
  if (MINING.has(province)) w = scale(w, { Pertambangan: 5 });
  if (INDUSTRIAL.has(province)) w = scale(w, { 'Industri tekstil dan pakaian jadi': 2.5, 'Industri alas kaki': 2.5, 'Industri makanan dan minuman': 1.3 });
  if (FURNITURE.has(province)) w = scale(w, { 'Industri furnitur': 2 });
  if (TOURISM.has(province)) w = scale(w, { 'Rumah makan dan perhotelan': 4 });
  if (MARITIME.has(province)) w = scale(w, { Perikanan: 3 });
  if (province === '31') {
    w = scale(w, {
      'Jasa keuangan': 5, 'Jasa lainnya': 2, 'Perdagangan eceran': 1.3, Perkebunan: 0.1, Pertambangan: 0.3, 'Pertanian dan peternakan': 0.05,
      Perikanan: 0.2, 'Industri tekstil dan pakaian jadi': 0.6,
    });
  }
  return w;
}

export function sectorOccupationWeights(sector: Sector, sex: 'M' | 'F'): Weights {
  return scale(sector.occupations, sex === 'F'
    ? { driver: 0.05, security_guard: 0.15, nurse: 3, teacher: 1.6, shop_assistant: 1.5, factory_worker: 1.2, construction_worker: 0.05, plantation_worker: 0.6, fisher: 0.1, porter: 0.1, livestock_farmer: 0.6 }
    : { nurse: 0.35, shop_assistant: 0.7 });
}

export const SLOTS = 1000;

/** Weights as ranges of SLOTS slots [lo, hi), so that SQL picks one with floor(random() * SLOTS). */
export function toSlots(weights: Weights, slots = SLOTS): { key: string; lo: number; hi: number }[] {
  const keys = Object.keys(weights).filter((k) => weights[k]! > 0);
  const parts = apportion(slots, keys.map((k) => weights[k]!));
  let lo = 0;
  const out: { key: string; lo: number; hi: number }[] = [];
  keys.forEach((key, i) => {
    if (parts[i]! > 0) out.push({ key, lo, hi: lo + parts[i]! });
    lo += parts[i]!;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------
// SQL helpers

/** A full name from the pool row `pp` and uniform random columns of `x`; see data/name-pools.ts. */
function nameParts(pp: string, x: string, sexCol: string) {
  const pick = (arr: string, r: string) => `${pp}.${arr}[1 + floor(${x}.${r} * cardinality(${pp}.${arr}))::int]`;
  const bySex = (m: string, f: string) => `CASE WHEN ${sexCol} = 'M' THEN ${m} ELSE ${f} END`;
  const prefix = `CASE WHEN ${x}.r_pre_on < ${pp}.prefix_share THEN ${bySex(pick('pre_m', 'r_pre'), pick('pre_f', 'r_pre'))} END`;
  const given = bySex(pick('given_m', 'r_given'), pick('given_f', 'r_given'));
  const second = `CASE WHEN ${x}.r_g2_on < ${pp}.second_share THEN ${bySex(pick('given_m', 'r_g2'), pick('given_f', 'r_g2'))} END`;
  const family = `CASE WHEN ${x}.r_fam_on < ${pp}.family_share THEN ${bySex(pick('fam_m', 'r_fam'), pick('fam_f', 'r_fam'))} END`;
  return { prefix, given, second, family };
}

const fullName = (p: { prefix: string; given: string; second: string; family: string }, family = p.family) =>
  `concat_ws(' ', ${p.prefix}, ${p.given}, nullif(${p.second}, ${p.given}), ${family})`;

const searchNameSql = (expr: string) => `trim(lower(regexp_replace(${expr}, '[^A-Za-z0-9]+', ' ', 'g')))`;

/** 16-digit NIK from a district code 'dd.dd.dd', a birth date, a sex and a serial. */
const nikSql = (district: string, birth: string, sex: string, serial: string) =>
  `replace(${district}, '.', '') || lpad((extract(day FROM ${birth})::int + CASE WHEN ${sex} = 'F' THEN 40 ELSE 0 END)::text, 2, '0') || to_char(${birth}, 'MMYY') || lpad((${serial})::text, 4, '0')`;

const randoms = (names: string[]) => names.map((n) => `random() AS ${n}`).join(', ');
const NAME_RANDOMS = ['r_pre_on', 'r_pre', 'r_given', 'r_g2_on', 'r_g2', 'r_fam_on', 'r_fam'];

// ---------------------------------------------------------------------------------------------------
// The population

export type PopulationStep = 'prepare' | 'people' | 'participants' | 'employers' | 'employments' | 'family' | 'duplicates';

export const STEP_LABELS: Record<PopulationStep, string> = {
  prepare: 'Persiapan / preparing',
  people: 'Orang / people',
  participants: 'Peserta / participants',
  employers: 'Pemberi kerja / employers',
  employments: 'Kerja+upah / jobs+wages',
  family: 'Ahli waris / heirs',
  duplicates: 'Calon duplikat / duplicates',
};

export interface PopulationResult {
  /** false when a population of at least n generated participants was already there */
  created: boolean;
  requested: number;
  /** generated participants found before this run */
  existing: number;
  people: number;
  participants: { BPU: number; PU: number };
  legacyKpjs: number;
  employers: number;
  employments: number;
  wages: number;
  familyMembers: number;
  seconds: number;
}

/** Generated participants already in the database: those registered_via 'import'. */
export async function generatedParticipants(db: Executor): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM participants WHERE registered_via = 'import'`.execute(db);
  return rows[0]!.n;
}

/** What the registry holds now, for the CLI's summary. */
export async function populationCounts(db: Executor) {
  const { rows } = await sql<{ people: number; bpu: number; pu: number; employers: number; employments: number; wages: number; family: number; kpjs: number }>`
    SELECT (SELECT count(*)::int FROM people) AS people,
           (SELECT count(*)::int FROM participants WHERE segment = 'BPU') AS bpu,
           (SELECT count(*)::int FROM participants WHERE segment = 'PU') AS pu,
           (SELECT count(*)::int FROM employers) AS employers,
           (SELECT count(*)::int FROM employments) AS employments,
           (SELECT count(*)::int FROM wages) AS wages,
           (SELECT count(*)::int FROM family_members) AS family,
           (SELECT count(*)::int FROM kpj_numbers) AS kpjs`.execute(db);
  return rows[0]!;
}

export type ProgressFn = (step: string, done: number, total: number) => void;

/**
 * Generates about n participants (with their people, employers, employments, wages and heirs), or
 * tops an earlier generated population up to n; does nothing if at least n are there. One transaction.
 */
export async function seedPopulation(db: Db, n: number, onProgress?: ProgressFn): Promise<PopulationResult> {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error('seedPopulation: n must be a positive integer');
  const started = Date.now();
  const report = (step: PopulationStep, done: number, total: number) => onProgress?.(STEP_LABELS[step], done, total);
  return inTransaction(db, async (tx) => {
    // two seeds at once would both see an empty database: the second waits for the first
    await sql`SELECT pg_advisory_xact_lock(74530201)`.execute(tx);
    const existing = await generatedParticipants(tx);
    const empty = { people: 0, participants: { BPU: 0, PU: 0 }, legacyKpjs: 0, employers: 0, employments: 0, wages: 0, familyMembers: 0 };
    if (existing >= n) return { created: false, requested: n, existing, ...empty, seconds: (Date.now() - started) / 1000 };
    const result = await generate(tx, n - existing, existing, report);
    // one event for the whole run (the rows themselves are demo data, not audited one by one)
    await recordAudit(tx, { actor: SYSTEM, action: 'demo.population_generated', entityType: 'demo_population', entityId: existing + result.people, after: { requested: n, existing, ...result } });
    return { created: true, requested: n, existing, ...result, seconds: (Date.now() - started) / 1000 };
  });
}

interface Chunk {
  provinces: string[];
  people: number;
  pu: number;
}

async function generate(tx: Tx, count: number, base: number, report: (step: PopulationStep, done: number, total: number) => void) {
  report('prepare', 0, 1);
  const provinces = (await tx.selectFrom('regions').select('code').where('level', '=', 1).orderBy('code').execute()).map((r) => r.code);
  const plan = planProvinces(count, provinceWeights(readWorkforceCsv(), provinces)).filter((p) => p.people > 0);
  const wages = readMinimumWages();
  const fallbackWage = Math.round([...wages.values()].reduce((s, w) => s + w, 0) / wages.size);
  let g = base;
  const firstG = plan.map((p) => { const f = g + 1; g += p.people; return f; });

  // provinces in chunks of about a tenth of the run, for progress (a province is never split)
  const target = Math.max(10_000, Math.ceil(count / 10));
  const chunks: Chunk[] = [];
  for (const p of plan) {
    let c = chunks[chunks.length - 1];
    if (!c || c.people >= target) chunks.push(c = { provinces: [], people: 0, pu: 0 });
    c.provinces.push(p.code);
    c.people += p.people;
    c.pu += p.people - p.bpu;
  }

  await sql`SET LOCAL work_mem = '128MB'`.execute(tx);
  // the row estimates of generate_series are far off, and compiling every statement would cost more than running it
  await sql`SET LOCAL jit = off`.execute(tx);
  // joins on computed slot numbers are far better hashed than sorted (estimates of CTE rows are poor)
  await sql`SET LOCAL enable_mergejoin = off`.execute(tx);
  await sql`SELECT setseed(0.2026)`.execute(tx);
  await prepareReferenceTables(tx, plan, firstG, wages, fallbackWage, provinces);
  await stagePeople(tx);
  await stageEmployers(tx);
  await stagePeopleResolved(tx);
  report('prepare', 1, 1);

  const totals = { people: 0, BPU: 0, PU: 0, legacyKpjs: 0, employers: 0, employments: 0, wages: 0, familyMembers: 0 };
  const totalPu = plan.reduce((s, p) => s + p.people - p.bpu, 0);

  let done = 0;
  report('people', 0, count);
  for (const c of chunks) {
    totals.people += await insertPeople(tx, c.provinces);
    report('people', done += c.people, count);
  }
  await sql`CREATE INDEX ON pop_pid (g)`.execute(tx);
  await sql`CREATE INDEX ON pop_pid (person_id)`.execute(tx);
  await sql`ANALYZE pop_pid`.execute(tx);

  done = 0;
  report('participants', 0, count);
  for (const c of chunks) {
    const r = await insertParticipants(tx, c.provinces);
    totals.BPU += r.BPU;
    totals.PU += r.PU;
    totals.legacyKpjs += r.legacy;
    report('participants', done += c.people, count);
  }
  await sql`CREATE INDEX ON pop_part (person_id)`.execute(tx);
  await sql`ANALYZE pop_part`.execute(tx);

  done = 0;
  report('employers', 0, totalPu);
  for (const c of chunks) {
    totals.employers += await insertEmployers(tx, c.provinces);
    report('employers', done += c.pu, totalPu);
  }
  await sql`ANALYZE pop_emp_id`.execute(tx);

  done = 0;
  report('employments', 0, totalPu);
  for (const c of chunks) {
    const r = await insertEmployments(tx, c.provinces);
    totals.employments += r.employments;
    totals.wages += r.wages;
    report('employments', done += c.pu, totalPu);
  }

  await sql`
    CREATE TEMP TABLE pop_fam_serial ON COMMIT DROP AS
    SELECT substr(nik, 1, 12) AS prefix, max(substr(nik, 13, 4)::int) AS serial
    FROM family_members WHERE nik IS NOT NULL AND substr(nik, 13, 1) >= '5' GROUP BY 1`.execute(tx);
  done = 0;
  report('family', 0, count);
  for (const c of chunks) {
    totals.familyMembers += await insertFamily(tx, c.provinces);
    report('family', done += c.people, count);
  }

  report('duplicates', 0, 1);
  await refreshDuplicateCandidates(tx);
  report('duplicates', 1, 1);

  return {
    people: totals.people, participants: { BPU: totals.BPU, PU: totals.PU }, legacyKpjs: totals.legacyKpjs, employers: totals.employers,
    employments: totals.employments, wages: totals.wages, familyMembers: totals.familyMembers,
  };
}

/** Small temp tables with the plan, villages, name pools and the weight tables as slots. */
async function prepareReferenceTables(tx: Tx, plan: ProvincePlan[], firstG: number[], wages: Map<string, number>, fallbackWage: number, provinces: string[]) {
  await sql`
    CREATE TEMP TABLE pop_prov ON COMMIT DROP AS
    SELECT code, first_g::bigint, people::int, bpu::int, (people - bpu)::int AS pu, ump::bigint, 0 AS n_villages
    FROM unnest(${plan.map((p) => p.code)}::text[], ${firstG}::bigint[], ${plan.map((p) => p.people)}::int[], ${plan.map((p) => p.bpu)}::int[],
                ${plan.map((p) => wages.get(p.code) ?? fallbackWage)}::bigint[]) AS t(code, first_g, people, bpu, ump)`.execute(tx);

  // villages numbered 1..n within their province (in code order, so that neighbours share a regency)
  await sql`
    CREATE TEMP TABLE pop_village ON COMMIT DROP AS
    SELECT substr(v.code, 1, 2) AS province, row_number() OVER (PARTITION BY substr(v.code, 1, 2) ORDER BY v.code)::int AS idx,
           v.code, r.code AS regency, d.code AS district, (v.kind = 'urban_village' OR r.kind = 'city') AS urban,
           regexp_replace(r.name, '^(Kabupaten|Kota) ', '') AS regency_short, br.branch_id
    FROM regions v
    JOIN regions d ON d.code = v.parent_code
    JOIN regions r ON r.code = d.parent_code
    JOIN branch_regencies br ON br.regency_code = r.code
    WHERE v.level = 4`.execute(tx);
  await sql`CREATE INDEX ON pop_village (province, idx)`.execute(tx);
  await sql`UPDATE pop_prov p SET n_villages = (SELECT count(*) FROM pop_village v WHERE v.province = p.code)`.execute(tx);
  await sql`DELETE FROM pop_prov WHERE n_villages = 0`.execute(tx);

  // name pools: arrays kept in line (storage plain), so that picking a name is an array subscript
  const pools = (Object.entries(NAME_POOLS) as [PoolCode, (typeof NAME_POOLS)[PoolCode]][]).map(([code, p]) => ({
    pool: code,
    family_share: p.familyShare,
    second_share: p.secondGivenShare ?? 0,
    prefix_share: p.prefix?.share ?? 0,
    given_m: p.male,
    given_f: p.female,
    fam_m: Array.isArray(p.family) ? p.family : p.family.male,
    fam_f: Array.isArray(p.family) ? p.family : p.family.female,
    pre_m: p.prefix?.male ?? [],
    pre_f: p.prefix?.female ?? [],
  }));
  await sql`
    CREATE TEMP TABLE pop_pool (pool text PRIMARY KEY, family_share float8, second_share float8, prefix_share float8,
      given_m text[], given_f text[], fam_m text[], fam_f text[], pre_m text[], pre_f text[]) ON COMMIT DROP`.execute(tx);
  for (const col of ['given_m', 'given_f', 'fam_m', 'fam_f', 'pre_m', 'pre_f']) {
    await sql`ALTER TABLE pop_pool ALTER COLUMN ${sql.ref(col)} SET STORAGE PLAIN`.execute(tx);
  }
  const arr = (key: string) => sql.raw(`ARRAY(SELECT jsonb_array_elements_text(j->'${key}'))`);
  await sql`
    INSERT INTO pop_pool
    SELECT j->>'pool', (j->>'family_share')::float8, (j->>'second_share')::float8, (j->>'prefix_share')::float8,
           ${arr('given_m')}, ${arr('given_f')}, ${arr('fam_m')}, ${arr('fam_f')}, ${arr('pre_m')}, ${arr('pre_f')}
    FROM jsonb_array_elements(${JSON.stringify(pools)}::jsonb) AS j`.execute(tx);

  await sql`
    CREATE TEMP TABLE pop_lists (streets text[], hamlets text[], vulnerable text[], operators text[]) ON COMMIT DROP`.execute(tx);
  for (const col of ['streets', 'hamlets', 'vulnerable', 'operators']) await sql`ALTER TABLE pop_lists ALTER COLUMN ${sql.ref(col)} SET STORAGE PLAIN`.execute(tx);
  await sql`
    INSERT INTO pop_lists VALUES (${STREETS}::text[], ${HAMLETS}::text[],
      ${['pendapatan tidak tetap', 'pendapatan tidak tetap', 'pendapatan tidak tetap', 'penyandang disabilitas', 'orang tua tunggal', 'penerima bantuan sosial (PKH)', 'pekerja lanjut usia']}::text[],
      ${['11', '12', '13', '21', '22', '23', '51', '52', '53', '14', '15', '16', '55', '56', '57', '58', '17', '18', '19', '59', '77', '78', '31', '32', '33', '38', '95', '96', '97', '98', '99', '81', '82', '83', '85', '87', '88']}::text[])`.execute(tx);

  const sectors = SECTORS.map((s) => ({ sector: s.label, risk: s.riskClass, li: s.laborIntensive, words: s.words, small_form: s.smallForm ?? null }));
  await sql`
    CREATE TEMP TABLE pop_sector ON COMMIT DROP AS
    SELECT j->>'sector' AS sector, (j->>'risk')::smallint AS risk, (j->>'li')::boolean AS li,
           ARRAY(SELECT jsonb_array_elements_text(j->'words')) AS words, j->>'small_form' AS small_form
    FROM jsonb_array_elements(${JSON.stringify(sectors)}::jsonb) AS j`.execute(tx);

  // weights as slots: (key columns…, value, lo, hi) expanded to one row per slot
  const poolRows: [string, string, number, number][] = [];
  const bpuRows: [string, boolean, string, string, number, number][] = [];
  const sectorRows: [string, string, string, number, number][] = [];
  for (const code of provinces) {
    for (const s of toSlots(PROVINCE_POOLS[code] ?? NATIONAL_POOLS)) poolRows.push([code, s.key, s.lo, s.hi]);
    for (const urban of [false, true]) {
      for (const sex of ['M', 'F'] as const) for (const s of toSlots(informalOccupationWeights(code, urban, sex))) bpuRows.push([code, urban, sex, s.key, s.lo, s.hi]);
    }
    for (const size of ['micro', 'small', 'medium', 'large'] as const) for (const s of toSlots(sectorWeights(code, size))) sectorRows.push([code, size, s.key, s.lo, s.hi]);
  }
  const sectorOccRows: [string, string, string, number, number][] = [];
  for (const sector of SECTORS) for (const sex of ['M', 'F'] as const) for (const s of toSlots(sectorOccupationWeights(sector, sex))) sectorOccRows.push([sector.label, sex, s.key, s.lo, s.hi]);
  const col = <T>(rows: unknown[][], i: number) => rows.map((r) => r[i]) as T[];

  await sql`
    CREATE TEMP TABLE pop_pool_slot ON COMMIT DROP AS
    SELECT t.province, t.pool, s AS slot FROM unnest(${col(poolRows, 0)}::text[], ${col(poolRows, 1)}::text[], ${col(poolRows, 2)}::int[], ${col(poolRows, 3)}::int[]) AS t(province, pool, lo, hi),
      generate_series(t.lo, t.hi - 1) AS s`.execute(tx);
  await sql`
    CREATE TEMP TABLE pop_bpu_occ ON COMMIT DROP AS
    SELECT t.province, t.urban, t.sex, o.code AS occupation, s AS slot
    FROM unnest(${col(bpuRows, 0)}::text[], ${col(bpuRows, 1)}::boolean[], ${col(bpuRows, 2)}::text[], ${col(bpuRows, 3)}::text[], ${col(bpuRows, 4)}::int[], ${col(bpuRows, 5)}::int[])
      AS t(province, urban, sex, occupation, lo, hi)
    JOIN occupations o ON o.code = t.occupation, generate_series(t.lo, t.hi - 1) AS s`.execute(tx);
  await sql`
    CREATE TEMP TABLE pop_sector_slot ON COMMIT DROP AS
    SELECT t.province, t.size_class, t.sector, s AS slot
    FROM unnest(${col(sectorRows, 0)}::text[], ${col(sectorRows, 1)}::text[], ${col(sectorRows, 2)}::text[], ${col(sectorRows, 3)}::int[], ${col(sectorRows, 4)}::int[])
      AS t(province, size_class, sector, lo, hi), generate_series(t.lo, t.hi - 1) AS s`.execute(tx);
  await sql`
    CREATE TEMP TABLE pop_sector_occ ON COMMIT DROP AS
    SELECT t.sector, t.sex, o.code AS occupation, s AS slot
    FROM unnest(${col(sectorOccRows, 0)}::text[], ${col(sectorOccRows, 1)}::text[], ${col(sectorOccRows, 2)}::text[], ${col(sectorOccRows, 3)}::int[], ${col(sectorOccRows, 4)}::int[])
      AS t(sector, sex, occupation, lo, hi)
    JOIN occupations o ON o.code = t.occupation, generate_series(t.lo, t.hi - 1) AS s`.execute(tx);
  for (const t of ['pop_prov', 'pop_village', 'pop_pool', 'pop_lists', 'pop_sector', 'pop_pool_slot', 'pop_bpu_occ', 'pop_sector_slot', 'pop_sector_occ']) {
    await sql`ANALYZE ${sql.table(t)}`.execute(tx);
  }
}

/**
 * Stage A: one row per new person with the draws that make them: village, sex, age, name, phone.
 * Every 250th person heads a household whose next three members registered with the same phone, in the
 * same village and under the same family name; every 1000th person is registered twice, with a second
 * NIK from another village (the same name and birth date: what the duplicate review looks for).
 */
async function stagePeople(tx: Tx) {
  await sql.raw(`
    CREATE TEMP TABLE pop_a ON COMMIT DROP AS
    SELECT g, p.code AS province, (g - p.first_g)::int AS k,
           CASE WHEN g - p.first_g < p.bpu THEN 'BPU' ELSE 'PU' END AS segment,
           1 + floor(random() * p.n_villages)::int AS village_idx,
           CASE WHEN random() < 0.5 THEN 'M' ELSE 'F' END AS sex,
           random() AS r_age, floor(random() * ${SLOTS})::int AS pool_slot,
           ${randoms(NAME_RANDOMS)},
           random() < 0.8 AS has_phone, g AS phone_g
    FROM pop_prov p, generate_series(p.first_g, p.first_g + p.people - 1) AS g`).execute(tx);
  await sql`
    UPDATE pop_a m SET village_idx = h.village_idx, pool_slot = h.pool_slot, r_fam_on = h.r_fam_on, r_fam = h.r_fam, has_phone = true, phone_g = h.g
    FROM pop_a h
    WHERE m.k % 250 IN (1, 2, 3) AND h.province = m.province AND h.k = m.k - m.k % 250`.execute(tx);
  await sql`UPDATE pop_a SET has_phone = true WHERE k % 250 = 0`.execute(tx);
  await sql`
    UPDATE pop_a m SET sex = d.sex, r_age = d.r_age, pool_slot = d.pool_slot, r_pre_on = d.r_pre_on, r_pre = d.r_pre, r_given = d.r_given,
      r_g2_on = d.r_g2_on, r_g2 = d.r_g2, r_fam_on = d.r_fam_on, r_fam = d.r_fam
    FROM pop_a d
    WHERE m.k % 1000 = 500 AND d.province = m.province AND d.k = m.k - 1`.execute(tx);
  await sql`ANALYZE pop_a`.execute(tx);
}

/** Positions of PU workers within their province, in village order: an employer's workers live close together. */
const PU_POSITIONS = `
  SELECT a.*, row_number() OVER (PARTITION BY a.province ORDER BY a.village_idx, a.g)::int - 1 AS k_pu
  FROM pop_a a WHERE a.segment = 'PU'`;

/**
 * Employers: per province, draw sizes (72% micro 1–4, 22% small 5–19, 5% medium 20–99, 1% large from
 * 100, Pareto-tailed up to thousands) until the province's PU workers are used up; the last one takes
 * what is left. Each employer sits in the village of its first worker.
 */
async function stageEmployers(tx: Tx) {
  await sql.raw(`
    CREATE TEMP TABLE pop_emp ON COMMIT DROP AS
    WITH cand AS MATERIALIZED (
      SELECT p.code AS province, e AS e_idx,
             CASE WHEN r_class < 0.72 THEN 1 + floor(r_size * 4)
                  WHEN r_class < 0.94 THEN 5 + floor(power(r_size, 1.5) * 15)
                  WHEN r_class < 0.99 THEN 20 + floor(power(r_size, 2) * 80)
                  ELSE least(20000, floor(100 * power(1 - r_size, -1 / 1.6))) END::int AS drawn
      FROM pop_prov p, LATERAL (SELECT e, random() AS r_class, random() AS r_size FROM generate_series(1, p.pu) AS e) AS x
    ), ranged AS (
      SELECT c.*, (sum(c.drawn) OVER (PARTITION BY c.province ORDER BY c.e_idx) - c.drawn)::int AS start FROM cand c
    ), kept AS MATERIALIZED (
      SELECT r.province, r.e_idx, r.start, least(r.drawn, p.pu - r.start) AS size,
             random() AS r_sector, random() AS r_form, random() AS r_w1, random() AS r_w2, random() AS r_w3, random() AS r_li, random() AS r_addr,
             nextval('npp_seq') AS npp_seq
      FROM ranged r JOIN pop_prov p ON p.code = r.province
      WHERE r.start < p.pu
      ORDER BY r.province, r.e_idx
    ), sized AS (
      SELECT k.*, CASE WHEN size < 5 THEN 'micro' WHEN size < 20 THEN 'small' WHEN size < 100 THEN 'medium' ELSE 'large' END AS size_class
      FROM kept k
    )
    SELECT s.province, s.e_idx, s.start, s.size, s.size_class, ss.sector, sec.risk, sec.words, sec.small_form,
           sec.li AND s.size >= 50 AND s.r_li < 0.5 AS labor_intensive,
           s.r_form, s.r_w1, s.r_w2, s.r_w3, s.r_addr,
           '9' || lpad(s.npp_seq::text, 6, '0') AS npp_body,
           v.code AS village, v.regency, v.regency_short, v.branch_id
    FROM sized s
    JOIN pop_sector_slot ss ON ss.province = s.province AND ss.size_class = s.size_class AND ss.slot = floor(s.r_sector * ${SLOTS})::int
    JOIN pop_sector sec ON sec.sector = ss.sector
    JOIN (${PU_POSITIONS}) w ON w.province = s.province AND w.k_pu = s.start
    JOIN pop_village v ON v.province = w.province AND v.idx = w.village_idx`).execute(tx);
  await sql`CREATE INDEX ON pop_emp (province)`.execute(tx);
  // one row per worker position: (province, k_pu) → employer
  await sql`
    CREATE TEMP TABLE pop_emp_pos ON COMMIT DROP AS
    SELECT e.province, k AS k_pu, e.e_idx, e.size_class, e.sector, e.start
    FROM pop_emp e, generate_series(e.start, e.start + e.size - 1) AS k`.execute(tx);
  await sql`ANALYZE pop_emp`.execute(tx);
  await sql`ANALYZE pop_emp_pos`.execute(tx);
}

/**
 * Stage B: each person resolved: village, name, NIK (serial per district, birth date and sex, after any
 * serial already used), phone, address, occupation, and for BPU their income, programmes and status,
 * for PU their employer, contract, start date and wage.
 */
async function stagePeopleResolved(tx: Tx) {
  const person = nameParts('pp', 'a', 'a.sex');
  const thisYearWage = `p.ump * power(${1 + YEARLY_WAGE_RISE}, extract(year FROM current_date) - ${MINIMUM_WAGE_YEAR})`;
  await sql.raw(`
    CREATE TEMP TABLE pop_b ON COMMIT DROP AS
    WITH x AS (
      SELECT a.g, a.province, a.k, a.segment, a.sex, a.has_phone, a.phone_g, v.code AS village, v.regency, v.district, v.urban, pp.pool,
             pp.family_share >= 0.9 AS patrilineal,
             ${fullName(person)} AS full_name, ${person.family} AS family_name,
             (current_date - interval '18 years')::date
               - floor(power(a.r_age, 1.15) * (CASE WHEN a.segment = 'PU' THEN 39 ELSE 43 END) * 365.25)::int AS birth_date,
             w.k_pu, e.e_idx, e.size_class, e.sector, p.ump, ${thisYearWage} AS ump_now,
             random() AS r_occ, random() AS r_vuln, random() AS r_reason, random() AS r_status, random() AS r_income, random() AS r_income2,
             random() AS r_jht, random() AS r_reg, random() AS r_start, random() AS r_contract, random() AS r_wage, random() AS r_wage2,
             random() AS r_exact, random() AS r_boss, random() AS r_legacy, random() AS r_addr, random() AS r_addr2, random() AS r_rt
      FROM pop_a a
      JOIN pop_prov p ON p.code = a.province
      JOIN pop_village v ON v.province = a.province AND v.idx = a.village_idx
      JOIN pop_pool_slot ps ON ps.province = a.province AND ps.slot = a.pool_slot
      JOIN pop_pool pp ON pp.pool = ps.pool
      LEFT JOIN (SELECT g, k_pu FROM (${PU_POSITIONS}) q) w ON w.g = a.g
      LEFT JOIN pop_emp_pos e ON e.province = a.province AND e.k_pu = w.k_pu
    ), y AS (
      SELECT x.*, ${nikSql('x.district', 'x.birth_date', 'x.sex', '0')} AS nik_prefix12,
             CASE WHEN x.segment = 'BPU' THEN
               CASE WHEN x.r_status < 0.72 THEN 'active' WHEN x.r_status < 0.86 THEN 'arrears' WHEN x.r_status < 0.94 THEN 'lapsed' ELSE 'pending' END
             ELSE 'active' END AS status
      FROM x
    ), z AS (
      SELECT y.*, substr(y.nik_prefix12, 1, 12) AS prefix,
             -- PU: started 1–15 years ago (recent starts more common), never before 18
             CASE WHEN y.segment = 'PU' THEN
               (SELECT hi - floor(power(y.r_start, 1.6) * greatest(hi - lo, 0))::int
                FROM (SELECT greatest((y.birth_date + interval '18 years')::date, (current_date - interval '15 years')::date) AS lo,
                             CASE WHEN (y.birth_date + interval '18 years')::date <= current_date - 365 THEN current_date - 365 ELSE current_date - 1 END AS hi) AS b)
             END AS start_date
      FROM y
    )
    SELECT z.g, z.province, z.k, z.segment, z.sex, z.birth_date, z.village, z.regency, z.district, z.urban, z.pool, z.patrilineal,
           z.full_name, z.family_name, z.e_idx, z.size_class, z.sector, z.status, z.start_date,
           ${nikSql('z.district', 'z.birth_date', 'z.sex', `coalesce(ex.serial, 0) + row_number() OVER (PARTITION BY z.prefix COLLATE "C" ORDER BY z.g)`)} AS nik,
           CASE WHEN z.has_phone THEN '+628' || (SELECT operators FROM pop_lists)[(1 + z.phone_g % cardinality((SELECT operators FROM pop_lists)))::int] || lpad(((z.phone_g * 48271 + 7777) % 100000000)::text, 8, '0') END AS phone,
           CASE WHEN z.urban THEN 'Jl. ' || (SELECT streets FROM pop_lists)[1 + floor(z.r_addr * cardinality((SELECT streets FROM pop_lists)))::int] || ' No. ' || (1 + floor(z.r_addr2 * 180))::int
                ELSE 'Dusun ' || (SELECT hamlets FROM pop_lists)[1 + floor(z.r_addr * cardinality((SELECT hamlets FROM pop_lists)))::int] END
             || ', RT ' || lpad((1 + floor(z.r_rt * 12))::int::text, 3, '0') || '/RW ' || lpad((1 + floor(z.r_addr2 * 8))::int::text, 3, '0') AS address,
           coalesce(CASE WHEN z.segment = 'BPU' THEN bo.occupation ELSE so.occupation END, 'other') AS occupation,
           CASE WHEN z.r_vuln < CASE WHEN z.segment = 'BPU' THEN 0.06 ELSE 0.005 END THEN (SELECT vulnerable FROM pop_lists)[1 + floor(z.r_reason * (cardinality((SELECT vulnerable FROM pop_lists))
                  - CASE WHEN z.birth_date > current_date - interval '50 years' THEN 1 ELSE 0 END))::int] END AS vulnerable_reason, -- the last reason, age, from 50
           -- BPU: declared income, weighted to Rp1–3 juta, higher where wages are higher; never below Rp1 juta
           CASE WHEN z.segment = 'BPU' THEN greatest(1000000, CASE WHEN z.r_income < 0.3 THEN 1000000
             ELSE round((CASE WHEN z.r_income < 0.85 THEN 1000000 + z.r_income2 * 2000000 WHEN z.r_income < 0.97 THEN 3000000 + z.r_income2 * 3000000
                              ELSE 6000000 + z.r_income2 * 9000000 END) * least(1.6, greatest(0.85, z.ump / 2900000.0)) / 100000) * 100000 END)::bigint
           END AS declared_income,
           CASE WHEN z.segment = 'BPU' THEN CASE WHEN z.r_jht < 0.2 THEN ARRAY['JKK', 'JKM', 'JHT'] ELSE ARRAY['JKK', 'JKM'] END
                WHEN z.size_class = 'micro' THEN ARRAY['JKK', 'JKM', 'JHT'] ELSE ARRAY['JKK', 'JKM', 'JHT', 'JP', 'JKP'] END AS programs,
           CASE WHEN z.segment = 'PU' THEN z.start_date + make_interval(hours => 8, secs => floor(z.r_reg * 32400)::int)
                WHEN z.status = 'pending' THEN current_date - floor(z.r_reg * 60)::int + make_interval(hours => 8, secs => floor(z.r_start * 32400)::int)
                ELSE greatest((z.birth_date + interval '18 years')::date, current_date - floor(z.r_reg * 5 * 365)::int) + make_interval(hours => 8, secs => floor(z.r_start * 32400)::int)
           END AS registered_at,
           CASE WHEN z.segment = 'PU' THEN CASE WHEN z.r_contract < CASE z.size_class WHEN 'micro' THEN 0.4 WHEN 'small' THEN 0.55 WHEN 'medium' THEN 0.65 ELSE 0.7 END THEN 'PKWTT' ELSE 'PKWT' END END AS contract_type,
           -- PU: this year's wage, around the provincial minimum (micro businesses often below it), higher in bigger firms and for a few
           CASE WHEN z.segment = 'PU' THEN greatest(500000, CASE
             WHEN z.r_exact < CASE z.size_class WHEN 'micro' THEN 0.15 WHEN 'small' THEN 0.3 WHEN 'medium' THEN 0.2 ELSE 0.1 END THEN round(z.ump_now)
             ELSE round(z.ump_now
               * CASE z.size_class WHEN 'micro' THEN 0.7 + 0.4 * z.r_wage WHEN 'small' THEN 0.95 + 0.35 * z.r_wage WHEN 'medium' THEN 1.0 + 0.6 * z.r_wage ELSE 1.05 + 1.15 * z.r_wage END
               * CASE so.occupation WHEN 'office_worker' THEN 1.3 WHEN 'nurse' THEN 1.2 WHEN 'driver' THEN 1.05 ELSE 1 END
               * CASE WHEN z.r_boss < 0.05 THEN 1.5 + 2.5 * z.r_wage2 ELSE 1 END / 50000) * 50000 END)::bigint
           END AS wage_now,
           z.r_legacy, z.r_reg
    FROM z
    LEFT JOIN (SELECT substr(nik, 1, 12) AS prefix, max(substr(nik, 13, 4)::int) AS serial FROM people GROUP BY 1) ex ON ex.prefix = z.prefix
    LEFT JOIN pop_bpu_occ bo ON z.segment = 'BPU' AND bo.province = z.province AND bo.urban = z.urban AND bo.sex = z.sex AND bo.slot = floor(z.r_occ * ${SLOTS})::int
    LEFT JOIN pop_sector_occ so ON z.segment = 'PU' AND so.sector = z.sector AND so.sex = z.sex AND so.slot = floor(z.r_occ * ${SLOTS})::int`).execute(tx);
  await sql`CREATE INDEX ON pop_b (province)`.execute(tx);
  await sql`CREATE INDEX ON pop_b (g)`.execute(tx);
  await sql`ANALYZE pop_b`.execute(tx);
  await sql`CREATE TEMP TABLE pop_pid (g bigint, person_id bigint) ON COMMIT DROP`.execute(tx);
  await sql`CREATE TEMP TABLE pop_part (person_id bigint, participant_id bigint) ON COMMIT DROP`.execute(tx);
  await sql`CREATE TEMP TABLE pop_emp_id (province text, e_idx int, employer_id bigint, PRIMARY KEY (province, e_idx)) ON COMMIT DROP`.execute(tx);
}

const count = (r: { numAffectedRows?: bigint }) => Number(r.numAffectedRows ?? 0n);

async function insertPeople(tx: Tx, provinces: string[]): Promise<number> {
  const r = await sql`
    WITH ins AS (
      INSERT INTO people (nik, full_name, search_name, birth_date, sex, phone, village_code, regency_code, address, occupation_code,
                          vulnerable, vulnerable_reason, created_at, updated_at)
      SELECT b.nik, b.full_name, ${sql.raw(searchNameSql('b.full_name'))}, b.birth_date, b.sex, b.phone, b.village, b.regency, b.address, b.occupation,
             b.vulnerable_reason IS NOT NULL, b.vulnerable_reason, b.registered_at, b.registered_at
      FROM pop_b b WHERE b.province = ANY(${provinces}::text[])
      ORDER BY b.g
      RETURNING id, nik
    )
    INSERT INTO pop_pid (g, person_id) SELECT b.g, ins.id FROM ins JOIN pop_b b ON b.nik = ins.nik AND b.province = ANY(${provinces}::text[])`.execute(tx);
  return count(r);
}

/** KPJ numbers (Lindung's, computed with their Luhn digit in SQL), participations and their first status; ~1% of PU workers also carry an old KPJ. */
async function insertParticipants(tx: Tx, provinces: string[]) {
  const legacy = await sql`
    INSERT INTO kpj_numbers (kpj, person_id, source, issued_at)
    SELECT (b.g % 9)::text || lpad(((b.g * 7654321 + 1234567) % 10000000000)::text, 10, '0'), pid.person_id, 'legacy',
           b.start_date - make_interval(days => 400 + floor(b.r_reg * 3000)::int)
    FROM pop_b b JOIN pop_pid pid ON pid.g = b.g
    WHERE b.province = ANY(${provinces}::text[]) AND b.segment = 'PU' AND b.r_legacy < 0.01
    ON CONFLICT (kpj) DO NOTHING`.execute(tx);
  const reason = sql.raw(`CASE p.status
      WHEN 'pending' THEN 'imported (demo population); first contribution not yet paid'
      WHEN 'arrears' THEN 'imported (demo population); contributions overdue'
      WHEN 'lapsed' THEN 'imported (demo population); lapsed after months unpaid'
      ELSE CASE p.segment WHEN 'PU' THEN 'imported (demo population); reported by employer' ELSE 'imported (demo population)' END END`);
  // one statement: the KPJ (lindung_kpj, as in workforce uploads), the participation on it, its first status
  await sql`
    WITH src AS MATERIALIZED (
      SELECT lindung_kpj(s.seq) AS kpj, s.*
      FROM (SELECT nextval('kpj_seq') AS seq, pid.person_id, b.segment, b.programs, b.status, b.declared_income, b.registered_at
            FROM pop_b b JOIN pop_pid pid ON pid.g = b.g WHERE b.province = ANY(${provinces}::text[]) ORDER BY b.g) AS s
    ), k AS (
      INSERT INTO kpj_numbers (kpj, person_id, source, issued_at) SELECT kpj, person_id, 'lindung', registered_at FROM src
    ), p AS (
      INSERT INTO participants (person_id, kpj, segment, programs, status, declared_income, registered_via, registered_at)
      SELECT person_id, kpj, segment, programs, status, declared_income, 'import', registered_at FROM src
      RETURNING id, person_id, segment, status, registered_at
    ), h AS (
      INSERT INTO participant_status_history (participant_id, person_id, status, reason, at)
      SELECT p.id, p.person_id, p.status, ${reason}, p.registered_at FROM p
    )
    INSERT INTO pop_part (person_id, participant_id) SELECT person_id, id FROM p WHERE segment = 'PU'`.execute(tx);
  const { rows } = await sql<{ bpu: number; pu: number }>`
    SELECT count(*) FILTER (WHERE b.segment = 'BPU')::int AS bpu, count(*) FILTER (WHERE b.segment = 'PU')::int AS pu
    FROM pop_b b WHERE b.province = ANY(${provinces}::text[])`.execute(tx);
  return { BPU: rows[0]!.bpu, PU: rows[0]!.pu, legacy: count(legacy) };
}

/** Employers with an NPP ('9' + 6-digit sequence + Luhn digit), a name that sounds like their trade, and their branch. */
async function insertEmployers(tx: Tx, provinces: string[]): Promise<number> {
  const pick = (arr: string, r: string) => `${arr}[1 + floor(${r} * cardinality(${arr}))::int]`;
  const wordsA = ['Sumber', 'Cahaya', 'Sinar', 'Karya', 'Mitra', 'Bintang', 'Berkah', 'Surya', 'Putra', 'Anugerah', 'Mega', 'Tunas', 'Citra', 'Bina',
    'Harapan', 'Panca', 'Dwi', 'Tri', 'Eka', 'Bumi', 'Nusa', 'Samudra', 'Graha', 'Indo', 'Sentral', 'Mulia', 'Duta', 'Jaya'];
  const wordsB = ['Makmur', 'Jaya', 'Abadi', 'Sentosa', 'Sejahtera', 'Mandiri', 'Bersama', 'Mulia', 'Indah', 'Utama', 'Lestari', 'Perkasa', 'Prima',
    'Agung', 'Sakti', 'Baru', 'Kencana', 'Permai', 'Gemilang', 'Nusantara', 'Raya', 'Persada', 'Santosa', 'Lancar'];
  const name = `
    CASE
      WHEN e.sector = 'Pendidikan' THEN 'Yayasan Pendidikan ' || ${pick('w.a', 'e.r_w1')} || ' ' || ${pick('w.b', 'e.r_w2')}
      WHEN e.size_class = 'micro' THEN
        CASE WHEN e.small_form IS NOT NULL AND e.r_form < 0.4 THEN e.small_form || ' ' || ${pick('w.a', 'e.r_w1')} || ' ' || ${pick('w.b', 'e.r_w2')}
             WHEN e.r_form < 0.75 THEN 'UD ' || ${pick('w.a', 'e.r_w1')} || ' ' || ${pick('w.b', 'e.r_w2')}
             ELSE 'CV ' || ${pick('w.a', 'e.r_w1')} || ' ' || ${pick('w.b', 'e.r_w2')} END
      WHEN e.size_class = 'small' THEN
        CASE WHEN e.r_form < 0.55 THEN 'CV ' ELSE 'PT ' END || ${pick('w.a', 'e.r_w1')} || ' ' || ${pick('w.b', 'e.r_w2')}
          || CASE WHEN e.r_w3 < 0.4 THEN ' ' || ${pick('e.words', 'e.r_w3 / 0.4')} ELSE '' END
      ELSE 'PT ' || CASE WHEN e.r_form < 0.2 THEN e.regency_short || ' ' ELSE '' END || ${pick('w.a', 'e.r_w1')} || ' '
          || CASE WHEN e.r_w3 < 0.6 THEN ${pick('e.words', 'e.r_w3 / 0.6')} ELSE ${pick('w.b', 'e.r_w2')} END
          || CASE WHEN e.size_class = 'large' AND e.r_w2 < 0.08 THEN ' Tbk' ELSE '' END
    END`;
  const r = await sql`
    WITH src AS (
      SELECT e.province, e.e_idx, e.npp_body || ${luhnSql('e.npp_body', 7)} AS npp, ${sql.raw(name)} AS legal_name, e.sector, e.risk, e.size_class,
             'Jl. ' || ${sql.raw(pick('(SELECT streets FROM pop_lists)', 'e.r_addr'))} || ' No. ' || (1 + floor(e.r_w2 * 250))::int
               || CASE WHEN e.size_class IN ('medium', 'large') AND e.sector LIKE 'Industri%' AND e.r_w1 < 0.3 THEN ', Kawasan Industri ' || e.regency_short ELSE '' END AS address,
             e.village, e.regency, e.branch_id, e.labor_intensive, first.since
      FROM pop_emp e CROSS JOIN (SELECT ${wordsA}::text[] AS a, ${wordsB}::text[] AS b) AS w
      LEFT JOIN (SELECT b.province, b.e_idx, min(b.registered_at) AS since FROM pop_b b
                 WHERE b.province = ANY(${provinces}::text[]) AND b.segment = 'PU' GROUP BY 1, 2) AS first
        ON first.province = e.province AND first.e_idx = e.e_idx
      WHERE e.province = ANY(${provinces}::text[])
    ), ins AS (
      INSERT INTO employers (npp, legal_name, search_name, sector, risk_class, size_class, address, village_code, regency_code, branch_id, labor_intensive, created_at, updated_at)
      SELECT npp, legal_name, ${sql.raw(searchNameSql('legal_name'))}, sector, risk, size_class, address, village, regency, branch_id, labor_intensive,
             coalesce(since, now()), coalesce(since, now())
      FROM src ORDER BY province, e_idx
      RETURNING id, npp
    )
    INSERT INTO pop_emp_id (province, e_idx, employer_id) SELECT src.province, src.e_idx, ins.id FROM ins JOIN src ON src.npp = ins.npp`.execute(tx);
  return count(r);
}

/**
 * Open employments of the PU workers and their wage history: a row for the month they started, then
 * one each January (the yearly minimum-wage rise), the last three kept; earlier wages are today's
 * wage less 6.5% a year.
 */
async function insertEmployments(tx: Tx, provinces: string[]) {
  const r = await sql`
    WITH ins AS (
      INSERT INTO employments (employer_id, person_id, participant_id, employee_ref, contract_type, start_date, created_at, updated_at)
      SELECT ei.employer_id, pid.person_id, pp.participant_id,
             'K' || lpad(row_number() OVER (PARTITION BY ei.employer_id ORDER BY b.start_date, b.g)::text, 5, '0'),
             b.contract_type, b.start_date, b.registered_at, b.registered_at
      FROM pop_b b
      JOIN pop_pid pid ON pid.g = b.g
      JOIN pop_part pp ON pp.person_id = pid.person_id
      JOIN pop_emp_id ei ON ei.province = b.province AND ei.e_idx = b.e_idx
      WHERE b.province = ANY(${provinces}::text[]) AND b.segment = 'PU'
      RETURNING id, employer_id, person_id, start_date
    )
    INSERT INTO wages (employment_id, employer_id, effective_month, wage, created_at)
    SELECT ins.id, ins.employer_id, m.month,
           CASE WHEN extract(year FROM m.month) = extract(year FROM current_date) THEN b.wage_now
                ELSE (round(b.wage_now / power(${1 + YEARLY_WAGE_RISE}, extract(year FROM current_date) - extract(year FROM m.month)) / 1000) * 1000)::bigint END,
           m.month
    FROM ins
    JOIN pop_pid pid ON pid.person_id = ins.person_id
    JOIN pop_b b ON b.g = pid.g
    CROSS JOIN LATERAL (
      SELECT (date_trunc('year', current_date) - make_interval(years => y))::date AS month
      FROM generate_series(0, 2) AS y
      WHERE (date_trunc('year', current_date) - make_interval(years => y))::date > date_trunc('month', ins.start_date)::date
      UNION ALL
      SELECT date_trunc('month', ins.start_date)::date
      WHERE (date_trunc('year', current_date) - interval '2 years')::date <= date_trunc('month', ins.start_date)::date
    ) AS m`.execute(tx);
  const { rows } = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM pop_b b WHERE b.province = ANY(${provinces}::text[]) AND b.segment = 'PU'`.execute(tx);
  return { employments: rows[0]!.n, wages: count(r) };
}

/**
 * Heirs: a spouse for about 60% (more with age), 0–3 children born after the person turned 20, and
 * for some younger people their parents. Each has a NIK of the person's district, serial from 5000.
 */
async function insertFamily(tx: Tx, provinces: string[]): Promise<number> {
  if (!provinces.every((p) => /^\d{2}$/.test(p))) throw new Error('insertFamily: province codes are two digits');
  const member = nameParts('pp', 'f', 'f.sex');
  // children of a father in a marga tradition carry his family name
  const childFamily = `CASE WHEN f.relation = 'child' AND f.patrilineal AND f.parent_sex = 'M' THEN f.family_name ELSE ${member.family} END`;
  const famSql = `
    WITH base AS MATERIALIZED (
      SELECT pid.person_id, b.sex, b.birth_date, b.district, b.pool, b.patrilineal, b.family_name,
             extract(year FROM age(b.birth_date))::int AS age, random() AS r_spouse, random() AS r_kids, random() AS r_parents
      FROM pop_b b JOIN pop_pid pid ON pid.g = b.g
      WHERE b.province IN (${provinces.map((p) => `'${p}'`).join(', ')})
    ), plan AS (
      SELECT base.*,
             base.r_spouse < CASE WHEN age < 25 THEN 0.25 WHEN age < 30 THEN 0.55 WHEN age < 40 THEN 0.75 ELSE 0.82 END AS married,
             CASE WHEN age < 21 THEN 0 ELSE least(3, floor(r_kids * 4)::int, (age - 20) / 3) END AS kids_if_married,
             CASE WHEN age < 35 AND r_parents < 0.3 THEN CASE WHEN r_parents < 0.18 THEN 2 ELSE 1 END ELSE 0 END AS parents
      FROM base
    ), members AS (
      SELECT person_id, 'spouse' AS relation, CASE WHEN sex = 'M' THEN 'F' ELSE 'M' END AS sex,
             CASE WHEN sex = 'M' THEN least(birth_date + floor(random() * 8 * 365)::int, (current_date - interval '18 years')::date)
                  ELSE birth_date - floor(random() * 8 * 365)::int END AS birth_date,
             true AS married, random() < 0.55 AS working, random() < 0.02 AS deceased,
             district, pool, patrilineal, family_name, sex AS parent_sex
      FROM plan WHERE married
      UNION ALL
      SELECT person_id, 'child', CASE WHEN random() < 0.5 THEN 'M' ELSE 'F' END,
             (birth_date + interval '20 years')::date + floor(random() * (current_date - (birth_date + interval '20 years')::date))::int,
             false, false, false, district, pool, patrilineal, family_name, sex
      FROM plan, generate_series(1, CASE WHEN married THEN kids_if_married WHEN age >= 21 AND r_kids < 0.12 THEN 1 ELSE 0 END) AS c
      UNION ALL
      SELECT person_id, 'parent', CASE WHEN i = 1 THEN 'F' ELSE 'M' END,
             (birth_date - make_interval(years => 20 + floor(random() * 15)::int + CASE WHEN i = 2 THEN floor(random() * 6)::int ELSE 0 END, days => floor(random() * 365)::int))::date,
             true, random() < 0.4, random() < CASE WHEN i = 1 THEN 0.1 ELSE 0.2 END, district, pool, patrilineal, family_name, sex
      FROM plan, generate_series(1, parents) AS i
    ), f AS (
      SELECT m.*, ${randoms(NAME_RANDOMS)} FROM members m
    ), named AS (
      SELECT f.person_id, f.relation, f.sex, f.birth_date, f.married, f.working, f.deceased, f.district,
             ${fullName(member, childFamily)} AS full_name,
             substr(${nikSql('f.district', 'f.birth_date', 'f.sex', '0')}, 1, 12) AS prefix
      FROM f JOIN pop_pool pp ON pp.pool = f.pool
    )
    INSERT INTO family_members (person_id, relation, full_name, nik, birth_date, sex, married, working, deceased)
    SELECT n.person_id, n.relation, n.full_name,
           n.prefix || lpad((greatest(coalesce(s.serial, 0), 4999) + row_number() OVER (PARTITION BY n.prefix COLLATE "C" ORDER BY n.person_id, n.relation, n.birth_date))::text, 4, '0'),
           n.birth_date, n.sex,
           CASE WHEN n.relation = 'child' THEN n.birth_date < current_date - interval '22 years' AND random() < 0.5 ELSE n.married END,
           CASE WHEN n.relation = 'child' THEN n.birth_date < current_date - interval '18 years' AND random() < 0.6 ELSE n.working END,
           n.deceased
    FROM named n LEFT JOIN pop_fam_serial s ON s.prefix = n.prefix`;
  const r = await sql.raw(famSql).execute(tx);
  return count(r);
}
