-- Custom SQL migration file, put your code below! --
-- Chinese search without a Chinese word segmenter: every CJK character (unigram) and every pair of
-- neighbouring CJK characters (bigram) of a text, plus its lowercased latin words and numbers.
-- A GIN index over these arrays answers one-, two- and longer-character queries from the index;
-- see docs/decisions/0007-chinese-search-with-character-grams.md.
CREATE OR REPLACE FUNCTION cjk_grams(input text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  run text;
  n int;
  grams text[] := '{}';
BEGIN
  FOR run IN SELECT m[1] FROM regexp_matches(lower(input), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+)', 'g') AS m LOOP
    IF run ~ '^[a-z0-9]+$' THEN
      grams := grams || run;
    ELSE
      n := char_length(run);
      FOR i IN 1..n LOOP
        grams := grams || substr(run, i, 1);
        IF i < n THEN
          grams := grams || substr(run, i, 2);
        END IF;
      END LOOP;
    END IF;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g ORDER BY g);
END
$$;
--> statement-breakpoint
-- The grams a query needs: a one-character run needs its unigram, a longer run needs its bigrams
-- (the caller rechecks that the whole phrase occurs, since bigrams may match apart).
CREATE OR REPLACE FUNCTION cjk_query_grams(input text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  run text;
  n int;
  grams text[] := '{}';
BEGIN
  FOR run IN SELECT m[1] FROM regexp_matches(lower(input), '([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+)', 'g') AS m LOOP
    n := char_length(run);
    IF run ~ '^[a-z0-9]+$' OR n = 1 THEN
      grams := grams || run;
    ELSE
      FOR i IN 1..n - 1 LOOP
        grams := grams || substr(run, i, 2);
      END LOOP;
    END IF;
  END LOOP;
  RETURN ARRAY(SELECT DISTINCT g FROM unnest(grams) AS g ORDER BY g);
END
$$;
--> statement-breakpoint
-- The audit log is append-only: not even the application's own role may change or delete a row.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
