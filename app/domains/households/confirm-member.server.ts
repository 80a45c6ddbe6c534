import { and, eq, isNotNull, or } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { managedHousehold } from "./scope.server";

/**
 * Staff confirm a resident who joined by code: from now on the household's vote counts them. A
 * vote counts only people who proved a number or email (a role follows only a verified contact).
 */
export async function confirmMember(options: { actor: Actor | null; householdId: string; userId: string }): Promise<void> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  await db().transaction(async (tx) => {
    const [proved] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.id, options.userId), or(isNotNull(users.phoneVerifiedAt), isNotNull(users.emailVerifiedAt))));

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
    if (!proved) throw badInput({}, "households.memberNotVerified");
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
