CREATE TYPE "public"."budget_category" AS ENUM('personnel', 'activities', 'materials', 'admin');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('micro_fund', 'government_purchase', 'grant', 'self_raised');--> statement-breakpoint
CREATE TYPE "public"."proposal_status" AS ENUM('draft', 'submitted', 'shortlisted', 'selected', 'not_selected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."service_need_status" AS ENUM('draft', 'published', 'evaluating', 'selected', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."agreement_status" AS ENUM('pending', 'accepted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."milestone_status" AS ENUM('pending', 'submitted', 'changes_requested', 'accepted', 'paid', 'overdue');--> statement-breakpoint
CREATE TYPE "public"."project_status" AS ENUM('contracting', 'active', 'completed', 'terminated');--> statement-breakpoint
CREATE TABLE "proposal_answers" (
	"proposal_id" text NOT NULL,
	"question_id" text NOT NULL,
	"answer" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_budget_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"category" "budget_category" NOT NULL,
	"description" text NOT NULL,
	"amount_fen" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"payment_share_bp" integer NOT NULL,
	"deliverables" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_team_members" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"certified" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"service_need_id" text NOT NULL,
	"org_id" text NOT NULL,
	"status" "proposal_status" DEFAULT 'draft' NOT NULL,
	"approach" text DEFAULT '' NOT NULL,
	"total_fen" bigint DEFAULT 0 NOT NULL,
	"decision_reasons" text,
	"created_by" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "saved_searches" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb NOT NULL,
	"last_digest_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_need_clarifications" (
	"id" text PRIMARY KEY NOT NULL,
	"service_need_id" text NOT NULL,
	"asked_by_org_id" text NOT NULL,
	"asked_by" text NOT NULL,
	"question" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_need_questions" (
	"id" text PRIMARY KEY NOT NULL,
	"service_need_id" text NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_needs" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"posted_by_org_id" text NOT NULL,
	"need_id" text,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" "need_category" NOT NULL,
	"place_id" text NOT NULL,
	"beneficiary_group" text NOT NULL,
	"beneficiary_count" integer NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"budget_min_fen" bigint NOT NULL,
	"budget_max_fen" bigint NOT NULL,
	"funding_source" "funding_source" NOT NULL,
	"verified_only" boolean DEFAULT true NOT NULL,
	"min_certified_workers" integer DEFAULT 0 NOT NULL,
	"required_service_area_id" text,
	"min_reputation" integer,
	"proposal_deadline" timestamp with time zone NOT NULL,
	"requires_council_approval" boolean DEFAULT false NOT NULL,
	"status" "service_need_status" DEFAULT 'draft' NOT NULL,
	"withdrawal_reason" text,
	"selected_proposal_id" text,
	"selection_reasons" text,
	"council_approval" text,
	"search_grams" text[] GENERATED ALWAYS AS (cjk_grams(title || ' ' || description)) STORED NOT NULL,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_needs_budget" CHECK ("service_needs"."budget_min_fen" > 0 and "service_needs"."budget_max_fen" >= "service_needs"."budget_min_fen"),
	CONSTRAINT "service_needs_period" CHECK ("service_needs"."period_end" >= "service_needs"."period_start"),
	CONSTRAINT "service_needs_beneficiaries" CHECK ("service_needs"."beneficiary_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"due_date" date NOT NULL,
	"payment_share_bp" integer NOT NULL,
	"amount_fen" bigint NOT NULL,
	"deliverables" jsonb NOT NULL,
	"evidence_required" text DEFAULT '' NOT NULL,
	"status" "milestone_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"community_id" text NOT NULL,
	"provider_org_id" text,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"agreement_id" text,
	"amount_fen" bigint NOT NULL,
	"status" "project_status" DEFAULT 'contracting' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_agreements" (
	"id" text PRIMARY KEY NOT NULL,
	"service_need_id" text NOT NULL,
	"proposal_id" text NOT NULL,
	"purchaser_org_id" text NOT NULL,
	"provider_org_id" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" "agreement_status" DEFAULT 'pending' NOT NULL,
	"purchaser_accepted_by" text,
	"purchaser_accepted_at" timestamp with time zone,
	"provider_accepted_by" text,
	"provider_accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_agreements_proposal_id_unique" UNIQUE("proposal_id"),
	CONSTRAINT "agreements_amount_positive" CHECK ("service_agreements"."amount_fen" > 0)
);
--> statement-breakpoint
ALTER TABLE "proposal_answers" ADD CONSTRAINT "proposal_answers_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_answers" ADD CONSTRAINT "proposal_answers_question_id_service_need_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."service_need_questions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_budget_lines" ADD CONSTRAINT "proposal_budget_lines_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_milestones" ADD CONSTRAINT "proposal_milestones_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_team_members" ADD CONSTRAINT "proposal_team_members_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_team_members" ADD CONSTRAINT "proposal_team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_service_need_id_service_needs_id_fk" FOREIGN KEY ("service_need_id") REFERENCES "public"."service_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_searches" ADD CONSTRAINT "saved_searches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_need_clarifications" ADD CONSTRAINT "service_need_clarifications_service_need_id_service_needs_id_fk" FOREIGN KEY ("service_need_id") REFERENCES "public"."service_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_need_clarifications" ADD CONSTRAINT "service_need_clarifications_asked_by_org_id_organisations_id_fk" FOREIGN KEY ("asked_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_need_clarifications" ADD CONSTRAINT "service_need_clarifications_asked_by_users_id_fk" FOREIGN KEY ("asked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_need_clarifications" ADD CONSTRAINT "service_need_clarifications_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_need_questions" ADD CONSTRAINT "service_need_questions_service_need_id_service_needs_id_fk" FOREIGN KEY ("service_need_id") REFERENCES "public"."service_needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_needs" ADD CONSTRAINT "service_needs_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_needs" ADD CONSTRAINT "service_needs_posted_by_org_id_organisations_id_fk" FOREIGN KEY ("posted_by_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_needs" ADD CONSTRAINT "service_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_needs" ADD CONSTRAINT "service_needs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_needs" ADD CONSTRAINT "service_needs_required_service_area_id_places_id_fk" FOREIGN KEY ("required_service_area_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_needs" ADD CONSTRAINT "service_needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_provider_org_id_organisations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_agreement_id_service_agreements_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."service_agreements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_service_need_id_service_needs_id_fk" FOREIGN KEY ("service_need_id") REFERENCES "public"."service_needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_purchaser_org_id_organisations_id_fk" FOREIGN KEY ("purchaser_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_provider_org_id_organisations_id_fk" FOREIGN KEY ("provider_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_purchaser_accepted_by_users_id_fk" FOREIGN KEY ("purchaser_accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_agreements" ADD CONSTRAINT "service_agreements_provider_accepted_by_users_id_fk" FOREIGN KEY ("provider_accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_answers_unique" ON "proposal_answers" USING btree ("proposal_id","question_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_milestones_position" ON "proposal_milestones" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_one_per_org" ON "proposals" USING btree ("service_need_id","org_id");--> statement-breakpoint
CREATE INDEX "proposals_org" ON "proposals" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "clarifications_need" ON "service_need_clarifications" USING btree ("service_need_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "service_need_questions_position" ON "service_need_questions" USING btree ("service_need_id","position");--> statement-breakpoint
CREATE INDEX "service_needs_open" ON "service_needs" USING btree ("status","proposal_deadline");--> statement-breakpoint
CREATE INDEX "service_needs_community" ON "service_needs" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "service_needs_published" ON "service_needs" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "service_needs_search_grams" ON "service_needs" USING gin ("search_grams");--> statement-breakpoint
CREATE UNIQUE INDEX "milestones_position" ON "milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "milestones_due" ON "milestones" USING btree ("status","due_date");--> statement-breakpoint
CREATE UNIQUE INDEX "projects_source" ON "projects" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "projects_community" ON "projects" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "projects_provider" ON "projects" USING btree ("provider_org_id");