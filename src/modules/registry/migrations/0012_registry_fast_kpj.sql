-- lindung_kpj is called once per new worker in bulk applies: the body always has 10 digits, so the
-- Luhn sum is unrolled over fixed positions instead of walking the digits with generate_series.
CREATE OR REPLACE FUNCTION lindung_kpj(seq bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT b || ((10 - ((
      (2 * substr(b, 10, 1)::int - CASE WHEN substr(b, 10, 1)::int > 4 THEN 9 ELSE 0 END) + substr(b, 9, 1)::int + (2 * substr(b, 8, 1)::int - CASE WHEN substr(b, 8, 1)::int > 4 THEN 9 ELSE 0 END) + substr(b, 7, 1)::int + (2 * substr(b, 6, 1)::int - CASE WHEN substr(b, 6, 1)::int > 4 THEN 9 ELSE 0 END)
    + substr(b, 5, 1)::int + (2 * substr(b, 4, 1)::int - CASE WHEN substr(b, 4, 1)::int > 4 THEN 9 ELSE 0 END) + substr(b, 3, 1)::int + (2 * substr(b, 2, 1)::int - CASE WHEN substr(b, 2, 1)::int > 4 THEN 9 ELSE 0 END) + substr(b, 1, 1)::int) % 10)) % 10)::text
  FROM (SELECT '9' || lpad(seq::text, 9, '0') AS b) AS x
$$;
