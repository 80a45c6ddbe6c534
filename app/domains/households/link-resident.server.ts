import { and, eq, isNotNull } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { householdMembers, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, badInput, conflict } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { can, type Actor } from "~/utils/permissions.server";
import type { LinkOutcome, LinkResidentInput } from "./schemas";
import { managedHousehold, membershipOf } from "./scope.server";


/**
 * Staff link a registered person, found by a phone number or email they have verified, to a
 * household as a verified member. A person already in another household is moved only when staff
 * say so, and only within what they manage; a household of another community is never emptied
 * from here. The answer says that the number matched, never whose it is: typing numbers into this
 * form is no way to learn residents' names (docs/decisions/0011-contact-verification.md). The
 * resident is told who linked them.
 */
export async function linkResident(options: { actor: Actor | null; householdId: string; input: LinkResidentInput }): Promise<{ outcome: LinkOutcome }> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  const { input } = options;
  const [resident] = await db()
    .select({ id: users.id })
    .from(users)
    .where(
      input.contact.phone
        ? and(eq(users.phone, input.contact.phone), isNotNull(users.phoneVerifiedAt))
        : and(eq(users.email, input.contact.email ?? ""), isNotNull(users.emailVerifiedAt)),
    );
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
      await tellResident(tx, resident.id, household);
      return "linked";
    }
    if (current.householdId === household.id) {
      if (current.verified) throw badInput({ contact: "households.alreadyMember" });
      await tx.update(householdMembers).set({ verified: true, linkedBy: actor.userId }).where(eq(householdMembers.userId, resident.id));
      await recordAudit(tx, { ...audit, action: "household.confirm_member", fromState: "unverified", toState: "verified", detail: { userId: resident.id } });
      await tellResident(tx, resident.id, household);
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
    await tellResident(tx, resident.id, household);
    return "moved";
  });
  return { outcome };
}

/** The resident hears that staff put them in a household, in the same transaction as the link. */
async function tellResident(tx: Tx, userId: string, household: { id: string; label: string; buildingName: string }) {
  await enqueueJob(tx, "notify", {
    key: `household.linked:${newId()}`,
    kind: "household.linked",
    title: "households.notifyLinkedTitle",
    body: "households.notifyLinkedBody",
    params: { household: `${household.buildingName} ${household.label}` },
    link: "/household",
    userIds: [userId],
  });
}
