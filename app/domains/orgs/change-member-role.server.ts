import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { memberships, type MemberRole } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertMayHandleOwners, assertNotLastOwner, lockMembership } from "./memberships.server";

/** An owner or admin changes a member's role; the last owner stays an owner. */
export async function changeMemberRole(options: { actor: Actor; orgId: string; userId: string; role: MemberRole }) {
  const { actor, orgId, userId, role } = options;
  authorize(actor, "org.manage", { orgId });
  await db().transaction(async (tx) => {
    const membership = await lockMembership(tx, orgId, userId);
    if (membership.role === role) return;
    assertMayHandleOwners(actor, orgId, membership.role, role);
    await assertNotLastOwner(tx, orgId, membership.role);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "membership.change_role",
      entityType: "organisation",
      entityId: orgId,
      fromState: membership.role,
      toState: role,
      detail: { userId },
    });
  });
}
