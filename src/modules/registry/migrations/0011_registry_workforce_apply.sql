-- Set-based application of workforce files needs, in SQL, what the code does one at a time:
-- the Luhn check digit of Lindung's KPJ numbers (DECISIONS.md D18) and the matching name of a person.
CREATE FUNCTION luhn_check_digit(body text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (10 - (sum(d) % 10)) % 10 FROM (
    SELECT CASE WHEN (i % 2) = 1
                THEN CASE WHEN 2 * substr(reverse(body), i, 1)::int > 9 THEN 2 * substr(reverse(body), i, 1)::int - 9 ELSE 2 * substr(reverse(body), i, 1)::int END
                ELSE substr(reverse(body), i, 1)::int END AS d
    FROM generate_series(1, length(body)) AS i
  ) AS digits
$$;

-- '9' + 9-digit sequence + check digit, as kpjFromSequence in check-digits.ts
CREATE FUNCTION lindung_kpj(seq bigint) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT b || luhn_check_digit(b)::text FROM (SELECT '9' || lpad(seq::text, 9, '0') AS b) AS x
$$;

ALTER TABLE workforce_upload_rows ADD COLUMN search_name text NOT NULL DEFAULT '';
ALTER TABLE workforce_upload_rows ALTER COLUMN search_name DROP DEFAULT;
