-- Rules as data: every rate, cap, flat amount and deadline is a parameter with the period it is in
-- force, its legal basis, and whether it is a Lindung product default (DECISIONS.md) rather than a
-- confirmed regulation. A calculation names the parameter rows it used.
CREATE TABLE rule_parameters (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  key              text NOT NULL CHECK (key ~ '^[a-z0-9_.]+$'),
  valid_from       date NOT NULL,
  valid_to         date,                       -- last day in force; NULL while in force
  value            numeric NOT NULL,           -- exact: percentages as percent (1 = 1%), amounts in rupiah
  unit             text NOT NULL CHECK (unit IN ('percent', 'rupiah', 'months', 'days', 'count')),
  legal_basis      text NOT NULL,
  product_default  boolean NOT NULL DEFAULT false,
  note             text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX rule_parameters_key ON rule_parameters (key, valid_from DESC);

-- BPU (informal workers), RULES.md §2.4 and DECISIONS.md D8.
INSERT INTO rule_parameters (key, valid_from, value, unit, legal_basis, product_default, note) VALUES
  ('bpu.jkk.rate', '2021-04-01', 1, 'percent', 'Permenaker 5/2021; RULES.md §2.4', false, 'JKK 1% dari penghasilan yang dilaporkan / of declared income'),
  ('bpu.jkk.min', '2021-04-01', 10000, 'rupiah', 'Permenaker 5/2021; RULES.md §2.4', false, 'JKK minimum'),
  ('bpu.jkk.max', '2021-04-01', 207000, 'rupiah', 'Permenaker 5/2021; RULES.md §2.4', false, 'JKK maksimum / maximum'),
  ('bpu.jkm.flat', '2021-04-01', 6800, 'rupiah', 'Permenaker 5/2021; RULES.md §2.4', false, 'JKM tetap per bulan / flat per month'),
  ('bpu.jht.rate', '2021-04-01', 2, 'percent', 'Permenaker 5/2021; RULES.md §2.4', false, 'JHT sukarela / voluntary'),
  ('bpu.income.min', '2021-04-01', 1000000, 'rupiah', 'DECISIONS.md D8', true, 'Penghasilan minimum yang dapat dilaporkan / minimum declared income');
