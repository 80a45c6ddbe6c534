ALTER TABLE "disbursements" ADD COLUMN "payee_type" text DEFAULT 'individual' NOT NULL;--> statement-breakpoint
ALTER TABLE "disbursements" ADD CONSTRAINT "disbursement_payee_type" CHECK ("disbursements"."payee_type" in ('org', 'individual', 'other'));--> statement-breakpoint
-- Disbursements to an organisation already say so by their payee organisation.
UPDATE "disbursements" SET "payee_type" = 'org' WHERE "payee_org_id" IS NOT NULL;
