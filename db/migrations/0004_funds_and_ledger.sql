CREATE TYPE "public"."approval_status" AS ENUM('pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."campaign_status" AS ENUM('draft', 'active', 'closed');--> statement-breakpoint
CREATE TYPE "public"."disbursement_authority" AS ENUM('deliberation', 'board_approval');--> statement-breakpoint
CREATE TYPE "public"."donation_status" AS ENUM('created', 'pending', 'succeeded', 'failed', 'expired', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."fund_kind" AS ENUM('foundation', 'micro_fund', 'sub_fund');--> statement-breakpoint
CREATE TYPE "public"."fund_role" AS ENUM('manager', 'accountant', 'supervisor');--> statement-breakpoint
CREATE TYPE "public"."account_type" AS ENUM('asset', 'liability', 'net_assets', 'income', 'expense');--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"goal_fen" bigint NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"need_id" text,
	"status" "campaign_status" DEFAULT 'draft' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_goal_positive" CHECK ("campaigns"."goal_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "disbursements" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"payee_name" text NOT NULL,
	"payee_org_id" text,
	"project_id" text,
	"purpose" text NOT NULL,
	"authority" "disbursement_authority" NOT NULL,
	"deliberation_id" text,
	"board_resolution" text,
	"evidence_key" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disbursement_positive" CHECK ("disbursements"."amount_fen" > 0),
	CONSTRAINT "disbursement_authorised" CHECK (("disbursements"."authority" = 'deliberation' and "disbursements"."deliberation_id" is not null) or ("disbursements"."authority" = 'board_approval' and "disbursements"."board_resolution" is not null))
);
--> statement-breakpoint
CREATE TABLE "donations" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"campaign_id" text,
	"donor_user_id" text,
	"donor_name" text NOT NULL,
	"donor_email" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"message" text,
	"amount_fen" bigint NOT NULL,
	"refunded_fen" bigint DEFAULT 0 NOT NULL,
	"fee_fen" bigint,
	"status" "donation_status" DEFAULT 'created' NOT NULL,
	"checkout_session_id" text,
	"payment_intent_id" text,
	"payment_method" text,
	"subscription_id" text,
	"receipt_number" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"succeeded_at" timestamp with time zone,
	CONSTRAINT "donations_checkout_session_id_unique" UNIQUE("checkout_session_id"),
	CONSTRAINT "donations_payment_intent_id_unique" UNIQUE("payment_intent_id"),
	CONSTRAINT "donations_receipt_number_unique" UNIQUE("receipt_number"),
	CONSTRAINT "donations_amount_positive" CHECK ("donations"."amount_fen" > 0),
	CONSTRAINT "donations_refund_within_amount" CHECK ("donations"."refunded_fen" between 0 and "donations"."amount_fen")
);
--> statement-breakpoint
CREATE TABLE "fund_roles" (
	"fund_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" "fund_role" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "funds" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "fund_kind" NOT NULL,
	"holder_org_id" text NOT NULL,
	"parent_fund_id" text,
	"community_id" text,
	"name" text NOT NULL,
	"purpose" text NOT NULL,
	"spending_rules" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funds_sub_fund_has_parent" CHECK (("funds"."kind" = 'sub_fund') = ("funds"."parent_fund_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" text PRIMARY KEY NOT NULL,
	"pledge_id" text NOT NULL,
	"donation_id" text NOT NULL,
	"donor_key" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matching_pledges" (
	"id" text PRIMARY KEY NOT NULL,
	"campaign_id" text NOT NULL,
	"matcher_name" text NOT NULL,
	"matcher_org_id" text,
	"ratio_numerator" integer NOT NULL,
	"ratio_denominator" integer NOT NULL,
	"cap_fen" bigint NOT NULL,
	"per_donor_cap_fen" bigint NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pledges_ratio_positive" CHECK ("matching_pledges"."ratio_numerator" > 0 and "matching_pledges"."ratio_denominator" > 0),
	CONSTRAINT "pledges_caps_positive" CHECK ("matching_pledges"."cap_fen" > 0 and "matching_pledges"."per_donor_cap_fen" > 0),
	CONSTRAINT "pledges_window" CHECK ("matching_pledges"."ends_at" > "matching_pledges"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "offline_incomes" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"source" text NOT NULL,
	"payer_name" text NOT NULL,
	"description" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"evidence_key" text,
	"received_on" timestamp with time zone NOT NULL,
	"status" "approval_status" DEFAULT 'pending' NOT NULL,
	"recorded_by" text NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offline_income_positive" CHECK ("offline_incomes"."amount_fen" > 0),
	CONSTRAINT "offline_income_four_eyes" CHECK ("offline_incomes"."decided_by" is null or "offline_incomes"."decided_by" <> "offline_incomes"."recorded_by")
);
--> statement-breakpoint
CREATE TABLE "payment_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"outcome" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"memo" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"counterparty" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" bigint NOT NULL,
	"account_id" text NOT NULL,
	"debit_fen" bigint DEFAULT 0 NOT NULL,
	"credit_fen" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "journal_lines_one_side" CHECK (("journal_lines"."debit_fen" > 0 and "journal_lines"."credit_fen" = 0) or ("journal_lines"."credit_fen" > 0 and "journal_lines"."debit_fen" = 0))
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_id" text NOT NULL,
	"code" text NOT NULL,
	"type" "account_type" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_payee_org_id_organisations_id_fk" FOREIGN KEY ("payee_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "donations" ADD CONSTRAINT "donations_donor_user_id_users_id_fk" FOREIGN KEY ("donor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_roles" ADD CONSTRAINT "fund_roles_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_roles" ADD CONSTRAINT "fund_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_holder_org_id_organisations_id_fk" FOREIGN KEY ("holder_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_parent_fund_id_funds_id_fk" FOREIGN KEY ("parent_fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funds" ADD CONSTRAINT "funds_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_pledge_id_matching_pledges_id_fk" FOREIGN KEY ("pledge_id") REFERENCES "public"."matching_pledges"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_donation_id_donations_id_fk" FOREIGN KEY ("donation_id") REFERENCES "public"."donations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_pledges" ADD CONSTRAINT "matching_pledges_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matching_pledges" ADD CONSTRAINT "matching_pledges_matcher_org_id_organisations_id_fk" FOREIGN KEY ("matcher_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_incomes" ADD CONSTRAINT "offline_incomes_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_incomes" ADD CONSTRAINT "offline_incomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_incomes" ADD CONSTRAINT "offline_incomes_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_fund_id_funds_id_fk" FOREIGN KEY ("fund_id") REFERENCES "public"."funds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "donations_fund" ON "donations" USING btree ("fund_id","created_at");--> statement-breakpoint
CREATE INDEX "donations_donor" ON "donations" USING btree ("donor_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_roles_unique" ON "fund_roles" USING btree ("fund_id","user_id","role");--> statement-breakpoint
CREATE UNIQUE INDEX "matches_once_per_donation" ON "matches" USING btree ("pledge_id","donation_id");--> statement-breakpoint
CREATE INDEX "matches_donor" ON "matches" USING btree ("pledge_id","donor_key");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_fund_seq" ON "journal_entries" USING btree ("fund_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_source" ON "journal_entries" USING btree ("source_type","source_id","kind");--> statement-breakpoint
CREATE INDEX "journal_entries_fund_time" ON "journal_entries" USING btree ("fund_id","occurred_at");--> statement-breakpoint
CREATE INDEX "journal_lines_entry" ON "journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_account" ON "journal_lines" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_fund_code" ON "ledger_accounts" USING btree ("fund_id","code");