// 结项 and 信誉: the last milestone paid closes the project with its final evaluation, once; the
// evaluations make the provider's public reputation, shown with its parts, and a service need's
// minimum reputation and the recommendations use it. Milestones are accepted and paid by direct
// writes here (the release of payment has tests of its own).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, milestoneRatings, milestoneReports, milestones, orgServiceAreas, projects, type IndicatorActual, type Milestone } from "@db/schema";
import { checkEligibility } from "~/domains/marketplace/eligibility.server";
import { recommendFor } from "~/domains/marketplace/recommend.server";
import { closeProjectIfComplete } from "~/domains/projects/close-project.server";
import { reputationOf } from "~/domains/reputation/reputation.server";
import { newId } from "~/utils/ids";
import { createOrg, listedServiceNeed, purchasingCommunity } from "../factories";
import { deliveryProject } from "../factories/delivery";
import { client, startTestApp, type TestApp } from "../factories/http";

type Delivery = Awaited<ReturnType<typeof deliveryProject>>;

/** The provider's report, accepted by staff (earlier versions may have been sent back). */
async function acceptedReport(delivery: Delivery, milestone: Milestone, report: { indicators: IndicatorActual[]; spendingFen: number[]; version?: number; status?: "accepted" | "changes_requested" }) {
  await db()
    .insert(milestoneReports)
    .values({
      id: newId(),
      milestoneId: milestone.id,
      version: report.version ?? 1,
      status: report.status ?? "accepted",
      narrative: "本阶段服务已完成",
      indicators: report.indicators,
      spending: report.spendingFen.map((amountFen) => ({ label: "材料费", amountFen })),
      createdBy: delivery.reporterUser.id,
      submittedBy: delivery.reporterUser.id,
      submittedAt: new Date(),
    });
}

async function rate(delivery: Delivery, milestone: Milestone, scores: number[], hidden: number[] = []) {
  const all = [...scores.map((score) => ({ score, hidden: false })), ...hidden.map((score) => ({ score, hidden: true }))];
  await db()
    .insert(milestoneRatings)
    .values(
      all.map(({ score, hidden }, i) => ({
        milestoneId: milestone.id,
        householdId: delivery.residents[i].household.id,
        ratedBy: delivery.residents[i].user.id,
        score,
        hiddenAt: hidden ? new Date() : null,
        hiddenBy: hidden ? delivery.staffUser.id : null,
        hiddenReason: hidden ? "与服务无关的内容" : null,
      })),
    );
}

async function markPaid(milestone: Milestone, firstSubmittedAt: string) {
  await db()
    .update(milestones)
    .set({ status: "paid", firstSubmittedAt: new Date(firstSubmittedAt), submittedAt: new Date(firstSubmittedAt), acceptedAt: new Date(), paidAt: new Date() })
    .where(eq(milestones.id, milestone.id));
}

/** What the transaction that pays a milestone does last. */
const close = (projectId: string) => db().transaction((tx) => closeProjectIfComplete(tx, projectId));

const completions = async (projectId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "project.complete"), eq(auditLog.entityId, projectId)));

/**
 * Two milestones of ¥3,000 in all. The first is first submitted at 23:30 Beijing time on its due
 * date (on time), the second the morning after its due date (late). Accepted reports: 150 of 200
 * served, then 130 of 100 and a zero target; ¥1,200 + ¥2,000 spent. Ratings 5, 4 and 3, plus a 4
 * whose comment staff hid (the score still counts). Every milestone is accepted and paid when this returns, the project not yet closed.
 */
async function deliveredProject() {
  const delivery = await deliveryProject({
    amountFen: 300_000n,
    households: 4,
    milestones: [
      { shareBp: 5_000, dueDate: "2027-03-31" },
      { shareBp: 5_000, dueDate: "2027-06-30" },
    ],
  });
  const [first, second] = delivery.milestones;
  // A version sent back is not the final word: its figures do not count.
  await acceptedReport(delivery, first, { version: 1, status: "changes_requested", indicators: [{ indicator: "服务老人", unit: "人次", target: 200, actual: 10 }], spendingFen: [999_999] });
  await acceptedReport(delivery, first, { version: 2, indicators: [{ indicator: "服务老人", unit: "人次", target: 200, actual: 150 }], spendingFen: [120_000] });
  await acceptedReport(delivery, second, {
    indicators: [
      { indicator: "服务老人", unit: "人次", target: 100, actual: 130 },
      { indicator: "安全事故", unit: "起", target: 0, actual: 0 },
    ],
    spendingFen: [150_000, 50_000],
  });
  await rate(delivery, first, [5, 4]);
  await rate(delivery, second, [3], [4]);
  await markPaid(first, "2027-03-31T15:30:00Z");
  await markPaid(second, "2027-07-01T01:00:00Z");
  return delivery;
}

const EXPECTED = {
  indicatorsAchievedPct: 91.7, // (75 % + 100 % + 100 %) / 3
  budgetExecutedPct: 106.7, // ¥3,200 of ¥3,000, not capped
  onTimePct: 50,
  averageRatingTenths: 40, // (5 + 4 + 3 + 4) / 4: a hidden comment's score counts (ADR 0010)
  ratingsCount: 4,
};

describe("closing a project when its last milestone is paid", () => {
  it("does nothing while a milestone is still unpaid", async () => {
    const delivery = await deliveryProject({ milestones: [{ shareBp: 5_000 }, { shareBp: 5_000 }] });
    await markPaid(delivery.milestones[0], "2027-03-01T02:00:00Z");
    await db().update(milestones).set({ status: "accepted" }).where(eq(milestones.id, delivery.milestones[1].id));
    expect(await close(delivery.project.id)).toBeNull();
    const [project] = await db().select().from(projects).where(eq(projects.id, delivery.project.id));
    expect(project).toMatchObject({ status: "active", completedAt: null, evaluation: null });
    expect(await completions(delivery.project.id)).toHaveLength(0);
  });

  it("closes the project once with exact figures, even when two payments finish at the same moment", async () => {
    const delivery = await deliveredProject();
    const results = await Promise.all([close(delivery.project.id), close(delivery.project.id)]);
    expect(results.filter((r) => r !== null)).toEqual([EXPECTED]);

    const [project] = await db().select().from(projects).where(eq(projects.id, delivery.project.id));
    expect(project.status).toBe("completed");
    expect(project.completedAt).toBeInstanceOf(Date);
    expect(project.evaluation).toEqual(EXPECTED);
    const audit = await completions(delivery.project.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, fromState: "active", toState: "completed" });

    // The provider's admins are told, once.
    const jobs = await db().execute<{ payload: { orgAdminsOf: string[]; params: Record<string, number> } }>(
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
          where t.identifier = 'notify' and j.payload->>'key' = ${`project-completed:${delivery.project.id}`}`,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload.orgAdminsOf).toEqual([delivery.provider.id]);
    expect(jobs[0].payload.params).toMatchObject({ indicators: 91.7, budget: 106.7, onTime: 50 });

    // A later call finds it completed and leaves it alone.
    expect(await close(delivery.project.id)).toBeNull();
    expect(await completions(delivery.project.id)).toHaveLength(1);
  });

  it("closes it exactly once when its last two milestones are paid in two transactions at the same moment", async () => {
    const delivery = await deliveredProject();
    await db().update(milestones).set({ status: "accepted" }).where(eq(milestones.projectId, delivery.project.id));
    const payThenClose = (milestone: Milestone) =>
      db().transaction(async (tx) => {
        await tx.update(milestones).set({ status: "paid" }).where(eq(milestones.id, milestone.id));
        return closeProjectIfComplete(tx, delivery.project.id);
      });
    const results = await Promise.all(delivery.milestones.map(payThenClose));
    expect(results.filter((r) => r !== null)).toEqual([EXPECTED]);
    expect(await completions(delivery.project.id)).toHaveLength(1);
  });

  it("gives a project whose milestones were all late 0 % on time and, without ratings, no average", async () => {
    const delivery = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: "2027-03-31" }] });
    await acceptedReport(delivery, delivery.milestones[0], { indicators: [], spendingFen: [300_000] });
    await markPaid(delivery.milestones[0], "2027-04-02T02:00:00Z");
    expect(await close(delivery.project.id)).toEqual({ indicatorsAchievedPct: 100, budgetExecutedPct: 100, onTimePct: 0, averageRatingTenths: null, ratingsCount: 0 });
  });
});

describe("an organisation's reputation", () => {
  let app: TestApp;
  let delivery: Delivery;
  beforeAll(async () => {
    app = await startTestApp();
    delivery = await deliveredProject();
    await close(delivery.project.id);
  });
  afterAll(async () => {
    await app.stop();
  });

  it("comes from its completed projects: 66, from the parts, pulled toward 60 because there is one project", async () => {
    // (30 × 91.7 + 25 × 50 + 15 × 93.3 + 30 × 75) / 100 = 76.5; (76.5 + 2 × 60) / 3 = 65.5
    expect(await reputationOf(delivery.provider.id)).toEqual({
      projectsCompleted: 1,
      indicatorsAchievedPct: 91.7,
      onTimePct: 50,
      budgetExecutedPct: 106.7,
      budgetDisciplinePct: 93.3,
      averageRatingTenths: 40,
      ratingsCount: 4,
      weightedScore: 76.5,
      score: 66,
    });
  });

  it("is on the organisation's public page with every part, for anyone to read", async () => {
    const page = await (await client(app).get(`/orgs/${delivery.provider.id}`)).text();
    const section = page.slice(page.indexOf('id="reputation-heading"'));
    expect(section).toContain("信誉");
    for (const part of ["66 分（满分 100）", "已结项项目", "1 个", "91.7%", "50%", "106.7%", "预算把握 93.3 分", "4.0 / 5", "共 4 条评价", "得 76.5 分"]) expect(section).toContain(part);
  });

  it("is said to be missing on the page of an organisation that has completed nothing", async () => {
    const newcomer = await createOrg({ kind: "social_org" });
    const page = await (await client(app).get(`/orgs/${newcomer.id}`)).text();
    expect(page).toContain("尚无结项项目，暂无信誉分。");
  });

  it("meets a service need's minimum reputation at or below its score, and not above it", async () => {
    const org = { id: delivery.provider.id, kind: delivery.provider.kind, status: delivery.provider.status };
    const needing = (minReputation: number) => ({ verifiedOnly: false, minCertifiedWorkers: 0, requiredServiceAreaId: null, minReputation });
    expect(await checkEligibility(org, needing(66))).toEqual([]);
    expect(await checkEligibility(org, needing(67))).toEqual(["marketplace.unmetReputation"]);
  });

  it("an organisation without a reputation meets no minimum, however low", async () => {
    const newcomer = await createOrg({ kind: "social_org" });
    expect(await checkEligibility(newcomer, { verifiedOnly: false, minCertifiedWorkers: 0, requiredServiceAreaId: null, minReputation: 1 })).toEqual(["marketplace.unmetReputation"]);
    expect(await checkEligibility(newcomer, { verifiedOnly: false, minCertifiedWorkers: 0, requiredServiceAreaId: null, minReputation: null })).toEqual([]);
  });
});

describe("recommendations with a reputation", () => {
  it("a completed project lifts the needs whose minimum its reputation meets above one it falls short of", async () => {
    const huijing = await purchasingCommunity();
    const provider = await deliveredProject();
    await db().insert(orgServiceAreas).values({ orgId: provider.provider.id, placeId: huijing.community.id });
    const post = (title: string, days: number, minReputation: number) =>
      listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id, title, proposalDeadline: new Date(Date.now() + days * 86_400_000), minReputation });
    const asks90Soon = await post("要求信誉90，三天内截止", 3, 90);
    const asks60 = await post("要求信誉60", 30, 60);
    const order = async () => (await recommendFor(provider.provider.id)).recommendations.filter((r) => [asks90Soon.id, asks60.id].includes(r.id)).map((r) => [r.title, r.score]);

    // Before: no reputation, no points; the sooner deadline leads.
    expect(await order()).toEqual([
      ["要求信誉90，三天内截止", 70],
      ["要求信誉60", 60],
    ]);
    const before = (await recommendFor(provider.provider.id)).recommendations.find((r) => r.id === asks60.id)!;
    expect(before.reasons.find((r) => r.key.includes("eputation"))).toMatchObject({ key: "marketplace.reason.noReputationRequired", points: 0 });

    await close(provider.project.id);
    // After: 66 meets 60 (+13, 66 × 20 / 100), falls short of 90 (no points).
    expect(await order()).toEqual([
      ["要求信誉60", 73],
      ["要求信誉90，三天内截止", 70],
    ]);
    const after = (await recommendFor(provider.provider.id)).recommendations;
    expect(after.find((r) => r.id === asks60.id)!.reasons.find((r) => r.key.includes("eputation"))).toMatchObject({ key: "marketplace.reason.reputation", points: 13, params: { score: 66 } });
    expect(after.find((r) => r.id === asks90Soon.id)!.reasons.find((r) => r.key.includes("eputation"))).toMatchObject({ key: "marketplace.reason.reputationShort", points: 0, params: { score: 66, need: 90 } });
  });
});
