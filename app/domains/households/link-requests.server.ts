// A resident's answer to staff's request to join a household, and staff withdrawing one. Only the
// person asked can accept or decline; anyone else is told there is no such request (404).
import { and, eq, gt, lte } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { householdLinkRequests, householdMembers } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, conflict, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { managedHousehold, membershipOf } from "./scope.server";

/** The pending, unlapsed request `requestId` addressed to `userId`, locked, or 404. */
async function requestTo(tx: Tx, requestId: string, userId: string) {
  const [request] = await tx
    .select()
    .from(householdLinkRequests)
    .where(and(eq(householdLinkRequests.id, requestId), eq(householdLinkRequests.userId, userId), gt(householdLinkRequests.expiresAt, new Date())))
    .for("update");
  if (!request) throw notFound();
  return request;
}

/**
 * The resident accepts: from now on they are a confirmed member of the household (its vote counts
 * them). A resident already in another household leaves it first, by their own hand.
 */
export async function acceptLinkRequest(options: { actor: Actor | null; requestId: string }): Promise<void> {
  const { actor } = options;
  authorize(actor, "account.use");
  await db().transaction(async (tx) => {
    const request = await requestTo(tx, options.requestId, actor.userId);
    const current = await membershipOf(tx, actor.userId);
    if (current && current.householdId !== request.householdId) throw badInput({}, "households.leaveBeforeAccepting");
    if (current) {
      await tx.update(householdMembers).set({ verified: true, linkedBy: request.requestedBy }).where(eq(householdMembers.userId, actor.userId));
    } else {
      const joined = await tx
        .insert(householdMembers)
        .values({ userId: actor.userId, householdId: request.householdId, verified: true, linkedBy: request.requestedBy })
        .onConflictDoNothing()
        .returning({ userId: householdMembers.userId });
      if (joined.length === 0) throw conflict(); // joined somewhere at this very moment: look again
    }
    await tx.delete(householdLinkRequests).where(eq(householdLinkRequests.id, request.id));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "household.link_accepted",
      entityType: "household",
      entityId: request.householdId,
      fromState: current ? "unverified" : "pending",
      toState: "verified",
      detail: { userId: actor.userId, requestId: request.id, requestedBy: request.requestedBy },
    });
  });
}

/** The resident declines: the request is gone and nothing else changes. */
export async function declineLinkRequest(options: { actor: Actor | null; requestId: string }): Promise<void> {
  const { actor } = options;
  authorize(actor, "account.use");
  await db().transaction(async (tx) => {
    const request = await requestTo(tx, options.requestId, actor.userId);
    await tx.delete(householdLinkRequests).where(eq(householdLinkRequests.id, request.id));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "household.link_declined",
      entityType: "household",
      entityId: request.householdId,
      fromState: "pending",
      toState: "declined",
      detail: { userId: actor.userId, requestId: request.id, requestedBy: request.requestedBy },
    });
  });
}

/** Staff of the household's community withdraw a request the resident has not answered. */
export async function cancelLinkRequest(options: { actor: Actor | null; householdId: string; requestId: string }): Promise<void> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  await db().transaction(async (tx) => {
    const [request] = await tx
      .delete(householdLinkRequests)
      .where(and(eq(householdLinkRequests.id, options.requestId), eq(householdLinkRequests.householdId, household.id)))
      .returning();
    if (!request) throw notFound();
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "household.link_cancelled",
      entityType: "household",
      entityId: household.id,
      fromState: "pending",
      toState: "cancelled",
      detail: { userId: request.userId, requestId: request.id },
    });
  });
}

/** Requests nobody answered in time are deleted (the worker's daily sweep); they already count for nothing. */
export async function forgetLapsedLinkRequests(): Promise<number> {
  const gone = await db().delete(householdLinkRequests).where(lte(householdLinkRequests.expiresAt, new Date())).returning({ id: householdLinkRequests.id });
  return gone.length;
}
