import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from '../../../test/support/db.ts';
import type { DatabaseHandle } from '../../platform/db.ts';
import { searchName } from '../regions/names.ts';
import { luhnCheckDigit, luhnSql, luhnValid } from './check-digits.ts';
import {
  apportion, informalOccupationWeights, NATIONAL_INFORMAL_SHARE, planProvinces, populationCounts, provinceWeights, readMinimumWages,
  readWorkforceCsv, seedPopulation, SLOTS, toSlots, type PopulationResult,
} from './demo-population.ts';
import { decodeNik } from './nik.ts';
import { NAME_POOLS } from './data/name-pools.ts';

const N = 2000;
let h: DatabaseHandle;
let first: PopulationResult;
const steps = new Set<string>();

before(async () => {
  h = await testDatabase();
  first = await seedPopulation(h.db, N, (step, done, total) => {
    steps.add(step);
    assert.ok(done >= 0 && done <= total, `${step}: ${done}/${total}`);
  });
});
after(() => h.close());

const rows = async <T>(q: ReturnType<typeof sql<T>>) => (await q.execute(h.db)).rows;

// --- pure logic ---------------------------------------------------------------------------------

test('province weights: employed from the data, Kalsel from its informal count, the rest of the national total to the provinces without a figure', () => {
  const csv = readWorkforceCsv();
  assert.equal(csv.length, 38);
  const w = provinceWeights(csv);
  const by = new Map(w.map((x) => [x.code, x]));
  assert.equal(by.get('33')!.employed, 20_861_393);
  assert.equal(by.get('33')!.employedSource, 'data');
  assert.equal(by.get('63')!.employedSource, 'informal_count');
  assert.equal(by.get('63')!.employed, Math.round(1_140_000 / 0.5356));
  const gap = ['76', '91', '93', '94', '95'].map((c) => by.get(c)!);
  assert.ok(gap.every((x) => x.employedSource === 'national_gap' && x.employed === gap[0]!.employed && x.employed > 100_000 && x.employed < 2_000_000));
  assert.equal(Math.round(w.reduce((s, x) => s + x.employed, 0) / 1000), 144_640, 'the provinces add up to the national total');
  assert.equal(by.get('53')!.informalShare, 73.32);
  assert.equal(by.get('31')!.informalShare, NATIONAL_INFORMAL_SHARE, 'DKI has no published share: the national one');
  assert.equal(readMinimumWages().get('31'), 5_396_761);
});

test('a plan: people proportional to employed, adding up to n; BPU by the informal share', () => {
  const plan = planProvinces(1_000_000, provinceWeights(readWorkforceCsv()));
  assert.equal(plan.reduce((s, p) => s + p.people, 0), 1_000_000);
  const by = new Map(plan.map((p) => [p.code, p]));
  assert.ok(by.get('32')!.people > 150_000 && by.get('32')!.people < 180_000, 'Jawa Barat holds about a sixth of the employed');
  const share = (c: string) => by.get(c)!.bpu / by.get(c)!.people;
  assert.ok(share('53') > share('31'), 'NTT is more informal than DKI Jakarta');
  assert.ok(share('21') < share('52'), 'Kepulauan Riau is less informal than NTB');
  assert.deepEqual(apportion(10, [1, 1, 1]), [4, 3, 3]);
  assert.deepEqual(apportion(5, [0, 0]), [0, 0]);
});

test('weights become slots that cover 0..SLOTS once; ojek drivers are town work, fishers coastal', () => {
  const slots = toSlots({ a: 1, b: 2, c: 0, d: 1 });
  assert.deepEqual(slots.map((s) => [s.key, s.lo, s.hi]), [['a', 0, 250], ['b', 250, 750], ['d', 750, SLOTS]]);
  const town = informalOccupationWeights('31', true, 'M');
  const village = informalOccupationWeights('33', false, 'M');
  assert.ok(town.online_ojek_driver! / sumOf(town) > 5 * (village.online_ojek_driver! / sumOf(village)));
  const malut = informalOccupationWeights('82', false, 'M');
  assert.ok(malut.fisher! / sumOf(malut) > 3 * (village.fisher! / sumOf(village)));
});

const sumOf = (w: Record<string, number>) => Object.values(w).reduce((s, v) => s + v, 0);

test('the Luhn digit in SQL is the one check-digits.ts computes', async () => {
  const bodies = ['9000000001', '9123456789', '9999999999', '9000000000', '9876543210'];
  const got = await rows(sql<{ d: number }>`SELECT ${luhnSql('b', 10)} AS d FROM unnest(${bodies}::text[]) WITH ORDINALITY AS t(b, i) ORDER BY i`);
  assert.deepEqual(got.map((r) => Number(r.d)), bodies.map(luhnCheckDigit));
});

// --- the generated population -------------------------------------------------------------------

test('about n participants: people, BPU and PU, employers, employments, wages and heirs', async () => {
  assert.equal(first.created, true);
  assert.equal(first.people, N);
  assert.equal(first.participants.BPU + first.participants.PU, N);
  assert.ok(first.participants.BPU > 0.5 * N && first.participants.BPU < 0.65 * N, `BPU ${first.participants.BPU}`);
  assert.ok(first.employers > 40 && first.employers < N / 5, `employers ${first.employers}`);
  assert.equal(first.employments, first.participants.PU);
  assert.ok(first.wages >= first.employments && first.wages <= 3 * first.employments);
  assert.ok(first.familyMembers > N, `family ${first.familyMembers}`);
  assert.deepEqual([...steps], ['Persiapan / preparing', 'Orang / people', 'Peserta / participants', 'Pemberi kerja / employers', 'Kerja+upah / jobs+wages', 'Ahli waris / heirs', 'Calon duplikat / duplicates']);
  const c = await populationCounts(h.db);
  assert.equal(c.people, N);
  assert.equal(c.family, first.familyMembers);
});

test('every NIK is valid and agrees with the village (district), birth date and sex of its person', async () => {
  const provinces = new Set((await rows(sql<{ code: string }>`SELECT code FROM regions WHERE level = 1`)).map((r) => r.code));
  const districts = new Set((await rows(sql<{ code: string }>`SELECT code FROM regions WHERE level = 3`)).map((r) => r.code));
  const ref = { isProvince: (c: string) => provinces.has(c), isDistrict: (c: string) => districts.has(c) };
  const people = await rows(sql<{ nik: string; birth_date: string; sex: 'M' | 'F'; village_code: string; regency_code: string; full_name: string; search_name: string; phone: string | null }>`
    SELECT nik, birth_date, sex, village_code, regency_code, full_name, search_name, phone FROM people`);
  assert.equal(people.length, N);
  const today = new Date();
  for (const p of people) {
    const d = decodeNik(p.nik, ref);
    assert.ok(d.valid && d.districtKnown, `${p.nik}: ${d.errors.join(',')}`);
    assert.equal(d.districtCode, p.village_code.split('.').slice(0, 3).join('.'), p.nik);
    assert.equal(d.birthDate, p.birth_date, p.nik);
    assert.equal(d.sex, p.sex, p.nik);
    assert.equal(p.regency_code, p.village_code.split('.').slice(0, 2).join('.'));
    assert.equal(p.search_name, searchName(p.full_name));
    const age = (today.getTime() - Date.parse(p.birth_date)) / (365.25 * 86400_000);
    assert.ok(age >= 18 && age < 61, `${p.nik} is ${age.toFixed(1)}`);
    if (p.phone) assert.match(p.phone, /^\+628\d{7,11}$/);
  }
  const withPhone = people.filter((p) => p.phone).length / N;
  assert.ok(withPhone > 0.75 && withPhone < 0.88, `with a phone: ${withPhone}`);
  assert.ok(new Set(people.map((p) => p.nik.slice(0, 2))).size >= 30, 'people in most provinces');
});

test('names differ by region: Balinese birth-order names in Bali, marga in North Sumatra, Papuan family names in Papua', async () => {
  const names = await rows(sql<{ prov: string; full_name: string }>`SELECT substr(regency_code, 1, 2) AS prov, full_name FROM people`);
  const familyOf = (...pools: (keyof typeof NAME_POOLS)[]) => new Set(pools.flatMap((p) => { const f = NAME_POOLS[p].family; return Array.isArray(f) ? f : [...f.male, ...f.female]; }));
  const share = (provs: string[], test: (name: string) => boolean) => {
    const here = names.filter((n) => provs.includes(n.prov));
    return here.filter((n) => test(n.full_name)).length / here.length;
  };
  const endsWithOneOf = (set: Set<string>) => (name: string) => [...set].some((f) => name.endsWith(` ${f}`));
  assert.ok(share(['51'], (n) => /^(I|Ni|Ida|Anak Agung) /.test(n)) > 0.6, 'Bali');
  assert.ok(share(['12'], endsWithOneOf(familyOf('batak'))) > 0.25, 'Sumatera Utara');
  assert.ok(share(['33'], endsWithOneOf(familyOf('batak'))) < 0.05, 'Jawa Tengah');
  assert.ok(share(['91', '92', '93', '94', '95', '96'], endsWithOneOf(familyOf('papuan', 'papuan_highland', 'papuan_south'))) > 0.35, 'Papua');
  assert.ok(names.every((n) => /^[A-Za-z .-]{2,120}$/.test(n.full_name)), 'plain ASCII names');
});

test('every Lindung KPJ passes the Luhn check; a few PU workers also have an old (legacy) KPJ', async () => {
  const kpjs = await rows(sql<{ kpj: string; source: string }>`SELECT kpj, source FROM kpj_numbers`);
  const lindung = kpjs.filter((k) => k.source === 'lindung');
  assert.equal(lindung.length, N);
  for (const k of lindung) {
    assert.match(k.kpj, /^9\d{10}$/);
    assert.ok(luhnValid(k.kpj), k.kpj);
  }
  const legacy = kpjs.filter((k) => k.source === 'legacy');
  assert.ok(legacy.every((k) => /^[0-8]\d{10}$/.test(k.kpj)));
  const [onPu] = await rows(sql<{ bad: number }>`
    SELECT count(*)::int AS bad FROM kpj_numbers k
    WHERE k.source = 'legacy' AND NOT EXISTS (SELECT 1 FROM participants p WHERE p.person_id = k.person_id AND p.segment = 'PU')`);
  assert.equal(onPu!.bad, 0);
  const [participantKpj] = await rows(sql<{ bad: number }>`
    SELECT count(*)::int AS bad FROM participants p JOIN kpj_numbers k ON k.kpj = p.kpj WHERE k.source <> 'lindung' OR k.person_id <> p.person_id`);
  assert.equal(participantKpj!.bad, 0);
});

test('participations: BPU incomes in whole Rp100,000 from Rp1 juta, programmes by segment and size, one status history row each', async () => {
  const bpu = await rows(sql<{ declared_income: number; programs: string[]; status: string; registered_via: string }>`
    SELECT declared_income, programs, status, registered_via FROM participants WHERE segment = 'BPU'`);
  assert.ok(bpu.every((p) => p.declared_income >= 1_000_000 && p.declared_income % 100_000 === 0));
  const median = bpu.map((p) => p.declared_income).sort((a, b) => a - b)[Math.floor(bpu.length / 2)]!;
  assert.ok(median >= 1_000_000 && median <= 3_000_000, `median ${median}`);
  const withJht = bpu.filter((p) => p.programs.includes('JHT')).length / bpu.length;
  assert.ok(withJht > 0.12 && withJht < 0.28, `JHT ${withJht}`);
  assert.ok(bpu.every((p) => p.programs[0] === 'JKK' && p.programs[1] === 'JKM' && p.programs.length <= 3 && p.registered_via === 'import'));
  const statuses = new Set(bpu.map((p) => p.status));
  assert.ok(['active', 'arrears', 'lapsed', 'pending'].every((s) => statuses.has(s)));
  assert.ok(bpu.filter((p) => p.status === 'active').length > bpu.length / 2);

  const [pu] = await rows(sql<{ bad: number }>`
    SELECT count(*)::int AS bad FROM participants p
    JOIN employments m ON m.participant_id = p.id JOIN employers e ON e.id = m.employer_id
    WHERE p.segment = 'PU' AND (p.status <> 'active' OR p.programs <> CASE WHEN e.size_class = 'micro' THEN ARRAY['JKK', 'JKM', 'JHT'] ELSE ARRAY['JKK', 'JKM', 'JHT', 'JP', 'JKP'] END)`);
  assert.equal(pu!.bad, 0);
  const [history] = await rows(sql<{ bad: number }>`
    SELECT count(*)::int AS bad FROM participants p
    WHERE (SELECT count(*) FROM participant_status_history s WHERE s.participant_id = p.id AND s.status = p.status AND s.person_id = p.person_id) <> 1`);
  assert.equal(history!.bad, 0);
});

test('every PU participant has an open employment with a wage history of 1–3 first-of-month rows', async () => {
  const [r] = await rows(sql<{ pu: number; employed: number; bad_wages: number; bad_months: number; bad_start: number }>`
    SELECT (SELECT count(*)::int FROM participants WHERE segment = 'PU') AS pu,
           (SELECT count(DISTINCT p.id)::int FROM participants p JOIN employments m ON m.participant_id = p.id AND m.person_id = p.person_id AND m.end_date IS NULL
             WHERE p.segment = 'PU' AND EXISTS (SELECT 1 FROM wages w WHERE w.employment_id = m.id)) AS employed,
           (SELECT count(*)::int FROM employments m WHERE (SELECT count(*) FROM wages w WHERE w.employment_id = m.id) NOT BETWEEN 1 AND 3) AS bad_wages,
           (SELECT count(*)::int FROM wages w JOIN employments m ON m.id = w.employment_id
             WHERE w.effective_month < date_trunc('month', m.start_date) OR w.effective_month > current_date OR w.employer_id <> m.employer_id OR w.wage < 500000) AS bad_months,
           (SELECT count(*)::int FROM employments m JOIN people p ON p.id = m.person_id
             WHERE m.start_date < p.birth_date + interval '18 years' OR m.start_date < current_date - interval '15 years' OR m.start_date >= current_date) AS bad_start`);
  assert.equal(r!.employed, r!.pu);
  assert.equal(r!.bad_wages, 0);
  assert.equal(r!.bad_months, 0);
  assert.equal(r!.bad_start, 0);
  const [dki] = await rows(sql<{ dki: number; jateng: number }>`
    SELECT avg(w.wage) FILTER (WHERE e.regency_code LIKE '31.%') AS dki, avg(w.wage) FILTER (WHERE e.regency_code LIKE '33.%') AS jateng
    FROM wages w JOIN employers e ON e.id = w.employer_id WHERE w.effective_month = date_trunc('year', current_date)::date`);
  assert.ok(Number(dki!.dki) > 1.5 * Number(dki!.jateng), `DKI ${dki!.dki} vs Jateng ${dki!.jateng}`);
});

test('employers: valid NPPs, size class matching the workforce, their branch, labour-intensive only in eligible sectors', async () => {
  const employers = await rows(sql<{ npp: string; size_class: string; workers: number; sector: string; risk_class: number; labor_intensive: boolean; branch_ok: boolean; legal_name: string; search_name: string; village_code: string; regency_code: string }>`
    SELECT e.npp, e.size_class, (SELECT count(*)::int FROM employments m WHERE m.employer_id = e.id) AS workers, e.sector, e.risk_class, e.labor_intensive,
           EXISTS (SELECT 1 FROM branch_regencies br WHERE br.regency_code = e.regency_code AND br.branch_id = e.branch_id) AS branch_ok,
           e.legal_name, e.search_name, e.village_code, e.regency_code
    FROM employers e`);
  for (const e of employers) {
    assert.ok(luhnValid(e.npp) && /^9\d{7}$/.test(e.npp), e.npp);
    const expected = e.workers < 5 ? 'micro' : e.workers < 20 ? 'small' : e.workers < 100 ? 'medium' : 'large';
    assert.equal(e.size_class, expected, `${e.legal_name}: ${e.workers} workers`);
    assert.ok(e.branch_ok);
    assert.ok(e.risk_class >= 1 && e.risk_class <= 5);
    assert.equal(e.search_name, searchName(e.legal_name));
    assert.equal(e.regency_code, e.village_code.split('.').slice(0, 2).join('.'));
    if (e.labor_intensive) assert.match(e.sector, /tekstil|alas kaki|furnitur|makanan/);
  }
  assert.ok(employers.some((e) => e.size_class === 'micro') && employers.some((e) => e.size_class === 'small') && employers.some((e) => e.size_class === 'medium'));
  assert.ok(employers.some((e) => /^PT /.test(e.legal_name)) && employers.some((e) => /^(CV|UD) /.test(e.legal_name)));
});

test('informal share follows the data: NTT more informal than DKI Jakarta and Kepulauan Riau', async () => {
  const share = new Map((await rows(sql<{ prov: string; bpu: number }>`
    SELECT substr(p.regency_code, 1, 2) AS prov, avg((pa.segment = 'BPU')::int)::float8 AS bpu
    FROM people p JOIN participants pa ON pa.person_id = p.id GROUP BY 1`)).map((r) => [r.prov, Number(r.bpu)]));
  assert.ok(share.get('53')! > share.get('31')! + 0.1, `NTT ${share.get('53')} vs DKI ${share.get('31')}`);
  assert.ok(share.get('53')! > share.get('21')! + 0.2, `NTT ${share.get('53')} vs Kepri ${share.get('21')}`);
});

test('heirs: spouses, children born after the parent turned 20, some parents; their NIKs valid and of the person’s district', async () => {
  const fam = await rows(sql<{ relation: string; nik: string; birth_date: string; sex: 'M' | 'F'; person_birth: string; person_sex: string; village_code: string }>`
    SELECT f.relation, f.nik, f.birth_date, f.sex, p.birth_date AS person_birth, p.sex AS person_sex, p.village_code
    FROM family_members f JOIN people p ON p.id = f.person_id`);
  const ref = { isProvince: () => true, isDistrict: () => true };
  for (const f of fam) {
    const d = decodeNik(f.nik, ref);
    assert.ok(d.valid, f.nik);
    assert.equal(d.birthDate, f.birth_date);
    assert.equal(d.sex, f.sex);
    assert.equal(d.districtCode, f.village_code.split('.').slice(0, 3).join('.'));
    if (f.relation === 'child') assert.ok(Date.parse(f.birth_date) >= Date.parse(f.person_birth) + 20 * 365 * 86400_000, `${f.birth_date} vs ${f.person_birth}`);
    if (f.relation === 'spouse') assert.notEqual(f.sex, f.person_sex);
    if (f.relation === 'parent') assert.ok(f.birth_date < f.person_birth);
  }
  const [{ n: nikDupes }] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT nik FROM family_members GROUP BY nik HAVING count(*) > 1) d`) as [{ n: number }];
  assert.equal(nikDupes, 0);
  const [{ n: clash }] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM family_members f JOIN people p ON p.nik = f.nik`) as [{ n: number }];
  assert.equal(clash, 0, 'an heir’s NIK is not some other participant’s');
  const people = new Set((await rows(sql<{ person_id: number }>`SELECT person_id FROM family_members WHERE relation = 'spouse'`)).map((r) => r.person_id));
  assert.ok(people.size > 0.45 * N && people.size < 0.75 * N, `married: ${people.size}`);
  assert.ok(fam.some((f) => f.relation === 'parent') && fam.some((f) => f.relation === 'child'));
});

test('review candidates: shared household phones and people registered twice', async () => {
  const found = await rows(sql<{ kind: string; n: number; largest: number }>`
    SELECT kind, count(*)::int AS n, max(cardinality(person_ids))::int AS largest FROM duplicate_candidates GROUP BY kind`);
  const phones = found.find((f) => f.kind === 'shared_phone');
  assert.ok(phones && phones.n >= 3 && phones.largest >= 3);
  const vulnerable = await rows(sql<{ vulnerable_reason: string; old: boolean }>`
    SELECT vulnerable_reason, birth_date <= current_date - interval '50 years' AS old FROM people WHERE vulnerable`);
  assert.ok(vulnerable.length > 0 && vulnerable.every((v) => v.vulnerable_reason.length > 3));
  assert.ok(vulnerable.some((v) => v.vulnerable_reason === 'pendapatan tidak tetap'));
  assert.ok(vulnerable.every((v) => v.vulnerable_reason !== 'pekerja lanjut usia' || v.old));
});

test('running it again with the same n adds nothing; a larger n tops the population up', async () => {
  const before = await populationCounts(h.db);
  const again = await seedPopulation(h.db, N);
  assert.equal(again.created, false);
  assert.equal(again.existing, N);
  assert.deepEqual(await populationCounts(h.db), before);

  const more = await seedPopulation(h.db, N + 300);
  assert.equal(more.created, true);
  assert.equal(more.people, 300);
  const after = await populationCounts(h.db);
  assert.equal(after.people, before.people + 300);
  const [{ n }] = await rows(sql<{ n: number }>`SELECT count(*)::int AS n FROM (SELECT nik FROM people GROUP BY nik HAVING count(*) > 1) d`) as [{ n: number }];
  assert.equal(n, 0);
});
