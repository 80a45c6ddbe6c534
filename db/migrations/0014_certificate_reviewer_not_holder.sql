-- Certificates their holder checked themselves go back to be checked by someone else.
UPDATE "social_worker_certificates" SET "status" = 'pending', "reviewed_by" = NULL, "reviewed_at" = NULL WHERE "reviewed_by" = "user_id";--> statement-breakpoint
ALTER TABLE "social_worker_certificates" ADD CONSTRAINT "certificates_reviewer_not_holder" CHECK ("social_worker_certificates"."reviewed_by" is null or "social_worker_certificates"."reviewed_by" <> "social_worker_certificates"."user_id");
