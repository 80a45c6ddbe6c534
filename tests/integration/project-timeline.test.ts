import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import {
  deliberationOptions,
  deliberations,
  milestonePayments,
  milestoneRatings,
  milestoneReports,
  milestoneReviews,
  needEvents,
  needs,
  projects,
  type Milestone,
} from "@db/schema";
import { ledgerPage } from "~/domains/funds/queries.server";
import { postEntry } from "~/domains/ledger/post-entry.server";
import { triageNeed } from "~/domains/needs/triage-need.server";
import { acceptAgreement } from "~/domains/projects/accept-agreement.server";
import { projectTimeline } from "~/domains/projects/timeline.server";
import { selectProposal } from "~/domains/proposals/decide.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { newId } from "~/utils/ids";
import { actorOf, biddingOrg, communityWithResident, createCommunityStaff, createDeliberation, createNeed, createServiceNeed, createUser, fundMoneyIn, passDeadline, proposalInput, purchasingCommunity } from "../factories";
import { deliveryProject } from "../factories/delivery";

const HOUR = 3600_000;
const kinds = (steps: { kind: string }[]) => steps.map((s) => s.kind);

/** A project born on the marketplace: a service need, a sealed proposal selected with reasons, both sides accepting. */
async function marketplaceProject() {
  const community = await purchasingCommunity();
  const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id });
  const bidder = await biddingOrg({ name: "惠民养老服务中心" });
  const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: { ...proposalInput(need), approach: "密封方案内容：中央厨房配送" } });
  await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
  await passDeadline(need.id);
  const result = await selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: draft.id, reasons: "方案最完整，团队有助餐经验" });
  if (!result.final) throw new Error("expected a final selection");
  await acceptAgreement({ actor: community.staff, agreementId: result.agreement.id });
  const { project } = await acceptAgreement({ actor: bidder.ownerActor, agreementId: result.agreement.id });
  return { community, need, bidder, agreement: result.agreement, project: project! };
}

/** A report version submitted at a time, and the review that answered it. */
async function report(milestone: Milestone, by: string, version: number, at: Date) {
  const [row] = await db()
    .insert(milestoneReports)
    .values({ id: newId(), milestoneId: milestone.id, version, status: "submitted", narrative: "本阶段完成助餐服务", createdBy: by, submittedBy: by, submittedAt: at })
    .returning();
  return row;
}

async function review(milestone: Milestone, reportId: string, kind: "accept" | "request_changes" | "cosign", by: string, at: Date, general = "") {
  await db().insert(milestoneReviews).values({ id: newId(), milestoneId: milestone.id, reportId, kind, reviewedBy: by, createdAt: at, comments: general ? { general } : {} });
}

describe("the project timeline", () => {
  it("a project made on the marketplace shows the service need, the selection, the agreement and the start, in order and linked", async () => {
    const { community, need, bidder, agreement, project } = await marketplaceProject();

    const steps = await projectTimeline(project.id);
    expect(kinds(steps)).toEqual(["service_need_published", "proposal_selected", "agreement_accepted", "project_started"]);
    const [published, selected, accepted] = steps;
    expect(published.href).toBe(`/market/${need.id}`);
    expect(selected).toMatchObject({ href: `/proposals/results/${need.id}`, params: { org: "惠民养老服务中心", amount: "¥100,000.00", reasons: "方案最完整，团队有助餐经验" } });
    // The agreement page is its parties' alone: the public sees the step without a link, a party with one.
    expect(accepted.href).toBeNull();
    for (const viewer of [community.staff, bidder.ownerActor]) {
      expect((await projectTimeline(project.id, { viewer })).find((s) => s.kind === "agreement_accepted")?.href).toBe(`/agreements/${agreement.id}`);
    }
    expect((await projectTimeline(project.id, { viewer: await actorOf(await createUser()) })).find((s) => s.kind === "agreement_accepted")?.href).toBeNull();
    for (let i = 1; i < steps.length; i++) expect(steps[i].at.getTime()).toBeGreaterThanOrEqual(steps[i - 1].at.getTime());
    // What the organisation wrote stays sealed: only what the results page publishes is here.
    expect(JSON.stringify(steps)).not.toContain("密封方案内容");
  });

  it("a project decided by the residents starts at the need: raised, triaged, each round of the vote and its result, then the project", async () => {
    const place = await communityWithResident("长青社区");
    const raised = await createNeed({ communityId: place.community.id, raisedBy: place.residentUser.id, title: "3号楼路灯不亮", isPublic: true, createdAt: new Date(Date.now() - 10 * 24 * HOUR) });
    await triageNeed({ actor: place.staff, needId: raised.id, input: { triage: "small" } });
    await db().update(needEvents).set({ at: new Date(Date.now() - 9 * 24 * HOUR) }).where(eq(needEvents.needId, raised.id));
    const firstRound = await createDeliberation({ communityId: place.community.id, createdBy: place.staffUser.id, status: "no_quorum", question: "是否用社区微基金修路灯？" });
    await db().update(deliberations).set({ opensAt: new Date(Date.now() - 7 * 24 * HOUR), closesAt: new Date(Date.now() - 5 * 24 * HOUR) }).where(eq(deliberations.id, firstRound.id));
    const vote = await createDeliberation({ communityId: place.community.id, createdBy: place.staffUser.id, question: "是否用社区微基金修路灯？" });
    await db().update(deliberations).set({ round: 2, previousRoundId: firstRound.id }).where(eq(deliberations.id, vote.id));
    const [option] = await db().insert(deliberationOptions).values({ id: newId(), deliberationId: vote.id, label: "申请社区微基金", position: 0 }).returning();
    await db()
      .update(deliberations)
      .set({ winningOptionId: option.id, talliedAt: vote.closesAt, result: { status: "passed", eligibleHouseholds: 30, votingHouseholds: 21, winningOptionId: option.id } })
      .where(eq(deliberations.id, vote.id));
    const delivery = await deliveryProject();
    await db().update(projects).set({ needId: raised.id, deliberationId: vote.id, sourceType: "deliberation", sourceId: vote.id }).where(eq(projects.id, delivery.project.id));

    const steps = await projectTimeline(delivery.project.id);
    expect(kinds(steps)).toEqual(["need_raised", "triaged", "deliberation_opened", "deliberation_result", "deliberation_opened", "deliberation_result", "project_started"]);
    expect(steps[0]).toMatchObject({ title: "timeline.needRaised", href: `/needs/${raised.id}`, params: { need: "3号楼路灯不亮" } });
    expect(steps[1]).toMatchObject({ title: "timeline.triaged.small", href: `/needs/${raised.id}` });
    expect(steps[3]).toMatchObject({ title: "timeline.deliberationResult.no_quorum", href: `/deliberations/${firstRound.id}`, params: { round: 1 } });
    expect(steps[4]).toMatchObject({ href: `/deliberations/${vote.id}`, params: { round: 2 } });
    expect(steps[5]).toMatchObject({ title: "timeline.deliberationResult.passed", href: `/deliberations/${vote.id}`, params: { option: "申请社区微基金", voting: 21, eligible: 30 } });
  });

  it("milestone reports, reviews, ratings and the ledger payment follow one another, the payment linked to its entry in the public ledger", async () => {
    const delivery = await deliveryProject({ fund: "micro_fund" });
    const [milestone] = delivery.milestones;
    const base = delivery.project.createdAt.getTime();
    const at = (hours: number) => new Date(base + hours * HOUR);
    const first = await report(milestone, delivery.reporterUser.id, 1, at(1));
    await review(milestone, first.id, "request_changes", delivery.staffUser.id, at(2));
    const second = await report(milestone, delivery.reporterUser.id, 2, at(3));
    const [one, two, three] = delivery.residents;
    await db()
      .insert(milestoneRatings)
      .values([
        { milestoneId: milestone.id, householdId: one.household.id, score: 5, ratedBy: one.user.id, createdAt: at(3.2) },
        { milestoneId: milestone.id, householdId: two.household.id, score: 4, ratedBy: two.user.id, createdAt: at(3.5) },
        // Its comment hidden by staff (abuse): the score still counts (ADR 0010), the comment shows nowhere.
        { milestoneId: milestone.id, householdId: three.household.id, score: 3, ratedBy: three.user.id, createdAt: at(3.6), hiddenAt: at(3.7), hiddenBy: delivery.staffUser.id, hiddenReason: "辱骂" },
      ]);
    await review(milestone, second.id, "accept", delivery.staffUser.id, at(4));
    await review(milestone, second.id, "cosign", delivery.supervisorUser!.id, at(5));
    const entry = await db().transaction((tx) =>
      postEntry(tx, {
        fundId: delivery.fundId!,
        kind: "disbursement",
        memo: "里程碑付款",
        source: { type: "milestone_payment", id: milestone.id },
        counterparty: delivery.provider.name,
        lines: [
          { account: "grants", debit: milestone.amountFen },
          { account: "cash", credit: milestone.amountFen },
        ],
      }),
    );
    await db().insert(milestonePayments).values({ id: newId(), milestoneId: milestone.id, projectId: delivery.project.id, amountFen: milestone.amountFen, method: "ledger", fundId: delivery.fundId, entrySeq: entry.seq, status: "paid", paidAt: at(6), createdAt: at(6) });
    await db()
      .update(projects)
      .set({ status: "completed", completedAt: at(7), evaluation: { indicatorsAchievedPct: 96, budgetExecutedPct: 100, onTimePct: 100, averageRatingTenths: 45, ratingsCount: 2 } })
      .where(eq(projects.id, delivery.project.id));

    const steps = await projectTimeline(delivery.project.id);
    expect(kinds(steps)).toEqual([
      "project_started",
      "milestone_submitted",
      "changes_requested",
      "milestone_submitted",
      "ratings",
      "milestone_accepted",
      "cosigned",
      "payment_released",
      "project_completed",
    ]);
    const milestonePage = `/projects/${delivery.project.id}/milestones/${milestone.id}`;
    expect(steps.slice(1, 7).every((s) => s.href === milestonePage)).toBe(true);
    expect(steps[3].params.version).toBe(2);
    expect(steps[4].params).toMatchObject({ count: 3, average: "4.0" });
    expect(steps[7]).toMatchObject({ href: `/funds/${delivery.fundId}/ledger#entry-${entry.seq}`, params: { seq: entry.seq, amount: "¥3,000.00" }, detail: "timeline.ledgerEntry" });
    expect(steps[8].params).toMatchObject({ indicators: 96, budget: 100, onTime: 100 });

    // Fifty entries later the payment's entry has moved to the ledger's second page: the link follows it.
    for (let i = 0; i < 50; i++) await fundMoneyIn(delivery.fundId!, 100n);
    const moved = (await projectTimeline(delivery.project.id)).find((s) => s.kind === "payment_released")!;
    expect(moved.href).toBe(`/funds/${delivery.fundId}/ledger?page=2#entry-${entry.seq}`);
    expect((await ledgerPage(delivery.fundId!, { page: 2 }))!.rows.map((r) => r.seq)).toContain(entry.seq);
  });

  it("names no resident, reviewer or household, quotes no rating or review comment and shows no bank reference; a private need shows as a step without its title", async () => {
    const place = await communityWithResident("和平社区");
    const resident = await createUser({ name: "王秀英" });
    // The chain began with a private need, later merged as a duplicate into the public one.
    const early = await createNeed({ communityId: place.community.id, raisedBy: resident.id, title: "王秀英家门口的路灯", isPublic: false, createdAt: new Date(Date.now() - 20 * 24 * HOUR) });
    const kept = await createNeed({ communityId: place.community.id, raisedBy: place.residentUser.id, title: "小区路灯维修", isPublic: true, createdAt: new Date(Date.now() - 15 * 24 * HOUR) });
    await db().update(needs).set({ status: "merged", mergedIntoId: kept.id }).where(eq(needs.id, early.id));
    await db().insert(needEvents).values({ id: newId(), needId: early.id, actorId: place.staffUser.id, kind: "merged", fromStatus: "submitted", toStatus: "merged", detail: { mergedIntoId: kept.id }, at: new Date(Date.now() - 14 * 24 * HOUR) });

    const delivery = await deliveryProject({ title: "小区路灯维修项目" });
    await db().update(projects).set({ needId: kept.id }).where(eq(projects.id, delivery.project.id));
    const [milestone] = delivery.milestones;
    const supervisor = await createCommunityStaff(delivery.community.id, { name: "周监委" });
    const submitted = await report(milestone, delivery.reporterUser.id, 1, new Date(Date.now() + HOUR));
    await review(milestone, submitted.id, "request_changes", delivery.staffUser.id, new Date(Date.now() + 2 * HOUR), "签到表缺少张三的签名");
    await review(milestone, submitted.id, "accept", supervisor.id, new Date(Date.now() + 3 * HOUR), "同意验收");
    const [rater] = delivery.residents;
    await db().insert(milestoneRatings).values({ milestoneId: milestone.id, householdId: rater.household.id, score: 3, comment: "楼下李大爷说灯还是太暗", ratedBy: rater.user.id, createdAt: new Date(Date.now() + 3.5 * HOUR) });
    await db().insert(milestonePayments).values({
      id: newId(),
      milestoneId: milestone.id,
      projectId: delivery.project.id,
      amountFen: milestone.amountFen,
      method: "instruction",
      status: "paid",
      bankReference: "ICBC-20270315-778812",
      paidBy: delivery.staffUser.id,
      paidAt: new Date(Date.now() + 5 * HOUR),
      createdAt: new Date(Date.now() + 4 * HOUR),
    });

    const steps = await projectTimeline(delivery.project.id);
    expect(kinds(steps)).toEqual(["need_raised", "need_raised", "need_merged", "project_started", "milestone_submitted", "changes_requested", "milestone_accepted", "ratings", "payment_instructed", "payment_paid"]);
    expect(steps[0]).toMatchObject({ href: null, params: {}, detail: null });
    expect(steps[1]).toMatchObject({ href: `/needs/${kept.id}`, params: { need: "小区路灯维修" } });
    expect(steps[2]).toMatchObject({ href: null, params: {} });

    const serialized = JSON.stringify(steps);
    const secrets = [
      "王秀英",
      place.residentUser.displayName,
      delivery.staffUser.displayName,
      delivery.reporterUser.displayName,
      "周监委",
      ...delivery.residents.flatMap((r) => [r.user.displayName, r.household.id, r.household.label]),
      "签到表缺少张三的签名",
      "同意验收",
      "楼下李大爷说灯还是太暗",
      "ICBC-20270315-778812",
      resident.id,
      place.residentUser.id,
    ];
    for (const secret of secrets) expect(serialized, secret).not.toContain(secret);
  });

  it("an unknown project has no timeline", async () => {
    expect(await projectTimeline(newId())).toEqual([]);
  });
});
