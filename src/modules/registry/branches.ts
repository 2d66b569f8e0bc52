import { sql } from 'kysely';
import { inTransaction, type Db, type Executor } from '../../platform/db.ts';
import { recordAudit, SYSTEM } from '../audit/audit.ts';
import { BRANCHES, type BranchSeed } from './branch-data.ts';

export interface BranchView {
  id: number;
  code: string;
  name: string;
  provinceCode: string;
  provinceName: string;
  address: string;
  regencyCount: number;
}

/** Which regency goes to which branch: listed ones to their branch, the rest to the province's main branch. */
export function assignRegencies(branches: BranchSeed[], regencies: { code: string; provinceCode: string }[]): Map<string, string> {
  const listed = new Map<string, string>();
  for (const b of branches) for (const r of b.regencies ?? []) listed.set(r, b.code);
  const main = new Map(branches.filter((b) => !b.regencies).map((b) => [b.provinceCode, b.code]));
  const out = new Map<string, string>();
  for (const r of regencies) {
    const branch = listed.get(r.code) ?? main.get(r.provinceCode);
    if (branch) out.set(r.code, branch);
  }
  return out;
}

/** Creates the branch network; safe to run again (existing branches and assignments are kept). */
export async function seedBranches(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    const regencies = await tx.selectFrom('regions').select(['code', 'parent_code as provinceCode']).where('level', '=', 2).execute();
    let created = 0;
    for (const b of BRANCHES) {
      const row = { code: b.code, name: b.name, province_code: b.provinceCode, address: `Kantor Cabang ${b.name}, ${b.town}` };
      const inserted = await tx.insertInto('branches').values(row).onConflict((oc) => oc.column('code').doNothing()).returning('id').executeTakeFirst();
      if (inserted) {
        created++;
        await recordAudit(tx, { actor: SYSTEM, action: 'branch.created', entityType: 'branch', entityId: inserted.id, after: row });
      }
    }
    const assignment = assignRegencies(BRANCHES, regencies.map((r) => ({ code: r.code, provinceCode: r.provinceCode! })));
    const codes = [...assignment.keys()];
    await sql`
      INSERT INTO branch_regencies (regency_code, branch_id)
      SELECT a.regency, b.id FROM unnest(${codes}::text[], ${codes.map((c) => assignment.get(c)!)}::text[]) AS a(regency, branch)
      JOIN branches b ON b.code = a.branch
      ON CONFLICT (regency_code) DO NOTHING`.execute(tx);
    return created;
  });
}

export function listBranches(db: Executor): Promise<BranchView[]> {
  return db.selectFrom('branches as b').innerJoin('regions as p', 'p.code', 'b.province_code')
    .select(['b.id', 'b.code', 'b.name', 'b.province_code as provinceCode', 'p.name as provinceName', 'b.address',
      (eb) => eb.selectFrom('branch_regencies as br').whereRef('br.branch_id', '=', 'b.id').select(sql<number>`count(*)::int`.as('n')).as('regencyCount')])
    .orderBy('p.code').orderBy('b.name').execute() as Promise<BranchView[]>;
}

export async function getBranch(db: Executor, id: number) {
  const branch = (await listBranches(db)).find((b) => b.id === id);
  if (!branch) return undefined;
  const regencies = await db.selectFrom('branch_regencies as br').innerJoin('regions as r', 'r.code', 'br.regency_code')
    .select(['r.code', 'r.name']).where('br.branch_id', '=', id).orderBy('r.code').execute();
  return { ...branch, regencies };
}

/** The branch serving a region (any level below province), found through its regency. */
export async function branchForRegion(db: Executor, regionCode: string) {
  const regency = regionCode.split('.').slice(0, 2).join('.');
  return db.selectFrom('branch_regencies as br').innerJoin('branches as b', 'b.id', 'br.branch_id')
    .select(['b.id', 'b.code', 'b.name', 'b.address']).where('br.regency_code', '=', regency).executeTakeFirst();
}
