import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { managedHousehold } from "./scope.server";

/** Staff confirm a resident who joined by code: from now on the household's vote counts them. */
export async function confirmMember(options: { actor: Actor | null; householdId: string; userId: string }): Promise<void> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  await db().transaction(async (tx) => {
    const [member] = await tx
      .update(householdMembers)
      .set({ verified: true, linkedBy: actor.userId })
      .where(and(eq(householdMembers.userId, options.userId), eq(householdMembers.householdId, household.id), eq(householdMembers.verified, false)))
      .returning({ userId: householdMembers.userId });
    if (!member) {
      // Either confirmed already (nothing to do) or not a member of this household at all.
      const [existing] = await tx
        .select({ verified: householdMembers.verified })
        .from(householdMembers)
        .where(and(eq(householdMembers.userId, options.userId), eq(householdMembers.householdId, household.id)));
      if (!existing) throw notFound();
      return;
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "household.confirm_member",
      entityType: "household",
      entityId: household.id,
      fromState: "unverified",
      toState: "verified",
      detail: { userId: options.userId },
    });
  });
}
