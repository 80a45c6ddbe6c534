ALTER TABLE "ledger_accounts" ADD COLUMN "total_debit_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD COLUMN "total_credit_fen" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing journals: the totals as the lines say.
UPDATE "ledger_accounts" a SET "total_debit_fen" = s.d, "total_credit_fen" = s.c
  FROM (SELECT account_id, sum(debit_fen) AS d, sum(credit_fen) AS c FROM journal_lines GROUP BY account_id) s
  WHERE s.account_id = a.id;
--> statement-breakpoint
-- From now on the lines of each INSERT add themselves to their accounts' totals in the same
-- transaction (and are rolled back with it): one UPDATE per statement, over the statement's lines
-- grouped by account (postEntry writes an entry's lines in one statement). Lines are append-only
-- (0005), so the totals are always the sums of the lines.
CREATE FUNCTION ledger_account_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ledger_accounts a SET total_debit_fen = a.total_debit_fen + s.d, total_credit_fen = a.total_credit_fen + s.c
    FROM (SELECT account_id, sum(debit_fen) AS d, sum(credit_fen) AS c FROM new_lines GROUP BY account_id) s
    WHERE a.id = s.account_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER journal_lines_account_totals AFTER INSERT ON journal_lines
  REFERENCING NEW TABLE AS new_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_account_totals_add();
--> statement-breakpoint
-- Nobody edits a total by hand: only the trigger above (running inside a trigger, depth ≥ 1) may.
CREATE FUNCTION ledger_account_totals_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger account totals are kept by the journal; they cannot be edited' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_accounts_totals_guard BEFORE UPDATE OF total_debit_fen, total_credit_fen ON ledger_accounts
  FOR EACH ROW WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION ledger_account_totals_guard();
