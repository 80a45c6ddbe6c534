import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { memberships } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertMayHandleOwners, assertNotLastOwner, lockMembership } from "./memberships.server";

/** An owner or admin removes someone from the organisation; the last owner cannot be removed. */
export async function removeMember(options: { actor: Actor; orgId: string; userId: string }) {
  const { actor, orgId, userId } = options;
  authorize(actor, "org.manage", { orgId });
  await db().transaction(async (tx) => {
    const membership = await lockMembership(tx, orgId, userId);
    assertMayHandleOwners(actor, orgId, membership.role);
    await assertNotLastOwner(tx, orgId, membership.role);
    await tx.delete(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "membership.remove",
      entityType: "organisation",
      entityId: orgId,
      fromState: membership.role,
      toState: null,
      detail: { userId },
    });
  });
}
