CREATE TYPE "public"."milestone_payment_method" AS ENUM('ledger', 'instruction');--> statement-breakpoint
CREATE TYPE "public"."milestone_payment_status" AS ENUM('payable', 'paid');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('draft', 'submitted', 'changes_requested', 'accepted');--> statement-breakpoint
CREATE TYPE "public"."review_kind" AS ENUM('accept', 'request_changes', 'cosign');--> statement-breakpoint
CREATE TABLE "milestone_evidence" (
	"id" text PRIMARY KEY NOT NULL,
	"report_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"media_type" text NOT NULL,
	"file_name" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"taken_at" timestamp with time zone,
	"latitude" double precision,
	"longitude" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "milestone_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"milestone_id" text NOT NULL,
	"project_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"method" "milestone_payment_method" NOT NULL,
	"fund_id" text,
	"entry_seq" integer,
	"status" "milestone_payment_status" NOT NULL,
	"bank_reference" text,
	"paid_by" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_payments_milestone_id_unique" UNIQUE("milestone_id"),
	CONSTRAINT "milestone_payments_amount" CHECK ("milestone_payments"."amount_fen" > 0),
	CONSTRAINT "milestone_payments_paid" CHECK ("milestone_payments"."status" = 'payable' or "milestone_payments"."paid_at" is not null),
	CONSTRAINT "milestone_payments_ledger_fund" CHECK ("milestone_payments"."method" <> 'ledger' or "milestone_payments"."fund_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "milestone_ratings" (
	"milestone_id" text NOT NULL,
	"household_id" text NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"rated_by" text NOT NULL,
	"hidden_at" timestamp with time zone,
	"hidden_by" text,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_ratings_milestone_id_household_id_pk" PRIMARY KEY("milestone_id","household_id"),
	CONSTRAINT "milestone_ratings_score" CHECK ("milestone_ratings"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "milestone_reminders" (
	"milestone_id" text NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_reminders_milestone_id_kind_pk" PRIMARY KEY("milestone_id","kind")
);
--> statement-breakpoint
CREATE TABLE "milestone_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"milestone_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" "report_status" DEFAULT 'draft' NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"beneficiaries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_hours_tenths" integer DEFAULT 0 NOT NULL,
	"spending" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text NOT NULL,
	"submitted_by" text,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "milestone_reports_hours" CHECK ("milestone_reports"."service_hours_tenths" >= 0)
);
--> statement-breakpoint
CREATE TABLE "milestone_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"milestone_id" text NOT NULL,
	"report_id" text NOT NULL,
	"kind" "review_kind" NOT NULL,
	"comments" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"reviewed_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "first_submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "submitted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "staff_accepted_by" text;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "staff_accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "cosigned_by" text;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "cosigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "overdue_since" date;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "rating_opens_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "milestones" ADD COLUMN "rating_closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "deliberation_id" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "need_id" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "fund_id" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "funder_org_id" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "requires_cosign" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "scope_place_id" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rating_bar_tenths" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rating_bar_households" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "rating_window_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "budget_lines" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "evaluation" jsonb;--> statement-breakpoint
ALTER TABLE "milestone_evidence" ADD CONSTRAINT "milestone_evidence_report_id_milestone_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."milestone_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_payments" ADD CONSTRAINT "milestone_payments_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_payments" ADD CONSTRAINT "milestone_payments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_payments" ADD CONSTRAINT "milestone_payments_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_payments" ADD CONSTRAINT "milestone_payments_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_ratings" ADD CONSTRAINT "milestone_ratings_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_ratings" ADD CONSTRAINT "milestone_ratings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_ratings" ADD CONSTRAINT "milestone_ratings_rated_by_users_id_fk" FOREIGN KEY ("rated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_ratings" ADD CONSTRAINT "milestone_ratings_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reminders" ADD CONSTRAINT "milestone_reminders_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reports" ADD CONSTRAINT "milestone_reports_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reports" ADD CONSTRAINT "milestone_reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reports" ADD CONSTRAINT "milestone_reports_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reviews" ADD CONSTRAINT "milestone_reviews_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reviews" ADD CONSTRAINT "milestone_reviews_report_id_milestone_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."milestone_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_reviews" ADD CONSTRAINT "milestone_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "milestone_evidence_report" ON "milestone_evidence" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "milestone_payments_project" ON "milestone_payments" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_reports_version" ON "milestone_reports" USING btree ("milestone_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "milestone_reports_one_draft" ON "milestone_reports" USING btree ("milestone_id") WHERE "milestone_reports"."status" = 'draft';--> statement-breakpoint
CREATE INDEX "milestone_reviews_milestone" ON "milestone_reviews" USING btree ("milestone_id","created_at");--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_staff_accepted_by_users_id_fk" FOREIGN KEY ("staff_accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_cosigned_by_users_id_fk" FOREIGN KEY ("cosigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_deliberation_id_deliberations_id_fk" FOREIGN KEY ("deliberation_id") REFERENCES "public"."deliberations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_funder_org_id_organisations_id_fk" FOREIGN KEY ("funder_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_scope_place_id_places_id_fk" FOREIGN KEY ("scope_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_cosign_after_staff" CHECK ("milestones"."cosigned_by" is null or "milestones"."staff_accepted_by" is not null);--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_cosigner_not_staff" CHECK ("milestones"."cosigned_by" is null or "milestones"."cosigned_by" <> "milestones"."staff_accepted_by");--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_amount_positive" CHECK ("projects"."amount_fen" > 0);--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_rating_bar" CHECK ("projects"."rating_bar_tenths" is null or ("projects"."rating_bar_tenths" between 10 and 50 and "projects"."rating_bar_households" >= 1));--> statement-breakpoint
-- Belt and braces for "never more than the agreement": the release code locks the project row and
-- checks the sum; this trigger refuses any payment row that would take the project over its amount.
CREATE FUNCTION milestone_payments_within_amount() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  released bigint;
  total bigint;
BEGIN
  SELECT coalesce(sum(amount_fen), 0) INTO released FROM milestone_payments WHERE project_id = NEW.project_id;
  SELECT amount_fen INTO total FROM projects WHERE id = NEW.project_id;
  IF released > total THEN
    RAISE EXCEPTION 'milestone payments % exceed the project amount %', released, total USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER milestone_payments_within_amount AFTER INSERT OR UPDATE ON milestone_payments
  FOR EACH ROW EXECUTE FUNCTION milestone_payments_within_amount();
