import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { invitations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { CLOSED_INVITATION, invitationState } from "./invitations.server";

/** An owner or admin withdraws an invitation that has not been used; its link stops working. */
export async function revokeInvitation(options: { actor: Actor; orgId: string; invitationId: string }) {
  const { actor, orgId, invitationId } = options;
  authorize(actor, "org.manage", { orgId });
  await db().transaction(async (tx) => {
    const [invitation] = await tx.select().from(invitations).where(eq(invitations.id, invitationId)).for("update");
    if (!invitation || invitation.orgId !== orgId) throw notFound();
    const state = invitationState(invitation);
    if (state !== "open") throw conflict(CLOSED_INVITATION[state]);
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, invitationId));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "invitation.revoke",
      entityType: "invitation",
      entityId: invitationId,
      fromState: "open",
      toState: "revoked",
      detail: { orgId },
    });
  });
}
