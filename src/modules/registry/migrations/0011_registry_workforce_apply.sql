-- Set-based application of workforce files needs in SQL what the code does one row at a time: the
-- search name of a person, and Lindung's KPJ numbers (DECISIONS.md D18, kpjFromSequence in
-- check-digits.ts): '9', a 9-digit sequence and a Luhn check digit. The sum is integer arithmetic over
-- fixed positions (digit k is body / 10^k % 10; a doubled digit d adds 2d - 9(d/5)), written as one
-- expression without FROM so that PostgreSQL inlines it into bulk INSERTs instead of calling it per row.
CREATE FUNCTION lindung_kpj(seq bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (9000000000 + seq)::text || ((10 - ((2 * ((9000000000 + seq) / 1 % 10) - 9 * (((9000000000 + seq) / 1 % 10) / 5)) + ((9000000000 + seq) / 10 % 10) + (2 * ((9000000000 + seq) / 100 % 10) - 9 * (((9000000000 + seq) / 100 % 10) / 5)) + ((9000000000 + seq) / 1000 % 10) + (2 * ((9000000000 + seq) / 10000 % 10) - 9 * (((9000000000 + seq) / 10000 % 10) / 5)) + ((9000000000 + seq) / 100000 % 10) + (2 * ((9000000000 + seq) / 1000000 % 10) - 9 * (((9000000000 + seq) / 1000000 % 10) / 5)) + ((9000000000 + seq) / 10000000 % 10) + (2 * ((9000000000 + seq) / 100000000 % 10) - 9 * (((9000000000 + seq) / 100000000 % 10) / 5)) + ((9000000000 + seq) / 1000000000 % 10)) % 10) % 10)::text
$$;

ALTER TABLE workforce_upload_rows ADD COLUMN search_name text NOT NULL DEFAULT '';
ALTER TABLE workforce_upload_rows ALTER COLUMN search_name DROP DEFAULT;
