import { and, eq, isNotNull, lte } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { householdLinkRequests, householdMembers, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { countHit } from "~/utils/rate-limit.server";
import { AppError, badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { can, type Actor } from "~/utils/permissions.server";
import type { LinkOutcome, LinkResidentInput } from "./schemas";
import { maskContact } from "./queries.server";
import { managedHousehold, membershipOf } from "./scope.server";

/** How long a resident has to answer staff's request before it lapses. */
export const LINK_REQUEST_DAYS = 14;
/** "Link resident" tries per member of staff a day: each try tells whether a number is a verified account. */
export const LINK_TRIES_PER_DAY = 30;

/**
 * Staff link a registered person, found by a phone number or email they have verified, to a
 * household. Someone the staff already serve (a member of a household they manage) is confirmed,
 * or moved when staff tick the box, at once. Anyone else is asked: the link waits for the person to
 * accept it on /household, and until then staff see only the masked contact they typed. So typing
 * numbers into this form neither names anybody nor makes a stranger a voter
 * (docs/decisions/0011-contact-verification.md).
 */
export async function linkResident(options: { actor: Actor | null; householdId: string; input: LinkResidentInput }): Promise<{ outcome: LinkOutcome }> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  const { input } = options;
  // Every try counts, found or not: the form is no way to test a list of numbers either.
  await countHit([{ key: `household-link:${actor.userId}`, limit: LINK_TRIES_PER_DAY, windowSeconds: 86_400 }]);
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
      await askResident(tx, { actorId: actor.userId, userId: resident.id, household, contactHint: maskContact(input.contact.phone ?? null, input.contact.email ?? null) });
      return "requested";
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

/**
 * A pending request to join the household, with its audit row and a notice to the person (in the
 * app, and by text or email). Asking again while one is pending changes nothing; a lapsed one is
 * replaced.
 */
async function askResident(tx: Tx, options: { actorId: string; userId: string; household: { id: string; label: string; buildingName: string }; contactHint: string }) {
  const { household, userId } = options;
  const mine = and(eq(householdLinkRequests.householdId, household.id), eq(householdLinkRequests.userId, userId));
  await tx.delete(householdLinkRequests).where(and(mine, lte(householdLinkRequests.expiresAt, new Date())));
  const [request] = await tx
    .insert(householdLinkRequests)
    .values({
      id: newId(),
      householdId: household.id,
      userId,
      contactHint: options.contactHint,
      requestedBy: options.actorId,
      expiresAt: new Date(Date.now() + LINK_REQUEST_DAYS * 86_400_000),
    })
    .onConflictDoNothing()
    .returning({ id: householdLinkRequests.id });
  if (!request) return; // already asked, and still waiting for an answer
  await recordAudit(tx, {
    actorId: options.actorId,
    action: "household.link_requested",
    entityType: "household",
    entityId: household.id,
    toState: "pending",
    detail: { userId, requestId: request.id },
  });
  await enqueueJob(tx, "notify", {
    key: `household.link_request:${request.id}`,
    kind: "household.link_request",
    title: "households.notifyRequestTitle",
    body: "households.notifyRequestBody",
    params: { household: `${household.buildingName} ${household.label}`, days: LINK_REQUEST_DAYS },
    link: "/household",
    userIds: [userId],
  });
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
