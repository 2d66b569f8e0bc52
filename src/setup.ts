/**
 * Bringing a database up to date: SQL migrations, then reference data (regions, branches, the GN Lingkaran
 * general pool). Used by `lindung migrate`, `lindung start` and the test template, so every database is
 * built the same way.
 */
import type { Db } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { progressBar } from './platform/progress.ts';
import { loadRegions } from './modules/regions/load.ts';
import { seedBranches } from './modules/registry/branches.ts';
import { ensurePoolCampaign } from './modules/lingkaran/campaigns.ts';

export async function migrateAndLoadReference(db: Db, opts: { quiet?: boolean } = {}) {
  const say = opts.quiet ? () => {} : (m: string) => console.log(m);
  const result = await migrate(db, undefined, (name) => say(`migrasi / migration: ${name}`));
  let bar: ReturnType<typeof progressBar> | undefined;
  const regions = await loadRegions(db, opts.quiet ? undefined : (done, total) => {
    bar ??= progressBar('Wilayah / regions', total);
    bar.update(done, total);
  });
  bar?.stop();
  if (regions.loaded) say(`wilayah dimuat / regions loaded: ${JSON.stringify(regions.counts)}`);
  const branches = await seedBranches(db);
  if (branches) say(`kantor cabang / branches created: ${branches}`);
  await ensurePoolCampaign(db);
  return { migrations: result.applied, regions, branches };
}
