// The project born from an accepted agreement: its milestones are the proposal's plan, each with
// its share of the amount in fen (the last takes the remainder, so they add up exactly).
import { asc, eq } from "drizzle-orm";
import type { Tx } from "@db/client";
import { milestones, projects, proposalBudgetLines, proposalMilestones, serviceNeeds, type serviceAgreements } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { newId } from "~/utils/ids";
import { splitByShares } from "./milestone-split";

// What a purchased service is usually evidenced by; the proposal form has no field of its own for it.
const AGREEMENT_EVIDENCE = "服务记录、签到表（PDF 或照片）、活动现场照片";

export async function createProjectFromAgreement(tx: Tx, agreement: typeof serviceAgreements.$inferSelect, actorId: string) {
  const [need] = await tx.select().from(serviceNeeds).where(eq(serviceNeeds.id, agreement.serviceNeedId));
  const plan = await tx.select().from(proposalMilestones).where(eq(proposalMilestones.proposalId, agreement.proposalId)).orderBy(asc(proposalMilestones.position));
  const budget = await tx.select().from(proposalBudgetLines).where(eq(proposalBudgetLines.proposalId, agreement.proposalId));
  const [project] = await tx
    .insert(projects)
    .values({
      id: newId(),
      title: need.title,
      communityId: need.communityId,
      providerOrgId: agreement.providerOrgId,
      sourceType: "agreement",
      sourceId: agreement.id,
      agreementId: agreement.id,
      amountFen: agreement.amountFen,
      // The purchasing organisation pays accepted milestones by payment instruction (no fund of its own here).
      funderOrgId: agreement.purchaserOrgId,
      scopePlaceId: need.communityId,
      budgetLines: budget.map((b) => ({ label: b.description, amountFen: Number(b.amountFen) })),
      status: "active",
    })
    .returning();
  const amounts = splitByShares(agreement.amountFen, plan.map((m) => m.paymentShareBp));
  if (plan.length)
    await tx.insert(milestones).values(
      plan.map((m, i) => ({ id: newId(), projectId: project.id, position: m.position, title: m.title, dueDate: m.dueDate, paymentShareBp: m.paymentShareBp, amountFen: amounts[i], deliverables: m.deliverables, evidenceRequired: AGREEMENT_EVIDENCE })),
    );
  await recordAudit(tx, { actorId, action: "project.create", entityType: "project", entityId: project.id, toState: "active", detail: { agreementId: agreement.id, milestones: plan.length } });
  return project;
}
