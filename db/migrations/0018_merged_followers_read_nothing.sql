-- Merges used to copy a duplicate's followers onto the kept need. Following grants no reading now,
-- and a duplicate's followers hear of the kept need only while it is public (followerIds); the
-- copies made before are taken back, except where the person raised the kept need themselves.
DELETE FROM "need_followers" f
USING "needs" d, "need_followers" df, "needs" k
WHERE d."merged_into_id" = f."need_id"
  AND df."need_id" = d."id"
  AND df."user_id" = f."user_id"
  AND k."id" = f."need_id"
  AND k."raised_by" IS DISTINCT FROM f."user_id";
