import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { invitations, memberships, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { CLOSED_INVITATION, invitationState, maskContact, verifiedHolderOf } from "./invitations.server";

/**
 * The invitee, signed in with the mobile number or email the invitation was sent to, and having
 * proved they hold it (a one-time code), accepts it and becomes a member with the invited role.
 * Whoever merely signed up first with someone's number gets nothing. An invitation is used once.
 */
export async function acceptInvitation(options: { actor: Actor; invitationId: string }): Promise<{ orgId: string }> {
  const { actor, invitationId } = options;
  return db().transaction(async (tx) => {
    const [invitation] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for("update");
    if (!invitation) throw notFound();
    const state = invitationState(invitation);
    if (state !== "open") throw conflict(CLOSED_INVITATION[state]);
    const [me] = await tx
      .select({ phone: users.phone, email: users.email, phoneVerifiedAt: users.phoneVerifiedAt, emailVerifiedAt: users.emailVerifiedAt })
      .from(users)
      .where(eq(users.id, actor.userId));
    const holder = me ? verifiedHolderOf(me, invitation.contact) : "other";
    if (holder === "other") throw forbidden("orgs.invitationNotYours");
    if (holder === "unverified") throw new AppError("forbidden", { message: "orgs.invitationNeedsVerified", params: { contact: maskContact(invitation.contact) } });
    const [existing] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, invitation.orgId), eq(memberships.userId, actor.userId)));
    if (existing) throw conflict("orgs.alreadyMemberSelf");
    await tx.insert(memberships).values({ orgId: invitation.orgId, userId: actor.userId, role: invitation.role });
    await tx.update(invitations).set({ acceptedBy: actor.userId, acceptedAt: new Date() }).where(eq(invitations.id, invitationId));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "invitation.accept",
      entityType: "invitation",
      entityId: invitationId,
      fromState: "open",
      toState: "accepted",
      detail: { orgId: invitation.orgId, role: invitation.role },
    });
    return { orgId: invitation.orgId };
  });
}
