ALTER TABLE "users" DROP CONSTRAINT "users_contact_present";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "contact_lost_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_contact_present" CHECK ("users"."phone" is not null or "users"."email" is not null or "users"."contact_lost_at" is not null);