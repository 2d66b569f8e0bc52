-- Indonesia's administrative areas (Kemendagri codes, as in the NIK): province, regency or city,
-- district (kecamatan), village (desa or kelurahan). Reference data, loaded in bulk from idn-area-data.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE regions (
  code         text PRIMARY KEY,
  parent_code  text REFERENCES regions (code),
  level        smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  kind         text NOT NULL CHECK (kind IN ('province', 'regency', 'city', 'district', 'village', 'urban_village')),
  name         text NOT NULL,
  -- lower-case, accents removed, spaces folded: what name searches match against
  search_name  text NOT NULL
);
CREATE INDEX regions_children ON regions (parent_code, name);
CREATE INDEX regions_search ON regions USING gin (search_name gin_trgm_ops);

CREATE TABLE region_dataset (
  id         smallint PRIMARY KEY CHECK (id = 1),
  source     text NOT NULL,
  version    text NOT NULL,
  counts     jsonb NOT NULL,
  loaded_at  timestamptz NOT NULL DEFAULT now()
);
