import type { Generated } from 'kysely';
export type RegionKind = 'province' | 'regency' | 'city' | 'district' | 'village' | 'urban_village';

export interface RegionsTables {
  regions: {
    code: string;
    parent_code: string | null;
    level: number;
    kind: RegionKind;
    name: string;
    search_name: string;
  };
  region_dataset: {
    id: number;
    source: string;
    version: string;
    counts: unknown;
    loaded_at: Generated<Date>;
  };
}
