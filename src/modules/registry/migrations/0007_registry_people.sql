-- People (one per NIK), their KPJ numbers, participations per segment, accounts and families.
-- Person-scoped tables carry person_id so that they can be distributed by person later (DESIGN.md).
CREATE TABLE occupations (
  code      text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name_id   text NOT NULL,
  name_en   text NOT NULL,
  informal  boolean NOT NULL,
  sort      integer NOT NULL
);
INSERT INTO occupations (code, name_id, name_en, informal, sort) VALUES
  ('farmer', 'Petani', 'Farmer', true, 10),
  ('farm_labourer', 'Buruh tani', 'Farm labourer', true, 11),
  ('fisher', 'Nelayan', 'Fisher', true, 20),
  ('livestock_farmer', 'Peternak', 'Livestock farmer', true, 21),
  ('rubber_tapper', 'Penyadap karet', 'Rubber tapper', true, 22),
  ('market_trader', 'Pedagang pasar', 'Market trader', true, 30),
  ('street_vendor', 'Pedagang kaki lima', 'Street vendor', true, 31),
  ('online_ojek_driver', 'Pengemudi ojek daring', 'Online ojek driver', true, 40),
  ('becak_driver', 'Pengemudi becak', 'Becak driver', true, 41),
  ('porter', 'Buruh angkut', 'Porter', true, 42),
  ('marbot', 'Marbot masjid', 'Mosque caretaker (marbot)', true, 50),
  ('religious_teacher', 'Guru ngaji', 'Religious teacher', true, 51),
  ('construction_worker', 'Pekerja konstruksi', 'Construction worker', true, 60),
  ('craftsperson', 'Perajin', 'Craftsperson', true, 61),
  ('tailor', 'Penjahit', 'Tailor', true, 62),
  ('domestic_worker', 'Pekerja rumah tangga', 'Domestic worker', true, 63),
  ('waste_picker', 'Pemulung', 'Waste picker', true, 64),
  ('factory_worker', 'Buruh pabrik', 'Factory worker', false, 70),
  ('office_worker', 'Karyawan kantor', 'Office worker', false, 71),
  ('shop_assistant', 'Pramuniaga', 'Shop assistant', false, 72),
  ('driver', 'Sopir', 'Driver', false, 73),
  ('security_guard', 'Satpam', 'Security guard', false, 74),
  ('teacher', 'Guru', 'Teacher', false, 75),
  ('nurse', 'Perawat', 'Nurse', false, 76),
  ('plantation_worker', 'Buruh perkebunan', 'Plantation worker', false, 77),
  ('other', 'Lainnya', 'Other', true, 99);

-- NIK province codes that no longer exist (D17): a NIK keeps the code of its first registration.
CREATE TABLE historical_provinces (
  code        text PRIMARY KEY CHECK (code ~ '^\d{2}$'),
  name        text NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date NOT NULL
);
INSERT INTO historical_provinces VALUES ('54', 'Timor Timur', '1976-07-17', '1999-10-19');

CREATE TABLE people (
  id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  nik                text NOT NULL UNIQUE CHECK (nik ~ '^\d{16}$'),
  full_name          text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 120),
  search_name        text NOT NULL,
  birth_date         date NOT NULL,
  sex                text NOT NULL CHECK (sex IN ('M', 'F')),
  phone              text CHECK (phone ~ '^\+628\d{7,11}$'),
  village_code       text REFERENCES regions (code),
  -- where the person lives (from the village), or else where the NIK was issued: what scopes access
  regency_code       text NOT NULL,
  address            text,
  occupation_code    text REFERENCES occupations (code),
  vulnerable         boolean NOT NULL DEFAULT false,
  vulnerable_reason  text,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (vulnerable OR vulnerable_reason IS NULL)
);
CREATE INDEX people_name_birth ON people (birth_date, search_name);
CREATE INDEX people_phone ON people (phone) WHERE phone IS NOT NULL;
CREATE INDEX people_search ON people USING gin (search_name gin_trgm_ops);
CREATE INDEX people_regency ON people (regency_code);

CREATE SEQUENCE kpj_seq;
CREATE TABLE kpj_numbers (
  kpj          text PRIMARY KEY CHECK (kpj ~ '^\d{8,16}$'),
  person_id    bigint NOT NULL REFERENCES people (id),
  source       text NOT NULL CHECK (source IN ('lindung', 'legacy')),
  -- a KPJ merged into the person's primary KPJ still finds the person; its history stays with it
  merged_into  text REFERENCES kpj_numbers (kpj),
  merged_at    timestamptz,
  issued_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX kpj_numbers_person ON kpj_numbers (person_id);

CREATE TABLE participants (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id        bigint NOT NULL REFERENCES people (id),
  kpj              text NOT NULL REFERENCES kpj_numbers (kpj),
  segment          text NOT NULL CHECK (segment IN ('PU', 'BPU', 'JAKON', 'PMI')),
  programs         text[] NOT NULL CHECK (programs <@ ARRAY['JKK', 'JKM', 'JHT', 'JP', 'JKP'] AND programs @> ARRAY['JKK', 'JKM']),
  -- pending: registered, first contribution not yet paid
  status           text NOT NULL CHECK (status IN ('pending', 'active', 'arrears', 'lapsed', 'ended')),
  declared_income  bigint CHECK (declared_income > 0),
  registered_via   text NOT NULL CHECK (registered_via IN ('self', 'agent', 'officer', 'employer', 'donor', 'import')),
  registered_at    timestamptz NOT NULL DEFAULT now(),
  ended_at         timestamptz,
  CHECK (segment <> 'BPU' OR declared_income IS NOT NULL)
);
CREATE UNIQUE INDEX participants_one_open_per_segment ON participants (person_id, segment) WHERE status <> 'ended';
CREATE INDEX participants_kpj ON participants (kpj);

CREATE TABLE participant_status_history (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  participant_id  bigint NOT NULL REFERENCES participants (id),
  person_id       bigint NOT NULL,
  status          text NOT NULL,
  reason          text NOT NULL,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX participant_status_history_participant ON participant_status_history (participant_id, at);

-- The sign-in account of a person (a participant signs in with a one-time code to their phone).
CREATE TABLE person_accounts (
  person_id  bigint PRIMARY KEY REFERENCES people (id),
  user_id    bigint NOT NULL UNIQUE REFERENCES users (id)
);

CREATE TABLE family_members (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  person_id   bigint NOT NULL REFERENCES people (id),
  relation    text NOT NULL CHECK (relation IN ('spouse', 'child', 'parent', 'grandchild', 'sibling')),
  full_name   text NOT NULL CHECK (length(full_name) BETWEEN 2 AND 120),
  nik         text CHECK (nik ~ '^\d{16}$'),
  birth_date  date NOT NULL,
  sex         text NOT NULL CHECK (sex IN ('M', 'F')),
  married     boolean NOT NULL DEFAULT false,
  working     boolean NOT NULL DEFAULT false,
  deceased    boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX family_members_person ON family_members (person_id);

-- Candidates for officers to review: the same name and birth date under different NIKs, or one phone
-- number on many people. One row per finding (kind + key), scoped by regency.
CREATE TABLE duplicate_candidates (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('same_name_birth', 'shared_phone')),
  match_key     text NOT NULL,
  person_ids    bigint[] NOT NULL,
  regency_code  text NOT NULL,
  status        text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'not_duplicate', 'resolved')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  resolved_by   bigint REFERENCES users (id),
  resolved_at   timestamptz,
  UNIQUE (kind, match_key)
);
CREATE INDEX duplicate_candidates_open ON duplicate_candidates (regency_code) WHERE status = 'open';
