// Staff fold a duplicate into the need they keep: the duplicate is marked merged and points to the
// kept one, and everyone who followed the duplicate now follows the kept need.
import { sql } from "drizzle-orm";
import { db } from "@db/client";
import { needFollowers } from "@db/schema";
import { badInput, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { FINISHED_NEED_STATUSES } from "./states";
import { assertCanMove, followerIds, lockNeed, setNeed, tell } from "./steps.server";
import { recordNeedStep } from "./timeline.server";

export async function mergeNeeds(options: { actor: Actor | null; needId: string; targetId: string }) {
  const { actor } = options;
  authorize(actor, "account.use");
  if (options.needId === options.targetId) throw badInput({ targetId: "needs.mergeIntoItself" });
  return db().transaction(async (tx) => {
    // Always lock in the same order, so two merges of the same pair cannot deadlock.
    const [first, second] = [options.needId, options.targetId].sort();
    const locked = [await lockNeed(tx, first), await lockNeed(tx, second)];
    const duplicate = locked.find((n) => n.id === options.needId)!;
    const kept = locked.find((n) => n.id === options.targetId)!;
    if (!isCommunityStaff(actor, duplicate.communityId)) throw forbidden();
    if (kept.communityId !== duplicate.communityId) throw badInput({ targetId: "needs.mergeOtherCommunity" });
    if (FINISHED_NEED_STATUSES.includes(kept.status)) throw badInput({ targetId: "needs.mergeTargetFinished" });
    assertCanMove(duplicate, "merged");

    await setNeed(tx, duplicate.id, { status: "merged", mergedIntoId: kept.id });
    await tx.execute(sql`
      insert into ${needFollowers} (need_id, user_id)
      select ${kept.id}, user_id from ${needFollowers} where need_id = ${duplicate.id}
      on conflict do nothing`);
    await recordNeedStep(tx, {
      needId: duplicate.id,
      actorId: actor.userId,
      kind: "merged",
      fromStatus: duplicate.status,
      toStatus: "merged",
      detail: { mergedIntoId: kept.id },
    });
    await recordNeedStep(tx, {
      needId: kept.id,
      actorId: actor.userId,
      kind: "absorbed",
      detail: { mergedId: duplicate.id },
    });
    await tell(tx, { needId: duplicate.id, actorId: actor.userId, eventKey: newId() }, await followerIds(tx, duplicate.id), {
      kind: "need.merged",
      title: "needs.notifyMergedTitle",
      body: "needs.notifyMergedBody",
      params: { title: duplicate.title, kept: kept.title },
      link: `/needs/${kept.id}`,
    });
    return { keptId: kept.id };
  });
}
