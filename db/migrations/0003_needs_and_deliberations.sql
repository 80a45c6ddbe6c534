CREATE TYPE "public"."deliberation_status" AS ENUM('draft', 'open', 'closed', 'passed', 'failed', 'no_quorum');--> statement-breakpoint
CREATE TYPE "public"."need_category" AS ENUM('elderly_care', 'children', 'disability', 'correction_rehab', 'environment', 'public_facilities', 'culture_sport', 'neighbour_disputes', 'other');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('submitted', 'triaged', 'in_deliberation', 'decided', 'published', 'matched', 'in_delivery', 'evaluated', 'closed', 'referred', 'rejected', 'withdrawn', 'merged');--> statement-breakpoint
CREATE TYPE "public"."triage_class" AS ENUM('big', 'small', 'private');--> statement-breakpoint
CREATE TYPE "public"."vote_channel" AS ENUM('online', 'paper');--> statement-breakpoint
CREATE TYPE "public"."vote_threshold" AS ENUM('simple_majority', 'two_thirds');--> statement-breakpoint
CREATE TABLE "deliberation_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"deliberation_id" text NOT NULL,
	"author_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_needs" (
	"deliberation_id" text NOT NULL,
	"need_id" text NOT NULL,
	CONSTRAINT "deliberation_needs_deliberation_id_need_id_pk" PRIMARY KEY("deliberation_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "deliberation_options" (
	"id" text PRIMARY KEY NOT NULL,
	"deliberation_id" text NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberations" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"question" text NOT NULL,
	"scope_place_id" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"quorum_percent" integer NOT NULL,
	"threshold" "vote_threshold" NOT NULL,
	"status" "deliberation_status" DEFAULT 'draft' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"previous_round_id" text,
	"result" jsonb,
	"winning_option_id" text,
	"tallied_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliberations_window" CHECK ("deliberations"."closes_at" > "deliberations"."opens_at"),
	CONSTRAINT "deliberations_quorum" CHECK ("deliberations"."quorum_percent" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "need_events" (
	"id" text PRIMARY KEY NOT NULL,
	"need_id" text NOT NULL,
	"actor_id" text,
	"kind" text NOT NULL,
	"from_status" "need_status",
	"to_status" "need_status",
	"note" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_followers" (
	"need_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_followers_need_id_user_id_pk" PRIMARY KEY("need_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "need_photos" (
	"id" text PRIMARY KEY NOT NULL,
	"need_id" text NOT NULL,
	"storage_key" text NOT NULL,
	"content_type" text NOT NULL,
	"bytes" integer NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"category" "need_category" NOT NULL,
	"community_id" text NOT NULL,
	"place_id" text NOT NULL,
	"raised_by" text,
	"filed_by" text NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"status" "need_status" DEFAULT 'submitted' NOT NULL,
	"triage" "triage_class",
	"escalated_to_id" text,
	"triage_note" text,
	"merged_into_id" text,
	"search_grams" text[] GENERATED ALWAYS AS (cjk_grams(title || ' ' || description)) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_merged_has_target" CHECK (("needs"."status" = 'merged') = ("needs"."merged_into_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"deliberation_id" text NOT NULL,
	"household_id" text NOT NULL,
	"option_id" text NOT NULL,
	"channel" "vote_channel" NOT NULL,
	"cast_by" text NOT NULL,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "votes_deliberation_id_household_id_pk" PRIMARY KEY("deliberation_id","household_id")
);
--> statement-breakpoint
ALTER TABLE "deliberation_comments" ADD CONSTRAINT "deliberation_comments_deliberation_id_deliberations_id_fk" FOREIGN KEY ("deliberation_id") REFERENCES "public"."deliberations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_comments" ADD CONSTRAINT "deliberation_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_needs" ADD CONSTRAINT "deliberation_needs_deliberation_id_deliberations_id_fk" FOREIGN KEY ("deliberation_id") REFERENCES "public"."deliberations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_needs" ADD CONSTRAINT "deliberation_needs_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_options" ADD CONSTRAINT "deliberation_options_deliberation_id_deliberations_id_fk" FOREIGN KEY ("deliberation_id") REFERENCES "public"."deliberations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberations" ADD CONSTRAINT "deliberations_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberations" ADD CONSTRAINT "deliberations_scope_place_id_places_id_fk" FOREIGN KEY ("scope_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberations" ADD CONSTRAINT "deliberations_previous_round_id_deliberations_id_fk" FOREIGN KEY ("previous_round_id") REFERENCES "public"."deliberations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberations" ADD CONSTRAINT "deliberations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_followers" ADD CONSTRAINT "need_followers_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_followers" ADD CONSTRAINT "need_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_photos" ADD CONSTRAINT "need_photos_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_community_id_places_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_escalated_to_id_places_id_fk" FOREIGN KEY ("escalated_to_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_merged_into_id_needs_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."needs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_deliberation_id_deliberations_id_fk" FOREIGN KEY ("deliberation_id") REFERENCES "public"."deliberations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_option_id_deliberation_options_id_fk" FOREIGN KEY ("option_id") REFERENCES "public"."deliberation_options"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_cast_by_users_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliberation_comments_deliberation" ON "deliberation_comments" USING btree ("deliberation_id","created_at");--> statement-breakpoint
CREATE INDEX "deliberation_needs_need" ON "deliberation_needs" USING btree ("need_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliberation_options_position" ON "deliberation_options" USING btree ("deliberation_id","position");--> statement-breakpoint
CREATE INDEX "deliberations_community" ON "deliberations" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "deliberations_due" ON "deliberations" USING btree ("closes_at") WHERE "deliberations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "need_events_need" ON "need_events" USING btree ("need_id","at");--> statement-breakpoint
CREATE INDEX "need_followers_user" ON "need_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "needs_inbox" ON "needs" USING btree ("community_id","status","created_at");--> statement-breakpoint
CREATE INDEX "needs_created" ON "needs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "needs_escalated" ON "needs" USING btree ("escalated_to_id","created_at") WHERE "needs"."escalated_to_id" is not null;--> statement-breakpoint
CREATE INDEX "needs_raised_by" ON "needs" USING btree ("raised_by");--> statement-breakpoint
CREATE INDEX "needs_search_grams" ON "needs" USING gin ("search_grams");