// The raiser takes back a need the community has not yet looked at.
import { db } from "@db/client";
import { conflict, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertCanMove, followerIds, lockNeed, setNeed, staffOf, tell } from "./steps.server";
import { recordNeedStep } from "./timeline.server";

export async function withdrawNeed(options: { actor: Actor | null; needId: string }) {
  const { actor } = options;
  authorize(actor, "account.use");
  await db().transaction(async (tx) => {
    const need = await lockNeed(tx, options.needId);
    if (need.raisedBy !== actor.userId) throw forbidden("needs.onlyRaiserWithdraws");
    if (need.status !== "submitted") throw conflict("needs.withdrawTooLate");
    assertCanMove(need, "withdrawn");
    await setNeed(tx, need.id, { status: "withdrawn" });
    await recordNeedStep(tx, { needId: need.id, actorId: actor.userId, kind: "withdrawn", fromStatus: need.status, toStatus: "withdrawn" });
    await tell(tx, { needId: need.id, actorId: actor.userId, eventKey: newId() }, [...(await staffOf(tx, "community_committee", need.communityId)), ...(await followerIds(tx, { ...need, status: "withdrawn" }))], {
      kind: "need.withdrawn",
      title: "needs.notifyWithdrawnTitle",
      body: "needs.notifyWithdrawnBody",
      params: { title: need.title },
      link: `/community/${need.communityId}/needs/${need.id}`,
    });
  });
}
