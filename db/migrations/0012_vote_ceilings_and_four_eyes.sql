CREATE TABLE "refund_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"reason" text NOT NULL,
	"evidence_key" text,
	"status" "approval_status" DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refund_request_positive" CHECK ("refund_requests"."amount_fen" > 0),
	CONSTRAINT "refund_request_four_eyes" CHECK ("refund_requests"."decided_by" is null or "refund_requests"."decided_by" <> "refund_requests"."requested_by")
);
--> statement-breakpoint
ALTER TABLE "deliberation_options" ADD COLUMN "spend_fund_id" text;--> statement-breakpoint
ALTER TABLE "deliberation_options" ADD COLUMN "spend_ceiling_fen" bigint;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "status" "approval_status" DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "decided_by" text;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disbursements" ADD COLUMN "rejection_reason" text;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refund_requests" ADD CONSTRAINT "refund_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "refund_requests_target" ON "refund_requests" USING btree ("fund_id","target_type","target_id");--> statement-breakpoint
ALTER TABLE "deliberation_options" ADD CONSTRAINT "deliberation_options_spend_fund_id_funds_id_fk" FOREIGN KEY ("spend_fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disbursements_deliberation" ON "disbursements" USING btree ("deliberation_id");--> statement-breakpoint
ALTER TABLE "deliberation_options" ADD CONSTRAINT "deliberation_options_spend_whole" CHECK (("deliberation_options"."spend_fund_id" is null) = ("deliberation_options"."spend_ceiling_fen" is null));--> statement-breakpoint
ALTER TABLE "deliberation_options" ADD CONSTRAINT "deliberation_options_spend_positive" CHECK ("deliberation_options"."spend_ceiling_fen" is null or "deliberation_options"."spend_ceiling_fen" > 0);--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursement_four_eyes" CHECK ("disbursements"."decided_by" is null or "disbursements"."decided_by" <> "disbursements"."created_by");--> statement-breakpoint
-- Disbursements made before maker-checker were posted when made: they stay as approved.
UPDATE "disbursements" SET "status" = 'approved', "decided_at" = "created_at";
--> statement-breakpoint
-- What residents saw when they voted is what they decided: an option's label and its spending
-- (fund and ceiling) cannot change once the deliberation has left draft.
CREATE FUNCTION deliberation_options_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.label, NEW.spend_fund_id, NEW.spend_ceiling_fen) IS DISTINCT FROM (OLD.label, OLD.spend_fund_id, OLD.spend_ceiling_fen)
     AND (SELECT status FROM deliberations WHERE id = OLD.deliberation_id) <> 'draft' THEN
    RAISE EXCEPTION 'the options of deliberation % are fixed once it opened', OLD.deliberation_id USING ERRCODE = 'check_violation', CONSTRAINT = 'deliberation_options_fixed';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER deliberation_options_fixed BEFORE UPDATE ON deliberation_options
  FOR EACH ROW EXECUTE FUNCTION deliberation_options_fixed();
--> statement-breakpoint
-- A disbursement on a vote's authority (not rejected) needs the vote passed with a winning option
-- that spends from this very fund, and all of the vote's disbursements together (pending, approved,
-- milestone payments) stay within that option's ceiling. The vote's row is locked first, so two
-- transactions paying on one vote queue here and the second sees the first's row (each statement of
-- a plpgsql function reads a fresh snapshot under READ COMMITTED). The application checks the same
-- under the same lock and says why in words; this is the line nobody can step over. A milestone
-- payment (project_id set) is counted in the total but not refused here: its amount was fixed when
-- its project was started.
CREATE FUNCTION disbursements_within_vote() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  vote record;
  used bigint;
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
  SELECT coalesce(sum(amount_fen), 0) INTO used FROM disbursements
    WHERE deliberation_id = NEW.deliberation_id AND status <> 'rejected' AND id <> NEW.id;
  IF used + NEW.amount_fen > vote.spend_ceiling_fen THEN
    RAISE EXCEPTION 'disbursements on deliberation % would exceed its ceiling of % fen', NEW.deliberation_id, vote.spend_ceiling_fen
      USING ERRCODE = 'check_violation', CONSTRAINT = 'disbursement_within_vote';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER disbursements_within_vote BEFORE INSERT OR UPDATE OF amount_fen, status, deliberation_id, fund_id ON disbursements
  FOR EACH ROW EXECUTE FUNCTION disbursements_within_vote();
