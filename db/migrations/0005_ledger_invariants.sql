-- Custom SQL migration file, put your code below! --
-- The ledger's rules, kept by the database so that no code path (or psql session) can break them.
-- 1. Every journal entry balances: at least two lines, debits equal credits. Checked at COMMIT
--    (deferred), so an entry and its lines are written in any order inside one transaction.
CREATE OR REPLACE FUNCTION assert_journal_entry_balanced(entry bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  n int;
  debits numeric;
  credits numeric;
BEGIN
  SELECT count(*), coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0)
    INTO n, debits, credits FROM journal_lines WHERE entry_id = entry;
  IF n < 2 OR debits <> credits THEN
    RAISE EXCEPTION 'journal entry % is unbalanced: % lines, debits %, credits %', entry, n, debits, credits
      USING ERRCODE = 'check_violation';
  END IF;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journal_line_must_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assert_journal_entry_balanced(NEW.entry_id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION journal_entry_must_balance() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM assert_journal_entry_balanced(NEW.id);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_lines_balance AFTER INSERT ON journal_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_line_must_balance();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_balance AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_must_balance();
--> statement-breakpoint
-- 2. Entries and lines are immutable: a correction is a new, reversing entry.
CREATE OR REPLACE FUNCTION ledger_is_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER journal_entries_immutable BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_lines_immutable BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
