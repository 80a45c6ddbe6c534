import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, badInput, conflict } from "~/utils/errors";
import { can, type Actor } from "~/utils/permissions.server";
import type { LinkResidentInput } from "./schemas";
import { managedHousehold, membershipOf } from "./scope.server";

export type LinkOutcome = "linked" | "confirmed" | "moved";

/**
 * Staff link a registered person, found by phone or email, to a household as a verified member.
 * A person already in another household is moved only when staff say so, and only within what
 * they manage; a household of another community is never emptied from here.
 */
export async function linkResident(options: { actor: Actor | null; householdId: string; input: LinkResidentInput }): Promise<{ outcome: LinkOutcome; name: string }> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  const { input } = options;
  const [resident] = await db()
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(input.contact.phone ? eq(users.phone, input.contact.phone) : eq(users.email, input.contact.email ?? ""));
  if (!resident) throw badInput({ contact: "households.contactUnknown" });

  const audit = { actorId: actor.userId, entityType: "household", entityId: household.id };
  const outcome = await db().transaction(async (tx): Promise<LinkOutcome> => {
    const current = await membershipOf(tx, resident.id);
    if (!current) {
      const inserted = await tx
        .insert(householdMembers)
        .values({ userId: resident.id, householdId: household.id, verified: true, linkedBy: actor.userId })
        .onConflictDoNothing()
        .returning({ userId: householdMembers.userId });
      if (inserted.length === 0) throw conflict(); // linked somewhere at this very moment: look again
      await recordAudit(tx, { ...audit, action: "household.link_resident", toState: "verified", detail: { userId: resident.id } });
      return "linked";
    }
    if (current.householdId === household.id) {
      if (current.verified) throw badInput({ contact: "households.alreadyMember" });
      await tx.update(householdMembers).set({ verified: true, linkedBy: actor.userId }).where(eq(householdMembers.userId, resident.id));
      await recordAudit(tx, { ...audit, action: "household.confirm_member", fromState: "unverified", toState: "verified", detail: { userId: resident.id } });
      return "confirmed";
    }
    if (!can(actor, "households.manage", { communityId: current.household?.communityId ?? undefined })) {
      throw new AppError("bad_input", { message: "households.inOtherCommunity", fieldErrors: { contact: "households.inOtherCommunity" } });
    }
    if (!input.move) {
      const where = `${current.household?.buildingName ?? ""} ${current.household?.label ?? ""}`.trim();
      throw new AppError("bad_input", { message: "households.inOtherHousehold", params: { household: where }, fieldErrors: { move: "households.tickMoveToConfirm" } });
    }
    await tx
      .update(householdMembers)
      .set({ householdId: household.id, verified: true, linkedBy: actor.userId })
      .where(and(eq(householdMembers.userId, resident.id), eq(householdMembers.householdId, current.householdId)));
    await recordAudit(tx, {
      ...audit,
      action: "household.move_resident",
      fromState: current.verified ? "verified" : "unverified",
      toState: "verified",
      detail: { userId: resident.id, fromHouseholdId: current.householdId },
    });
    return "moved";
  });
  return { outcome, name: resident.name };
}
