// Staff fold a duplicate into the need they keep: the duplicate is marked merged and points to the
// kept one. A merge never widens who may read a need: the duplicate's followers do not become the
// kept need's followers; they hear of its steps only while it is public (followerIds), and read it
// only as the public does. A private kept need is not even named to them.
import { db } from "@db/client";
import { badInput, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { FINISHED_NEED_STATUSES, isPubliclyVisible } from "./states";
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
    const keptIsPublic = isPubliclyVisible(kept);
    await tell(tx, { needId: duplicate.id, actorId: actor.userId, eventKey: newId() }, await followerIds(tx, duplicate), {
      kind: "need.merged",
      title: "needs.notifyMergedTitle",
      body: keptIsPublic ? "needs.notifyMergedBody" : "needs.notifyMergedPrivateBody",
      params: keptIsPublic ? { title: duplicate.title, kept: kept.title } : { title: duplicate.title },
      link: keptIsPublic ? `/needs/${kept.id}` : `/needs/${duplicate.id}`,
    });
    return { keptId: kept.id };
  });
}
