// Submitting a saved proposal: only a member of a verified organisation that meets the service
// need's requirements, before the deadline, and only a complete proposal (sums, range, shares,
// dates, every question answered).
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { organisations, proposals } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { checkEligibility } from "~/domains/marketplace/eligibility.server";
import { AppError, badInput, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { completenessErrors } from "./completeness";
import { questionIdsOf, readContent } from "./content.server";
import { isOpenNeed, lockNeed } from "./need-lock.server";

export async function submitProposal(options: { actor: Actor | null; proposalId: string }) {
  const { actor, proposalId } = options;
  if (!actor) throw forbidden();
  const [found] = await db().select({ serviceNeedId: proposals.serviceNeedId, orgId: proposals.orgId }).from(proposals).where(eq(proposals.id, proposalId));
  if (!found || !actor.memberships.some((m) => m.orgId === found.orgId)) throw notFound();

  return db().transaction(async (tx) => {
    const { need, closed } = await lockNeed(tx, found.serviceNeedId, "share");
    if (!isOpenNeed(need.status)) throw conflict("proposals.needNotOpen");
    if (closed) throw conflict("proposals.deadlinePassed");
    const [proposal] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for("update");
    if (proposal.status !== "draft") throw conflict("proposals.notDraft");

    const [org] = await tx.select().from(organisations).where(eq(organisations.id, proposal.orgId));
    if (org.status !== "verified") throw forbidden("proposals.orgNotVerified");
    const unmet = await checkEligibility(org, need, tx);
    if (unmet.length) throw new AppError("forbidden", { message: "proposals.requirementsUnmet", params: { count: unmet.length }, fieldErrors: Object.fromEntries(unmet.map((key, i) => [`requirement.${i}`, key])) });

    const content = await readContent(tx, proposal);
    const errors = completenessErrors(content, need, await questionIdsOf(tx, need.id), proposal.totalFen);
    if (Object.keys(errors).length) throw badInput(errors, "proposals.incomplete");

    const [submitted] = await tx.update(proposals).set({ status: "submitted", submittedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(proposals.id, proposalId)).returning();
    await recordAudit(tx, { actorId: actor.userId, action: "proposal.submit", entityType: "proposal", entityId: proposalId, fromState: "draft", toState: "submitted", detail: { totalFen: proposal.totalFen.toString() } });
    return submitted;
  });
}
