// Reads for the milestone page. What everyone sees: the milestone, its submitted reports (figures
// by group, never names), the ratings without names, whether it was paid and the ledger entry.
// What only the people involved see: the draft, the review comments, evidence files, who acted.
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@db/client";
import { funds, milestonePayments, milestoneRatings, milestoneReviews, organisations, users } from "@db/schema";
import { fundMoney } from "~/domains/funds/queries.server";
import { householdInScope } from "~/domains/deliberations/scope.server";
import type { Actor } from "~/utils/permissions.server";
import { isInvolved, milestoneWithProject, rolesOn } from "./access.server";
import { canDraft, canSubmit, ratingOpen, waitingFor } from "./milestone-states";
import { meetsBar, ratingSummary } from "./ratings.server";
import { reportVersions } from "./reports.server";

export async function milestonePage(actor: Actor | null, projectId: string, milestoneId: string, now = new Date()) {
  const { milestone, project } = await milestoneWithProject(milestoneId);
  if (project.id !== projectId) return null;
  const roles = await rolesOn(db(), actor, project);
  const involved = isInvolved(roles);
  const versions = await reportVersions(milestone.id, { includeDraft: roles.provider });
  const summary = await ratingSummary(db(), milestone.id);
  // Never the household: not even staff may tell who gave which score. Staff get each rating's
  // opaque id, the handle to hide its comment by.
  const ratingRows = await db()
    .select({ id: milestoneRatings.id, score: milestoneRatings.score, comment: milestoneRatings.comment, hiddenAt: milestoneRatings.hiddenAt, createdAt: milestoneRatings.createdAt })
    .from(milestoneRatings)
    .where(eq(milestoneRatings.milestoneId, milestone.id))
    .orderBy(desc(milestoneRatings.createdAt));
  // Public: score, the comment unless hidden, the date.
  const ratings = ratingRows.map((r, i) => ({
    key: roles.staff ? r.id : String(i),
    score: r.score,
    comment: r.hiddenAt ? null : r.comment,
    hidden: !!r.hiddenAt,
    createdAt: r.createdAt,
  }));
  const reviews = involved
    ? await db()
        .select({ id: milestoneReviews.id, reportId: milestoneReviews.reportId, kind: milestoneReviews.kind, comments: milestoneReviews.comments, createdAt: milestoneReviews.createdAt, by: users.displayName })
        .from(milestoneReviews)
        .innerJoin(users, eq(users.id, milestoneReviews.reviewedBy))
        .where(eq(milestoneReviews.milestoneId, milestone.id))
        .orderBy(desc(milestoneReviews.createdAt))
    : [];
  const [payment] = await db().select().from(milestonePayments).where(eq(milestonePayments.milestoneId, milestone.id));
  const household = actor?.household?.verified ? actor.household : null;
  const inScope = household ? await householdInScope(db(), household.householdId, project.scopePlaceId ?? project.communityId) : false;
  const [mine] = household
    ? await db().select({ score: milestoneRatings.score }).from(milestoneRatings).where(and(eq(milestoneRatings.milestoneId, milestone.id), eq(milestoneRatings.householdId, household.householdId)))
    : [];
  const barMet = meetsBar(project, summary);
  return {
    project: {
      id: project.id,
      title: project.title,
      status: project.status,
      requiresCosign: project.requiresCosign,
      ratingBarTenths: project.ratingBarTenths,
      ratingBarHouseholds: project.ratingBarHouseholds,
      fundId: project.fundId,
      budgetLines: project.budgetLines,
    },
    milestone: {
      id: milestone.id,
      position: milestone.position,
      title: milestone.title,
      dueDate: milestone.dueDate,
      amountFen: milestone.amountFen,
      paymentShareBp: milestone.paymentShareBp,
      deliverables: milestone.deliverables,
      evidenceRequired: milestone.evidenceRequired,
      status: milestone.status,
      overdueSince: milestone.overdueSince,
      staffAccepted: !!milestone.staffAcceptedBy,
      cosigned: !!milestone.cosignedBy,
      acceptedAt: milestone.acceptedAt,
      paidAt: milestone.paidAt,
      ratingOpensAt: milestone.ratingOpensAt,
      ratingClosesAt: milestone.ratingClosesAt,
    },
    roles,
    involved,
    waiting: waitingFor(milestone, project, barMet),
    // Submitted versions for everyone; the evidence list (names, time, place) only for those involved.
    versions: versions.map((v) => ({ ...v, createdBy: undefined, submittedBy: undefined, evidence: involved ? v.evidence.map((e) => ({ id: e.id, fileName: e.fileName, mediaType: e.mediaType, takenAt: e.takenAt, latitude: e.latitude, longitude: e.longitude })) : [], evidenceCount: v.evidence.length })),
    reviews,
    ratings,
    summary,
    /** How many households gave 1, 2, 3, 4 and 5. */
    distribution: [1, 2, 3, 4, 5].map((score) => ratingRows.filter((r) => r.score === score).length),
    barMet,
    payment: payment
      ? { id: payment.id, method: payment.method, status: payment.status, amountFen: payment.amountFen, fundId: payment.fundId, entrySeq: payment.entrySeq, paidAt: payment.paidAt, bankReference: involved ? payment.bankReference : null }
      : null,
    can: {
      draft: roles.provider && project.status === "active" && canDraft(milestone.status),
      submit: roles.provider && project.status === "active" && canSubmit(milestone.status),
      review: roles.staff && !roles.provider && milestone.status === "submitted" && !milestone.staffAcceptedBy,
      requestChanges: roles.staff && !roles.provider && milestone.status === "submitted",
      cosign: roles.supervisor && !roles.provider && project.requiresCosign && milestone.status === "submitted" && !!milestone.staffAcceptedBy && !milestone.cosignedBy && milestone.staffAcceptedBy !== actor?.userId,
      rate: inScope && !roles.provider && !mine && ratingOpen(milestone, now),
      release: roles.fundManager && milestone.status === "accepted" && !payment,
      recordBankPayment: roles.funder && payment?.method === "instruction" && payment.status === "payable",
      hide: roles.staff,
    },
    myRating: mine?.score ?? null,
    inScope,
  };
}

export type MilestonePageData = NonNullable<Awaited<ReturnType<typeof milestonePage>>>;

/** What staff choose from to start a project: passed decisions without a project, the community's funds, verified organisations. */
export async function startProjectChoices(communityId: string) {
  const decisions = await db().execute<{ id: string; question: string }>(sql`
    select d.id, d.question from deliberations d
    where d.community_id = ${communityId} and d.status = 'passed'
      and not exists (select 1 from projects p where p.source_type = 'deliberation' and p.source_id = d.id)
    order by d.tallied_at desc nulls last limit 100`);
  const fundRows = await db().select({ id: funds.id, name: funds.name }).from(funds).where(eq(funds.communityId, communityId)).orderBy(asc(funds.name));
  const money = await Promise.all(fundRows.map(async (f) => ({ ...f, available: (await fundMoney(f.id)).available })));
  const orgs = await db()
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.status, "verified"), inArray(organisations.kind, ["social_org", "social_work_agency"])))
    .orderBy(asc(organisations.name))
    .limit(500);
  return { decisions: [...decisions], funds: money, orgs };
}
