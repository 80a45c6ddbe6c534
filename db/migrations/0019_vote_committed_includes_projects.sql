-- What a vote's ceiling has committed: disbursements paid or waiting for approval on its authority,
-- and the amount of each project started on it (its milestones are paid later, within that amount,
-- as 0010's trigger keeps them); a terminated project holds only what it was paid. One definition,
-- read by the application (vote-authority) and by the trigger below.
CREATE FUNCTION vote_committed_fen(vote_id text, besides text DEFAULT NULL) RETURNS bigint LANGUAGE sql STABLE AS $$
  SELECT
    coalesce((SELECT sum(d.amount_fen) FROM disbursements d
      WHERE d.deliberation_id = vote_id AND d.status <> 'rejected' AND d.id IS DISTINCT FROM besides
        AND (d.project_id IS NULL OR d.project_id IN (SELECT p.id FROM projects p WHERE p.status = 'terminated'))), 0)
    + coalesce((SELECT sum(p.amount_fen) FROM projects p WHERE p.deliberation_id = vote_id AND p.status <> 'terminated'), 0)
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION disbursements_within_vote() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  vote record;
BEGIN
  IF NEW.deliberation_id IS NULL OR NEW.status = 'rejected' OR NEW.project_id IS NOT NULL THEN
    RETURN NEW;
  END IF;
  SELECT d.status, o.spend_fund_id, o.spend_ceiling_fen INTO vote
    FROM deliberations d LEFT JOIN deliberation_options o ON o.id = d.winning_option_id
    WHERE d.id = NEW.deliberation_id FOR UPDATE OF d;
  IF vote.status IS DISTINCT FROM 'passed' OR vote.spend_fund_id IS DISTINCT FROM NEW.fund_id THEN
    RAISE EXCEPTION 'deliberation % did not decide a payment from fund %', NEW.deliberation_id, NEW.fund_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursement_within_vote';
  END IF;
  IF vote_committed_fen(NEW.deliberation_id, NEW.id) + NEW.amount_fen > vote.spend_ceiling_fen THEN
    RAISE EXCEPTION 'disbursements on deliberation % would exceed its ceiling of % fen', NEW.deliberation_id, vote.spend_ceiling_fen
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursement_within_vote';
  END IF;
  RETURN NEW;
END $$;
