// The project's public timeline (docs/product.md §3): from the first resident need to the last payment,
// every step linked to the public page that shows it, so anyone can follow a yuan from a need to
// the ledger. It is shown to everyone, so it carries only what public pages already show: never a
// resident's name or household (a need's raiser is "居民"), never a reviewer's comments or a
// rating's text, never a bank reference, and proposal content only once the result is published.
import { and, asc, eq, inArray, isNotNull, isNull, max, sql } from "drizzle-orm";
import { db } from "@db/client";
import {
  deliberationNeeds,
  deliberationOptions,
  deliberations,
  journalEntries,
  milestonePayments,
  milestoneRatings,
  milestoneReports,
  milestoneReviews,
  milestones,
  needEvents,
  needs,
  organisations,
  projects,
  proposals,
  serviceAgreements,
  serviceNeeds,
  type Project,
} from "@db/schema";
import { LEDGER_PAGE_SIZE } from "~/domains/funds/schemas";
import { isPubliclyVisible } from "~/domains/needs/queries.server";
import type { TallyResult } from "~/domains/deliberations/tally";
import { formatFen } from "~/utils/money";
import type { Actor } from "~/utils/permissions.server";
import { agreementSides } from "./sides";
import { TIMELINE_KINDS, type TimelineStep } from "./timeline";

export type { TimelineKind, TimelineStep, TimelineStepView } from "./timeline";

/**
 * The project's steps in time order (ties in the order of the chain); [] for an unknown project.
 * With a `viewer`, the agreement step links to the agreement when the viewer is one of its parties
 * (the only people who may open it); without one, every link is to a public page.
 */
export async function projectTimeline(projectId: string, options: { viewer?: Actor | null } = {}): Promise<TimelineStep[]> {
  const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
  if (!project) return [];

  const agreementId = project.agreementId ?? (project.sourceType === "agreement" ? project.sourceId : null);
  const [agreement] = agreementId ? await db().select().from(serviceAgreements).where(eq(serviceAgreements.id, agreementId)) : [];
  const [serviceNeed] = agreement ? await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, agreement.serviceNeedId)) : [];
  const deliberationId = project.deliberationId ?? (project.sourceType === "deliberation" ? project.sourceId : null);

  const decidedNeedIds = deliberationId ? (await db().select({ id: deliberationNeeds.needId }).from(deliberationNeeds).where(eq(deliberationNeeds.deliberationId, deliberationId))).map((r) => r.id) : [];
  const needIds = await needFamily([project.needId, serviceNeed?.needId, ...decidedNeedIds].filter((id): id is string => !!id));
  const deliberationIds = await deliberationsOf(needIds, deliberationId);

  const steps: TimelineStep[] = [
    ...(await needSteps(needIds)),
    ...(await deliberationSteps(deliberationIds)),
    ...(agreement && serviceNeed ? await marketplaceSteps(serviceNeed, agreement, options.viewer ?? null) : []),
    { at: project.createdAt, kind: "project_started", title: "timeline.projectStarted", detail: null, params: { title: project.title, amount: formatFen(project.amountFen) }, href: null },
    ...(await milestoneSteps(project)),
    ...completionSteps(project),
  ];
  return inOrder(steps);
}

const RANK = new Map<string, number>(TIMELINE_KINDS.map((kind, i) => [kind, i]));

/** By time; steps written in one transaction (same instant) in the order of the chain. */
function inOrder(steps: TimelineStep[]): TimelineStep[] {
  return steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => a.step.at.getTime() - b.step.at.getTime() || RANK.get(a.step.kind)! - RANK.get(b.step.kind)! || a.i - b.i)
    .map(({ step }) => step);
}

// ---- 民事民提, 三事分流 ---------------------------------------------------------------------------

/** The needs the chain started from, with every duplicate merged into them (at any depth): the earliest is where it began. */
async function needFamily(rootIds: string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  const rows = await db().execute<{ id: string }>(sql`
    with recursive family(id) as (
      select id from ${needs} where id in (${sql.join(rootIds.map((id) => sql`${id}`), sql`, `)})
      union
      select n.id from ${needs} n join family f on n.merged_into_id = f.id
    )
    select id from family`);
  return rows.map((r) => r.id);
}

const RAISED_EVENTS = ["raised", "filed_for_resident"];
const TRIAGE_EVENTS: Record<string, "small" | "big"> = { triaged: "small", escalated: "big" };

/**
 * Raised (whoever filed it, the raiser is "居民"), triaged as 小事 or 大事, merged. A need that is
 * not public shows as a step without its title or a link. Triage notes are left out: they are the
 * staff's words about a resident's matter. Deliberation events come from the deliberations.
 */
async function needSteps(needIds: string[]): Promise<TimelineStep[]> {
  if (needIds.length === 0) return [];
  const rows = await db()
    .select({ id: needs.id, title: needs.title, isPublic: needs.isPublic, status: needs.status, createdAt: needs.createdAt })
    .from(needs)
    .where(inArray(needs.id, needIds));
  const events = await db()
    .select({ needId: needEvents.needId, kind: needEvents.kind, at: needEvents.at })
    .from(needEvents)
    .where(and(inArray(needEvents.needId, needIds), inArray(needEvents.kind, [...RAISED_EVENTS, ...Object.keys(TRIAGE_EVENTS), "merged"])))
    .orderBy(asc(needEvents.at));

  return rows.flatMap((need): TimelineStep[] => {
    const open = isPubliclyVisible(need);
    const shown: Pick<TimelineStep, "params" | "detail" | "href"> = open ? { params: { need: need.title }, detail: "timeline.needTitle", href: `/needs/${need.id}` } : { params: {}, detail: null, href: null };
    const own = events.filter((e) => e.needId === need.id);
    const raised = own.find((e) => RAISED_EVENTS.includes(e.kind))?.at ?? need.createdAt;
    return [
      { at: raised, kind: "need_raised", title: "timeline.needRaised", ...shown },
      ...own.flatMap((e): TimelineStep[] => {
        if (e.kind === "merged") return [{ at: e.at, kind: "need_merged", title: "timeline.needMerged", ...shown }];
        const triage = TRIAGE_EVENTS[e.kind];
        return triage ? [{ at: e.at, kind: "triaged", title: `timeline.triaged.${triage}`, ...shown }] : [];
      }),
    ];
  });
}

// ---- 民事民议 / 民事民决 ------------------------------------------------------------------------

/** The project's own deliberation, every deliberation held on its needs, and the rounds before each. */
async function deliberationsOf(needIds: string[], deliberationId: string | null): Promise<string[]> {
  const onNeeds = needIds.length ? await db().selectDistinct({ id: deliberationNeeds.deliberationId }).from(deliberationNeeds).where(inArray(deliberationNeeds.needId, needIds)) : [];
  const ids = [...new Set([...(deliberationId ? [deliberationId] : []), ...onNeeds.map((r) => r.id)])];
  if (ids.length === 0) return [];
  const rows = await db().execute<{ id: string }>(sql`
    with recursive rounds(id, previous) as (
      select id, previous_round_id from ${deliberations} where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})
      union
      select d.id, d.previous_round_id from ${deliberations} d join rounds r on d.id = r.previous
    )
    select id from rounds`);
  return rows.map((r) => r.id);
}

const DECIDED = ["passed", "failed", "no_quorum"];

/** Opened (when the window opened) and the result (when it was tallied), as the public deliberation page shows them. Drafts are nobody's business yet. */
async function deliberationSteps(ids: string[]): Promise<TimelineStep[]> {
  if (ids.length === 0) return [];
  const rows = await db()
    .select({ d: deliberations, winner: deliberationOptions.label })
    .from(deliberations)
    .leftJoin(deliberationOptions, eq(deliberationOptions.id, deliberations.winningOptionId))
    .where(inArray(deliberations.id, ids));
  const now = Date.now();
  return rows.flatMap(({ d, winner }): TimelineStep[] => {
    if (d.status === "draft") return [];
    const href = `/deliberations/${d.id}`;
    const params = { question: d.question, round: d.round };
    const steps: TimelineStep[] = [];
    if (d.opensAt.getTime() <= now) steps.push({ at: d.opensAt, kind: "deliberation_opened", title: "timeline.deliberationOpened", detail: "timeline.deliberationQuestion", params, href });
    if (DECIDED.includes(d.status)) {
      const result = d.result as TallyResult | null;
      steps.push({
        at: d.talliedAt ?? d.closesAt,
        kind: "deliberation_result",
        title: `timeline.deliberationResult.${d.status as "passed" | "failed" | "no_quorum"}`,
        detail: result ? "timeline.deliberationTurnout" : null,
        params: { ...params, option: winner ?? "", voting: result?.votingHouseholds ?? 0, eligible: result?.eligibleHouseholds ?? 0 },
        href,
      });
    }
    return steps;
  });
}

// ---- 社会组织对接 --------------------------------------------------------------------------------

/**
 * Published, the selection (public once made final: the organisation, the amount and the reasons,
 * as the results page shows them) and the agreement accepted by both sides.
 */
async function marketplaceSteps(
  serviceNeed: typeof serviceNeeds.$inferSelect,
  agreement: typeof serviceAgreements.$inferSelect,
  viewer: Actor | null,
): Promise<TimelineStep[]> {
  const steps: TimelineStep[] = [];
  if (serviceNeed.publishedAt)
    steps.push({ at: serviceNeed.publishedAt, kind: "service_need_published", title: "timeline.serviceNeedPublished", detail: null, params: { title: serviceNeed.title }, href: `/market/${serviceNeed.id}` });
  if (serviceNeed.status === "selected") {
    const [winner] = await db()
      .select({ name: organisations.name, totalFen: proposals.totalFen })
      .from(proposals)
      .innerJoin(organisations, eq(organisations.id, proposals.orgId))
      .where(eq(proposals.id, agreement.proposalId));
    // The agreement is drawn up in the transaction that makes the selection final.
    steps.push({
      at: agreement.createdAt,
      kind: "proposal_selected",
      title: "timeline.proposalSelected",
      detail: serviceNeed.selectionReasons ? "timeline.selectionReasons" : null,
      params: { org: winner?.name ?? "", amount: formatFen(winner?.totalFen ?? agreement.amountFen), reasons: serviceNeed.selectionReasons ?? "" },
      href: `/proposals/results/${serviceNeed.id}`,
    });
  }
  if (agreement.status === "accepted" && agreement.purchaserAcceptedAt && agreement.providerAcceptedAt) {
    const at = agreement.purchaserAcceptedAt > agreement.providerAcceptedAt ? agreement.purchaserAcceptedAt : agreement.providerAcceptedAt;
    // The agreement page is its two parties' alone: anyone else would meet a 404.
    const href = agreementSides(viewer, agreement).party ? `/agreements/${agreement.id}` : null;
    steps.push({ at, kind: "agreement_accepted", title: "timeline.agreementAccepted", detail: null, params: { amount: formatFen(agreement.amountFen) }, href });
  }
  return steps;
}

// ---- milestones, 民事民评, payments ------------------------------------------------------------

const REVIEW_KIND = { request_changes: "changes_requested", accept: "milestone_accepted", cosign: "cosigned" } as const;
const REVIEW_TITLE = { request_changes: "timeline.changesRequested", accept: "timeline.milestoneAccepted", cosign: "timeline.cosigned" } as const;

/**
 * Each submitted report version, each review (its kind only: no comments, no reviewer), the
 * ratings as a count and an average of every household's score (no household, no comment), and the
 * payment: a ledger entry linked by its position in the fund's chain, or a payment instruction and
 * the day it was paid (never the bank reference).
 */
async function milestoneSteps(project: Project): Promise<TimelineStep[]> {
  const list = await db().select({ id: milestones.id, position: milestones.position, title: milestones.title }).from(milestones).where(eq(milestones.projectId, project.id));
  if (list.length === 0) return [];
  const ids = list.map((m) => m.id);
  const [reports, reviews, ratings, payments] = await Promise.all([
    db()
      .select({ milestoneId: milestoneReports.milestoneId, version: milestoneReports.version, at: milestoneReports.submittedAt })
      .from(milestoneReports)
      .where(and(inArray(milestoneReports.milestoneId, ids), isNotNull(milestoneReports.submittedAt))),
    db().select({ milestoneId: milestoneReviews.milestoneId, kind: milestoneReviews.kind, at: milestoneReviews.createdAt }).from(milestoneReviews).where(inArray(milestoneReviews.milestoneId, ids)),
    db()
      .select({
        milestoneId: milestoneRatings.milestoneId,
        count: sql<number>`count(*)::int`,
        averageTenths: sql<number>`round(avg(${milestoneRatings.score}) * 10)::int`,
        at: max(milestoneRatings.createdAt),
      })
      .from(milestoneRatings)
      // Every household's score (a hidden comment is still a vote: ADR 0010).
      .where(inArray(milestoneRatings.milestoneId, ids))
      .groupBy(milestoneRatings.milestoneId),
    db()
      .select({
        milestoneId: milestonePayments.milestoneId,
        amountFen: milestonePayments.amountFen,
        method: milestonePayments.method,
        fundId: milestonePayments.fundId,
        entrySeq: milestonePayments.entrySeq,
        status: milestonePayments.status,
        paidAt: milestonePayments.paidAt,
        createdAt: milestonePayments.createdAt,
      })
      .from(milestonePayments)
      .where(inArray(milestonePayments.milestoneId, ids)),
  ]);

  const byId = new Map(list.map((m) => [m.id, m]));
  const about = (milestoneId: string) => {
    const m = byId.get(milestoneId)!;
    return { href: `/projects/${project.id}/milestones/${m.id}`, params: { milestone: m.title, position: m.position } };
  };
  const ledgerLinks = await ledgerLinksOf(payments);

  return [
    ...reports.map((r): TimelineStep => {
      const { href, params } = about(r.milestoneId);
      return { at: r.at!, kind: "milestone_submitted", title: "timeline.milestoneSubmitted", detail: null, params: { ...params, version: r.version }, href };
    }),
    ...reviews.map((r): TimelineStep => ({ at: r.at, kind: REVIEW_KIND[r.kind], title: REVIEW_TITLE[r.kind], detail: null, ...about(r.milestoneId) })),
    ...ratings.flatMap((r): TimelineStep[] => {
      if (!r.at || r.count === 0) return [];
      const { href, params } = about(r.milestoneId);
      return [{ at: new Date(r.at), kind: "ratings", title: "timeline.ratings", detail: null, params: { ...params, count: r.count, average: (r.averageTenths / 10).toFixed(1) }, href }];
    }),
    ...payments.flatMap((p): TimelineStep[] => {
      const { href, params } = about(p.milestoneId);
      const withAmount = { ...params, amount: formatFen(p.amountFen) };
      if (p.method === "ledger") {
        const link = ledgerLinks.get(p.milestoneId);
        return [{ at: p.paidAt ?? p.createdAt, kind: "payment_released", title: "timeline.paymentReleased", detail: link ? "timeline.ledgerEntry" : null, params: { ...withAmount, seq: p.entrySeq ?? "" }, href: link ?? href }];
      }
      const instructed: TimelineStep = { at: p.createdAt, kind: "payment_instructed", title: "timeline.paymentInstructed", detail: null, params: withAmount, href };
      return p.status === "paid" && p.paidAt ? [instructed, { at: p.paidAt, kind: "payment_paid", title: "timeline.paymentPaid", detail: null, params: withAmount, href }] : [instructed];
    }),
  ];
}

/**
 * The public ledger page and anchor of each ledger payment's entry. The ledger lists the newest
 * entry first, LEDGER_PAGE_SIZE to a page, so the entry's page is counted from the fund's latest
 * position (it moves back as the fund posts more; the anchor is the stable part).
 */
async function ledgerLinksOf(payments: { milestoneId: string; method: string; fundId: string | null; entrySeq: number | null }[]): Promise<Map<string, string>> {
  const posted = payments.filter((p) => p.method === "ledger" && p.fundId && p.entrySeq !== null);
  if (posted.length === 0) return new Map();
  const fundIds = [...new Set(posted.map((p) => p.fundId!))];
  const latest = await db().select({ fundId: journalEntries.fundId, seq: max(journalEntries.seq) }).from(journalEntries).where(inArray(journalEntries.fundId, fundIds)).groupBy(journalEntries.fundId);
  const latestOf = new Map(latest.map((r) => [r.fundId, r.seq ?? 0]));
  return new Map(
    posted.map((p) => {
      const page = Math.floor(Math.max(0, (latestOf.get(p.fundId!) ?? p.entrySeq!) - p.entrySeq!) / LEDGER_PAGE_SIZE) + 1;
      return [p.milestoneId, `/funds/${p.fundId}/ledger${page > 1 ? `?page=${page}` : ""}#entry-${p.entrySeq}`];
    }),
  );
}

// ---- the end ---------------------------------------------------------------------------------

function completionSteps(project: Project): TimelineStep[] {
  if (!project.completedAt) return [];
  const e = project.evaluation;
  return [
    {
      at: project.completedAt,
      kind: "project_completed",
      title: "timeline.projectCompleted",
      detail: e ? "timeline.evaluation" : null,
      params: e ? { indicators: Math.round(e.indicatorsAchievedPct), budget: Math.round(e.budgetExecutedPct), onTime: Math.round(e.onTimePct) } : {},
      href: null,
    },
  ];
}
