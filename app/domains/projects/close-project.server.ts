// 结项: the transaction that marks a project's last milestone 'paid' also closes the project with its
// final evaluation, which feeds the provider organisation's public reputation (docs/decisions/0009-reputation.md).
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Tx } from "@db/client";
import { milestoneRatings, milestoneReports, milestones, projects, type ProjectEvaluation } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { enqueueJob } from "~/utils/jobs.server";
import { evaluateProject } from "./evaluation";

/**
 * Closes an active project whose milestones are all paid, once: the project row is locked first, so
 * two last milestones paid in parallel transactions close it a single time. The lock also means
 * neither misses it: the second to lock reads the milestones after the first committed (a fresh
 * snapshot per statement, READ COMMITTED), so it sees both paid.
 * Returns the evaluation when this call closed the project, null otherwise.
 */
export async function closeProjectIfComplete(tx: Tx, projectId: string): Promise<ProjectEvaluation | null> {
  const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for("update");
  if (!project || project.status !== "active") return null;

  const rows = await tx
    .select({ id: milestones.id, status: milestones.status, dueDate: milestones.dueDate, firstSubmittedAt: milestones.firstSubmittedAt })
    .from(milestones)
    .where(eq(milestones.projectId, projectId));
  if (rows.length === 0 || rows.some((m) => m.status !== "paid")) return null;

  const ids = rows.map((m) => m.id);
  // Latest accepted version per milestone: ordered by version, the first seen wins.
  const reports = await tx
    .select({ milestoneId: milestoneReports.milestoneId, indicators: milestoneReports.indicators, spending: milestoneReports.spending })
    .from(milestoneReports)
    .where(and(inArray(milestoneReports.milestoneId, ids), eq(milestoneReports.status, "accepted")))
    .orderBy(desc(milestoneReports.version));
  const accepted = new Map<string, (typeof reports)[number]>();
  for (const report of reports) if (!accepted.has(report.milestoneId)) accepted.set(report.milestoneId, report);

  const ratings = await tx
    .select({ score: milestoneRatings.score })
    .from(milestoneRatings)
    // Every household's score counts: staff hide an abusive comment, never a vote (ADR 0010).
    .where(inArray(milestoneRatings.milestoneId, ids));

  const evaluation = evaluateProject({
    amountFen: project.amountFen,
    milestones: rows.map((m) => ({ dueDate: m.dueDate, firstSubmittedAt: m.firstSubmittedAt, acceptedReport: accepted.get(m.id) ?? null })),
    ratingScores: ratings.map((r) => r.score),
  });

  await tx.update(projects).set({ status: "completed", completedAt: new Date(), evaluation }).where(eq(projects.id, projectId));
  // The system closes it (the payment that triggered it has its own audit row with its actor).
  await recordAudit(tx, {
    actorId: null,
    action: "project.complete",
    entityType: "project",
    entityId: projectId,
    fromState: "active",
    toState: "completed",
    detail: { evaluation },
  });
  if (project.providerOrgId) {
    await enqueueJob(tx, "notify", {
      key: `project-completed:${projectId}`,
      kind: "project_completed",
      title: "reputation.notice.completedTitle",
      body: "reputation.notice.completedBody",
      params: { title: project.title, indicators: evaluation.indicatorsAchievedPct, budget: evaluation.budgetExecutedPct, onTime: evaluation.onTimePct },
      link: `/projects/${projectId}`,
      orgAdminsOf: [project.providerOrgId],
    });
  }
  return evaluation;
}
