-- lindung_kpj is called once per new worker in bulk applies. Its body is '9' and a 9-digit sequence,
-- so the Luhn sum is plain integer arithmetic over fixed positions (digit k is body / 10^k % 10; a
-- doubled digit d adds 2d - 9(d/5)), and the function is one expression without FROM, so PostgreSQL
-- inlines it into the calling statement.
CREATE OR REPLACE FUNCTION lindung_kpj(seq bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (9000000000 + seq)::text || ((10 - ((2 * ((9000000000 + seq) / 1 % 10) - 9 * (((9000000000 + seq) / 1 % 10) / 5)) + ((9000000000 + seq) / 10 % 10) + (2 * ((9000000000 + seq) / 100 % 10) - 9 * (((9000000000 + seq) / 100 % 10) / 5)) + ((9000000000 + seq) / 1000 % 10) + (2 * ((9000000000 + seq) / 10000 % 10) - 9 * (((9000000000 + seq) / 10000 % 10) / 5)) + ((9000000000 + seq) / 100000 % 10) + (2 * ((9000000000 + seq) / 1000000 % 10) - 9 * (((9000000000 + seq) / 1000000 % 10) / 5)) + ((9000000000 + seq) / 10000000 % 10) + (2 * ((9000000000 + seq) / 100000000 % 10) - 9 * (((9000000000 + seq) / 100000000 % 10) / 5)) + ((9000000000 + seq) / 1000000000 % 10)) % 10) % 10)::text
$$;
