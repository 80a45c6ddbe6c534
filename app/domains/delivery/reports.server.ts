// 民事民办, reported: the delivering organisation writes a milestone report — narrative, each
// indicator's actual value, beneficiaries served as counts by group (never names), service hours,
// spending against the project's budget lines, and evidence files — as a draft, then submits it.
// Every submitted version stays; after changes are asked for, the next draft starts as a copy of the
// last version. Submitting opens the residents' rating window (民事民评) on the first submission and
// invites the households of the project's scope.
import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { milestoneEvidence, milestoneReports, milestones, type Milestone, type MilestoneReport, type Project } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { householdsOfScope } from "~/domains/deliberations/scope.server";
import { staffOf } from "~/domains/needs/steps.server";
import { badInput, conflict, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import type { Actor } from "~/utils/permissions.server";
import { fileStorage } from "~/utils/storage.server";
import { lockMilestone, milestoneWithProject, rolesOn } from "./access.server";
import type { CheckedEvidence } from "./evidence.server";
import { canDraft, canSubmit } from "./milestone-states";
import type { ReportDraftInput } from "./schemas";

export const MAX_EVIDENCE_FILES = 12;

async function requireProvider(tx: Tx, actor: Actor | null, project: Project) {
  if (!actor) throw forbidden();
  // Only the delivering organisation writes reports; nobody else learns that a draft exists.
  if (!(await rolesOn(tx, actor, project)).provider) throw forbidden();
  return actor;
}

/** The milestone's draft, made on first use: version n+1, copied from the latest version if any. */
async function draftOf(tx: Tx, milestone: Milestone, actor: Actor): Promise<MilestoneReport> {
  const [draft] = await tx.select().from(milestoneReports).where(and(eq(milestoneReports.milestoneId, milestone.id), eq(milestoneReports.status, "draft")));
  if (draft) return draft;
  const [latest] = await tx.select().from(milestoneReports).where(eq(milestoneReports.milestoneId, milestone.id)).orderBy(desc(milestoneReports.version)).limit(1);
  const [created] = await tx
    .insert(milestoneReports)
    .values({
      id: newId(),
      milestoneId: milestone.id,
      version: (latest?.version ?? 0) + 1,
      status: "draft",
      narrative: latest?.narrative ?? "",
      indicators: latest?.indicators ?? milestone.deliverables.map((d) => ({ ...d, actual: 0 })),
      beneficiaries: latest?.beneficiaries ?? [],
      serviceHoursTenths: latest?.serviceHoursTenths ?? 0,
      spending: latest?.spending ?? [],
      createdBy: actor.userId,
    })
    .returning();
  if (latest) {
    // The evidence carries over too (the same stored files; a file is never edited, only added or dropped).
    const files = await tx.select().from(milestoneEvidence).where(eq(milestoneEvidence.reportId, latest.id));
    if (files.length) await tx.insert(milestoneEvidence).values(files.map((f) => ({ ...f, id: newId(), reportId: created.id, createdAt: undefined })));
  }
  return created;
}

/** Saves the draft's fields; the indicators and budget lines come from the milestone and project, only the figures from the form. */
export async function saveDraft(options: { actor: Actor | null; milestoneId: string; input: ReportDraftInput }) {
  const { input } = options;
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = await requireProvider(tx, options.actor, project);
    if (!canDraft(milestone.status)) throw conflict("delivery.notReportable");
    const draft = await draftOf(tx, milestone, actor);
    const indicators = milestone.deliverables.map((d, i) => ({ ...d, actual: input.actuals[i] ?? 0 }));
    const spending = project.budgetLines.map((line, i) => ({ label: line.label, amountFen: input.spent[i] ?? 0 }));
    const [saved] = await tx
      .update(milestoneReports)
      .set({ narrative: input.narrative, indicators, beneficiaries: input.beneficiaries, serviceHoursTenths: input.serviceHoursTenths, spending, updatedAt: new Date() })
      .where(eq(milestoneReports.id, draft.id))
      .returning();
    return saved;
  });
}

/** Adds a checked evidence file to the draft (stored first; removed again if the write fails). */
export async function addEvidence(options: { actor: Actor | null; milestoneId: string; file: CheckedEvidence }) {
  const { file } = options;
  const { project } = await milestoneWithProject(options.milestoneId);
  const id = newId();
  const storageKey = `milestones/${options.milestoneId}/${id}`;
  await fileStorage().put(storageKey, file.bytes, file.contentType);
  try {
    return await db().transaction(async (tx) => {
      const { milestone } = await lockMilestone(tx, options.milestoneId);
      const actor = await requireProvider(tx, options.actor, project);
      if (!canDraft(milestone.status)) throw conflict("delivery.notReportable");
      const draft = await draftOf(tx, milestone, actor);
      const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(milestoneEvidence).where(eq(milestoneEvidence.reportId, draft.id));
      if (n >= MAX_EVIDENCE_FILES) throw badInput({ attachment: "delivery.tooManyFiles" });
      const [row] = await tx
        .insert(milestoneEvidence)
        .values({ id, reportId: draft.id, storageKey, mediaType: file.contentType, fileName: file.fileName, sizeBytes: file.bytes.length, takenAt: file.takenAt, latitude: file.latitude, longitude: file.longitude })
        .returning();
      return row;
    });
  } catch (error) {
    await fileStorage().remove(storageKey).catch(() => {});
    throw error;
  }
}

/** Drops an evidence file from the draft (files of submitted versions stay with them). */
export async function removeEvidence(options: { actor: Actor | null; milestoneId: string; evidenceId: string }) {
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    await requireProvider(tx, options.actor, project);
    if (!canDraft(milestone.status)) throw conflict("delivery.notReportable");
    const [draft] = await tx.select({ id: milestoneReports.id }).from(milestoneReports).where(and(eq(milestoneReports.milestoneId, milestone.id), eq(milestoneReports.status, "draft")));
    if (!draft) throw conflict("delivery.noDraft");
    const removed = await tx.delete(milestoneEvidence).where(and(eq(milestoneEvidence.id, options.evidenceId), eq(milestoneEvidence.reportId, draft.id))).returning();
    if (!removed.length) throw badInput({ attachment: "errors.invalid" });
    // The stored file may still belong to an earlier version (drafts copy their rows), so it stays.
    return removed[0];
  });
}

/** Submits the draft: checks it is complete, records the version, and starts the review and the rating. */
export async function submitReport(options: { actor: Actor | null; milestoneId: string; now?: Date }) {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = await requireProvider(tx, options.actor, project);
    if (project.status !== "active") throw conflict("delivery.projectNotActive");
    if (!canSubmit(milestone.status)) throw conflict("delivery.notReportable");
    // Without a draft (nothing edited since the last version) the last version is submitted again as a new one.
    const draft = await draftOf(tx, milestone, actor);
    const [{ files }] = await tx.select({ files: sql<number>`count(*)::int` }).from(milestoneEvidence).where(eq(milestoneEvidence.reportId, draft.id));
    const missing: Record<string, string> = {};
    if (draft.narrative.trim().length < 10) missing.narrative = "delivery.narrativeRequired";
    if (files === 0) missing.attachment = "delivery.evidenceRequired";
    if (Object.keys(missing).length) throw badInput(missing, "delivery.reportIncomplete");

    await tx.update(milestoneReports).set({ status: "submitted", submittedBy: actor.userId, submittedAt: now, updatedAt: now }).where(eq(milestoneReports.id, draft.id));
    const first = !milestone.firstSubmittedAt;
    const windowDays = project.ratingWindowDays;
    await tx
      .update(milestones)
      .set({
        status: "submitted",
        submittedAt: now,
        firstSubmittedAt: milestone.firstSubmittedAt ?? now,
        staffAcceptedBy: null,
        staffAcceptedAt: null,
        cosignedBy: null,
        cosignedAt: null,
        // The rating window opens with the first report and is kept across resubmissions; a
        // resubmission after it closed opens it again, so households who have not rated can judge
        // the revised work (those who rated keep their one rating).
        ratingOpensAt: milestone.ratingOpensAt ?? now,
        ratingClosesAt: milestone.ratingClosesAt && milestone.ratingClosesAt > now ? milestone.ratingClosesAt : new Date(now.getTime() + windowDays * 86_400_000),
      })
      .where(eq(milestones.id, milestone.id));
    await recordAudit(tx, { actorId: actor.userId, action: "milestone.submit", entityType: "milestone", entityId: milestone.id, fromState: milestone.status, toState: "submitted", detail: { reportId: draft.id, version: draft.version } });

    const link = `/projects/${project.id}/milestones/${milestone.id}`;
    const params = { project: project.title, milestone: milestone.title, version: draft.version };
    await enqueueJob(tx, "notify", { key: `milestone-submitted:${draft.id}`, kind: "milestone_submitted", title: "delivery.notify.submittedTitle", body: "delivery.notify.submittedBody", params, link, userIds: await staffOf(tx, "community_committee", project.communityId) });
    if (first) {
      const residents = await residentsOfScope(tx, project.scopePlaceId ?? project.communityId);
      if (residents.length)
        await enqueueJob(tx, "notify", { key: `milestone-rate:${milestone.id}`, kind: "milestone_rate", title: "delivery.notify.rateTitle", body: "delivery.notify.rateBody", params: { ...params, days: windowDays }, link: `${link}/rate`, userIds: residents });
    }
    return { reportId: draft.id, version: draft.version };
  });
}

/** Verified residents of the households in scope: the people invited to rate. */
async function residentsOfScope(tx: Tx, scopePlaceId: string): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }>(sql`select distinct m.user_id from household_members m where m.verified and m.household_id in (${householdsOfScope(scopePlaceId)})`);
  return rows.map((r) => r.user_id);
}

/** Every version of a milestone's report, newest first (drafts only for the organisation). */
export async function reportVersions(milestoneId: string, options: { includeDraft: boolean }) {
  const rows = await db().select().from(milestoneReports).where(eq(milestoneReports.milestoneId, milestoneId)).orderBy(desc(milestoneReports.version));
  const visible = options.includeDraft ? rows : rows.filter((r) => r.status !== "draft");
  const evidence = visible.length
    ? await db()
        .select()
        .from(milestoneEvidence)
        .where(sql`${milestoneEvidence.reportId} in ${visible.map((r) => r.id)}`)
        .orderBy(asc(milestoneEvidence.createdAt))
    : [];
  return visible.map((r) => ({ ...r, evidence: evidence.filter((e) => e.reportId === r.id) }));
}

export async function latestVersion(milestoneId: string) {
  const [row] = await db().select({ v: max(milestoneReports.version) }).from(milestoneReports).where(eq(milestoneReports.milestoneId, milestoneId));
  return row?.v ?? 0;
}
