import { db } from "@db/client";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { endMembership, managedHousehold } from "./scope.server";

/** Staff take a person out of a household (moved away, or joined with a code that was not theirs). */
export async function removeMember(options: { actor: Actor | null; householdId: string; userId: string }): Promise<void> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  await db().transaction(async (tx) => {
    const removed = await endMembership(tx, { actorId: actor.userId, action: "household.remove_member", userId: options.userId, householdId: household.id });
    if (!removed) throw notFound();
  });
}
