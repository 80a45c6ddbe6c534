// Acceptance (验收): community staff accept the report or ask for changes with comments per item;
// where the money is the community's own (a micro-fund) a supervisory-committee member co-signs;
// where the funder set a bar, the residents' rating must reach it. Whichever of these comes last —
// the staff's acceptance, the co-signature, or the rating that lifts the average over the bar —
// accepts the milestone and releases its payment, in that same transaction.
import { and, eq, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { milestoneReports, milestoneReviews, milestones, type Milestone, type Project, type ReviewComments } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import type { Actor } from "~/utils/permissions.server";
import { lockMilestone, rolesOn } from "./access.server";
import { underReview, waitingFor } from "./milestone-states";
import { meetsBar, ratingSummary } from "./ratings.server";
import { releasePayment, type ReleaseOutcome } from "./release-payment.server";
import type { RequestChangesInput } from "./schemas";

const link = (m: Milestone) => `/projects/${m.projectId}/milestones/${m.id}`;

async function submittedReport(tx: Tx, milestoneId: string) {
  const [report] = await tx.select().from(milestoneReports).where(and(eq(milestoneReports.milestoneId, milestoneId), eq(milestoneReports.status, "submitted")));
  if (!report) throw conflict("delivery.notUnderReview");
  return report;
}

export interface ReviewOutcome {
  accepted: boolean;
  payment: ReleaseOutcome | null;
  waiting: ReturnType<typeof waitingFor>;
}

/**
 * Accepts the milestone if nothing is missing any more; otherwise leaves it as it is. Called under
 * lockMilestone by every step that can be the last one.
 */
export async function completeIfReady(tx: Tx, project: Project, milestone: Milestone, actorId: string | null): Promise<ReviewOutcome> {
  const barMet = project.ratingBarTenths === null || meetsBar(project, await ratingSummary(tx, milestone.id));
  const waiting = waitingFor(milestone, project, barMet);
  if (waiting !== null || milestone.status !== "submitted") return { accepted: false, payment: null, waiting };
  const report = await submittedReport(tx, milestone.id);
  const now = new Date();
  await tx.update(milestoneReports).set({ status: "accepted", updatedAt: now }).where(eq(milestoneReports.id, report.id));
  const [accepted] = await tx.update(milestones).set({ status: "accepted", acceptedAt: now }).where(eq(milestones.id, milestone.id)).returning();
  await recordAudit(tx, { actorId, action: "milestone.accept", entityType: "milestone", entityId: milestone.id, fromState: "submitted", toState: "accepted", detail: { reportId: report.id, version: report.version } });
  if (project.providerOrgId)
    await enqueueJob(tx, "notify", { key: `milestone-accepted:${report.id}`, kind: "milestone_accepted", title: "delivery.notify.acceptedTitle", body: "delivery.notify.acceptedBody", params: { project: project.title, milestone: milestone.title }, link: link(milestone), orgAdminsOf: [project.providerOrgId] });
  const payment = await releasePayment(tx, project, accepted, actorId);
  return { accepted: true, payment, waiting: payment === "paid" ? null : "payment" };
}

/** Community staff accept the report under review. */
export async function acceptReport(options: { actor: Actor | null; milestoneId: string; comment?: string }) {
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = options.actor;
    const roles = await rolesOn(tx, actor, project);
    if (!actor || !roles.staff) throw forbidden();
    // Nobody accepts their own work: staff who also belong to the delivering organisation cannot.
    if (roles.provider) throw forbidden("delivery.ownReport");
    if (!underReview(milestone.status)) throw conflict("delivery.notUnderReview");
    if (milestone.staffAcceptedBy) throw conflict("delivery.alreadyAccepted");
    const report = await submittedReport(tx, milestone.id);
    await tx.insert(milestoneReviews).values({ id: newId(), milestoneId: milestone.id, reportId: report.id, kind: "accept", comments: options.comment ? { general: options.comment } : {}, reviewedBy: actor.userId });
    const [updated] = await tx.update(milestones).set({ staffAcceptedBy: actor.userId, staffAcceptedAt: new Date() }).where(eq(milestones.id, milestone.id)).returning();
    await recordAudit(tx, { actorId: actor.userId, action: "milestone.staff_accept", entityType: "milestone", entityId: milestone.id, detail: { reportId: report.id } });
    const outcome = await completeIfReady(tx, project, updated, actor.userId);
    if (!outcome.accepted && outcome.waiting === "cosign" && project.fundId)
      await enqueueJob(tx, "notify", { key: `milestone-cosign:${report.id}`, kind: "milestone_cosign", title: "delivery.notify.cosignTitle", body: "delivery.notify.cosignBody", params: { project: project.title, milestone: milestone.title }, link: link(milestone), userIds: await supervisorsOf(tx, project.fundId) });
    return outcome;
  });
}

/** 监委会 co-signature, after the staff accepted; never by the same person. */
export async function cosignReport(options: { actor: Actor | null; milestoneId: string; comment?: string }) {
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = options.actor;
    const roles = await rolesOn(tx, actor, project);
    if (!actor || !project.requiresCosign || !roles.supervisor) throw forbidden();
    if (roles.provider) throw forbidden("delivery.ownReport");
    if (!underReview(milestone.status)) throw conflict("delivery.notUnderReview");
    if (!milestone.staffAcceptedBy) throw conflict("delivery.cosignBeforeStaff");
    if (milestone.cosignedBy) throw conflict("delivery.alreadyCosigned");
    if (milestone.staffAcceptedBy === actor.userId) throw forbidden("delivery.cosignSamePerson");
    const report = await submittedReport(tx, milestone.id);
    await tx.insert(milestoneReviews).values({ id: newId(), milestoneId: milestone.id, reportId: report.id, kind: "cosign", comments: options.comment ? { general: options.comment } : {}, reviewedBy: actor.userId });
    const [updated] = await tx.update(milestones).set({ cosignedBy: actor.userId, cosignedAt: new Date() }).where(eq(milestones.id, milestone.id)).returning();
    await recordAudit(tx, { actorId: actor.userId, action: "milestone.cosign", entityType: "milestone", entityId: milestone.id, detail: { reportId: report.id } });
    return completeIfReady(tx, project, updated, actor.userId);
  });
}

/** Staff send the report back with comments per item; the organisation revises and resubmits. */
export async function requestChanges(options: { actor: Actor | null; milestoneId: string; comments: RequestChangesInput }) {
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = options.actor;
    if (!actor || !(await rolesOn(tx, actor, project)).staff) throw forbidden();
    if (!underReview(milestone.status)) throw conflict("delivery.notUnderReview");
    const report = await submittedReport(tx, milestone.id);
    const comments: ReviewComments = Object.fromEntries(Object.entries(options.comments).filter(([, v]) => !!v));
    await tx.insert(milestoneReviews).values({ id: newId(), milestoneId: milestone.id, reportId: report.id, kind: "request_changes", comments, reviewedBy: actor.userId });
    await tx.update(milestoneReports).set({ status: "changes_requested", updatedAt: new Date() }).where(eq(milestoneReports.id, report.id));
    // An earlier acceptance or co-signature was of this version; the next version needs its own.
    await tx.update(milestones).set({ status: "changes_requested", staffAcceptedBy: null, staffAcceptedAt: null, cosignedBy: null, cosignedAt: null }).where(eq(milestones.id, milestone.id));
    await recordAudit(tx, { actorId: actor.userId, action: "milestone.request_changes", entityType: "milestone", entityId: milestone.id, fromState: "submitted", toState: "changes_requested", detail: { reportId: report.id, items: Object.keys(comments) } });
    if (project.providerOrgId)
      await enqueueJob(tx, "notify", { key: `milestone-changes:${report.id}`, kind: "milestone_changes", title: "delivery.notify.changesTitle", body: "delivery.notify.changesBody", params: { project: project.title, milestone: milestone.title }, link: link(milestone), orgAdminsOf: [project.providerOrgId] });
  });
}

async function supervisorsOf(tx: Tx, fundId: string): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }>(sql`select user_id from fund_roles where fund_id = ${fundId} and role = 'supervisor'`);
  return rows.map((r) => r.user_id);
}
