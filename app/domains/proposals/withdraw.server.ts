// An organisation withdraws its proposal, only before the deadline (database clock).
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { proposals } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { lockNeed } from "./need-lock.server";

export async function withdrawProposal(options: { actor: Actor | null; proposalId: string }) {
  const { actor, proposalId } = options;
  if (!actor) throw forbidden();
  const [found] = await db().select({ serviceNeedId: proposals.serviceNeedId, orgId: proposals.orgId }).from(proposals).where(eq(proposals.id, proposalId));
  if (!found || !actor.memberships.some((m) => m.orgId === found.orgId)) throw notFound();

  return db().transaction(async (tx) => {
    const { closed } = await lockNeed(tx, found.serviceNeedId, "share");
    if (closed) throw conflict("proposals.deadlinePassed");
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for("update");
    if (proposal.status !== "draft" && proposal.status !== "submitted") throw conflict("proposals.notEditable");
    const [withdrawn] = await tx.update(proposals).set({ status: "withdrawn", updatedAt: sql`now()` }).where(eq(proposals.id, proposalId)).returning();
    await recordAudit(tx, { actorId: actor.userId, action: "proposal.withdraw", entityType: "proposal", entityId: proposalId, fromState: proposal.status, toState: "withdrawn" });
    return withdrawn;
  });
}
