import { db } from "@db/client";
import { badInput } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { endMembership } from "./scope.server";

/** A resident leaves their household (moving away, or before joining another with a new code). */
export async function leaveHousehold(options: { actor: Actor | null }): Promise<void> {
  const { actor } = options;
  authorize(actor, "account.use");
  await db().transaction(async (tx) => {
    const left = await endMembership(tx, { actorId: actor.userId, action: "household.leave", userId: actor.userId });
    if (!left) throw badInput({}, "households.notInHousehold");
  });
}
