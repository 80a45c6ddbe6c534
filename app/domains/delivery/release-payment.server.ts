// Payment release (docs/product.md §3, the chain): an accepted milestone releases its share of the project's
// amount — the amount fixed in fen when the project was born, never typed by anyone. From a fund it
// is a disbursement posted to the ledger at once; for a funding organisation without a fund it is a
// payment instruction, payable until the funder records the bank's reference.
// Called with the project and milestone rows locked (lockMilestone), so two releases queue; the
// unique milestone id on milestone_payments and a trigger on the project's total stand behind that.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { disbursements, milestonePayments, milestones, organisations, type Milestone, type Project } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { spendingLines } from "~/domains/funds/spend.server";
import { lockFund, postEntry } from "~/domains/ledger/post-entry.server";
import { closeProjectIfComplete } from "~/domains/projects/close-project.server";
import { conflict, isAppError } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { formatFen } from "~/utils/money";

export type ReleaseOutcome = "paid" | "payable" | "insufficient" | "already";

const milestoneLink = (m: Milestone) => `/projects/${m.projectId}/milestones/${m.id}`;

export async function releasePayment(tx: Tx, project: Project, milestone: Milestone, actorId: string | null): Promise<ReleaseOutcome> {
  if (milestone.status !== "accepted") throw conflict("delivery.notAccepted");
  const [existing] = await tx.select().from(milestonePayments).where(eq(milestonePayments.milestoneId, milestone.id));
  if (existing) return "already";
  const [{ released }] = await tx.select({ released: sql<string>`coalesce(sum(${milestonePayments.amountFen}), 0)::text` }).from(milestonePayments).where(eq(milestonePayments.projectId, project.id));
  if (BigInt(released) + milestone.amountFen > project.amountFen) throw conflict("delivery.overProjectAmount");

  const [payee] = project.providerOrgId ? await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, project.providerOrgId)) : [];
  const params = { project: project.title, milestone: milestone.title, amount: formatFen(milestone.amountFen) };

  if (!project.fundId) {
    await tx.insert(milestonePayments).values({ id: newId(), milestoneId: milestone.id, projectId: project.id, amountFen: milestone.amountFen, method: "instruction", status: "payable" });
    await recordAudit(tx, { actorId, action: "milestone.payment_instructed", entityType: "milestone", entityId: milestone.id, detail: { amountFen: String(milestone.amountFen) } });
    if (project.funderOrgId)
      await enqueueJob(tx, "notify", { key: `milestone-payable:${milestone.id}`, kind: "milestone_payable", title: "delivery.notify.payableTitle", body: "delivery.notify.payableBody", params, link: milestoneLink(milestone), orgAdminsOf: [project.funderOrgId] });
    return "payable";
  }

  await lockFund(tx, project.fundId);
  let lines;
  try {
    lines = await spendingLines(tx, project.fundId, milestone.amountFen, "grants");
  } catch (error) {
    // Not enough in the fund: the milestone stays accepted, and the fund's managers are told to
    // bring money in and release it from the milestone page. Nothing else is written.
    if (!isAppError(error) || error.code !== "bad_input") throw error;
    await enqueueJob(tx, "notify", { key: `milestone-underfunded:${milestone.id}:${Date.now()}`, kind: "milestone_underfunded", title: "delivery.notify.underfundedTitle", body: "delivery.notify.underfundedBody", params, link: milestoneLink(milestone), userIds: await fundManagers(tx, project.fundId) });
    return "insufficient";
  }
  const disbursementId = newId();
  const authorisedBy = milestone.staffAcceptedBy ?? actorId;
  await tx.insert(disbursements).values({
    id: disbursementId,
    fundId: project.fundId,
    amountFen: milestone.amountFen,
    payeeName: payee?.name ?? project.title,
    payeeOrgId: payee?.id ?? null,
    payeeType: payee ? "org" : "other",
    projectId: project.id,
    purpose: `${project.title} · ${milestone.title}`,
    authority: project.deliberationId ? "deliberation" : "board_approval",
    deliberationId: project.deliberationId,
    boardResolution: project.deliberationId ? null : `项目里程碑验收：${project.title}`,
    // Approved by the acceptance itself (staff, and the 监委会's co-signature where required).
    status: "approved",
    createdBy: authorisedBy!,
    decidedBy: milestone.cosignedBy && milestone.cosignedBy !== authorisedBy ? milestone.cosignedBy : null,
    decidedAt: new Date(),
  });
  const entry = await postEntry(tx, {
    fundId: project.fundId,
    kind: "disbursement",
    memo: `${project.title} · ${milestone.title}（验收通过，按约定拨付）`,
    source: { type: "disbursement", id: disbursementId },
    counterparty: payee?.name ?? project.title,
    lines,
  });
  const now = new Date();
  await tx.insert(milestonePayments).values({ id: newId(), milestoneId: milestone.id, projectId: project.id, amountFen: milestone.amountFen, method: "ledger", fundId: project.fundId, entrySeq: entry.seq, status: "paid", paidAt: now });
  await markPaid(tx, project, milestone, actorId, { fundId: project.fundId, entrySeq: entry.seq, disbursementId });
  return "paid";
}

/** The milestone paid: its status, the audit row, the organisation told, and the project closed after its last. */
export async function markPaid(tx: Tx, project: Project, milestone: Milestone, actorId: string | null, detail: Record<string, unknown>) {
  await tx.update(milestones).set({ status: "paid", paidAt: new Date() }).where(eq(milestones.id, milestone.id));
  await recordAudit(tx, { actorId, action: "milestone.paid", entityType: "milestone", entityId: milestone.id, fromState: "accepted", toState: "paid", detail: { amountFen: String(milestone.amountFen), ...detail } });
  if (project.providerOrgId)
    await enqueueJob(tx, "notify", {
      key: `milestone-paid:${milestone.id}`,
      kind: "milestone_paid",
      title: "delivery.notify.paidTitle",
      body: "delivery.notify.paidBody",
      params: { project: project.title, milestone: milestone.title, amount: formatFen(milestone.amountFen) },
      link: milestoneLink(milestone),
      orgAdminsOf: [project.providerOrgId],
    });
  await closeProjectIfComplete(tx, project.id);
}

async function fundManagers(tx: Tx, fundId: string): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }>(sql`select user_id from fund_roles where fund_id = ${fundId} and role = 'manager'`);
  return rows.map((r) => r.user_id);
}
