import { and, count, eq, gt, isNull, or } from "drizzle-orm";
import { db } from "@db/client";
import { invitations, memberships, organisations, users, type MemberRole } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, badInput, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { contactText, INVITATION_DAYS, INVITATIONS_PER_DAY } from "./invitations.server";
import { assertMayHandleOwners } from "./memberships.server";

/**
 * An owner or admin invites someone by mobile number or email with a role; the invitation goes
 * out by text or email (the `send_invitation` job) with a link to accept it. No more than
 * INVITATIONS_PER_DAY in 24 hours, counted under the organisation's row lock so a burst cannot pass.
 */
export async function inviteMember(options: {
  actor: Actor;
  orgId: string;
  input: { contact: { phone: string } | { email: string }; role: MemberRole };
}): Promise<{ invitationId: string }> {
  const { actor, orgId, input } = options;
  authorize(actor, "org.manage", { orgId });
  assertMayHandleOwners(actor, orgId, input.role);
  const contact = contactText(input.contact);
  const invitationId = newId();
  await db().transaction(async (tx) => {
    const [org] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, orgId)).for("update");
    if (!org) throw notFound();
    const [sent] = await tx
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), gt(invitations.createdAt, new Date(Date.now() - 86_400_000))));
    if (sent.n >= INVITATIONS_PER_DAY) throw new AppError("rate_limited", { message: "orgs.tooManyInvitations", params: { limit: INVITATIONS_PER_DAY } });
    const [member] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), or(eq(users.phone, contact), eq(users.email, contact))));
    if (member) throw badInput({ contact: "orgs.alreadyMember" });
    const [open] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(
        and(
          eq(invitations.orgId, orgId),
          eq(invitations.contact, contact),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      );
    if (open) throw badInput({ contact: "orgs.alreadyInvited" });
    await tx.insert(invitations).values({
      id: invitationId,
      orgId,
      contact,
      role: input.role,
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "invitation.create",
      entityType: "invitation",
      entityId: invitationId,
      toState: "open",
      detail: { orgId, role: input.role },
    });
    await enqueueJob(tx, "send_invitation", { invitationId });
  });
  return { invitationId };
}
