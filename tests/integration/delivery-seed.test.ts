import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, milestonePayments, milestoneRatings, milestones, needs, offlineIncomes, projects } from "@db/schema";
import { seedDemo, userId } from "@seed/index";
import { STREET_LIGHTS_DELIBERATION_ID } from "@seed/deliberations";
import {
  DONGLU_AWARD_DELIBERATION_ID,
  DONGLU_AWARD_PROJECT_ID,
  DONGLU_VOLUNTEERS_ID,
  OWNERS_COMMITTEE_ID,
  seedDeliveryProjects,
  STREET_LIGHTS_PROJECT_ID,
  TAOHUAQIAO_FUND_ID,
} from "@seed/delivery";
import { DONGLU_FUND_ID } from "@seed/funds";
import { STREET_LIGHTS_NEED_ID } from "@seed/needs";
import { scopeHouseholdIds } from "~/domains/deliberations/scope.server";
import { verifyStoredChain } from "~/domains/funds/verify.server";
import { balanceOf } from "~/domains/ledger/post-entry.server";
import { projectTimeline } from "~/domains/projects/timeline.server";

const counts = async () =>
  (
    await db().execute<{ projects: number; milestones: number; incomes: number; entries: number }>(sql`
      select (select count(*)::int from projects) as projects, (select count(*)::int from milestones) as milestones,
        (select count(*)::int from offline_incomes) as incomes, (select count(*)::int from journal_entries) as entries`)
  )[0];

describe("the demo street-lights project", () => {
  it("is started from 移民小区's vote, paid for by the households' contributions in the 桃花桥社区微基金, with its milestone waiting for the owners' committee's report; seeding again changes nothing", async () => {
    expect(await seedDemo()).toBe("seeded");

    const [project] = await db().select().from(projects).where(eq(projects.id, STREET_LIGHTS_PROJECT_ID));
    expect(project).toMatchObject({
      title: "移民小区路灯修复",
      status: "active",
      fundId: TAOHUAQIAO_FUND_ID,
      providerOrgId: OWNERS_COMMITTEE_ID,
      deliberationId: STREET_LIGHTS_DELIBERATION_ID,
      needId: STREET_LIGHTS_NEED_ID,
      amountFen: 300_000n,
      requiresCosign: true,
      ratingBarTenths: 35,
      ratingBarHouseholds: 3,
      budgetLines: [{ label: "路灯材料", amountFen: 300_000 }],
    });
    const list = await db().select().from(milestones).where(eq(milestones.projectId, project.id));
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ title: "路灯安装完成", status: "pending", amountFen: 300_000n, deliverables: [{ indicator: "修复路灯", target: 27, unit: "个单元" }], evidenceRequired: "安装后的夜间照片、材料发票" });
    expect(new Date(list[0].dueDate).getTime()).toBeGreaterThan(Date.now());
    expect((await db().select().from(needs).where(eq(needs.id, STREET_LIGHTS_NEED_ID)))[0].status).toBe("in_delivery");

    // The households' money came in through maker-checker: recorded by one person, approved by another.
    const [income] = await db().select().from(offlineIncomes).where(eq(offlineIncomes.fundId, TAOHUAQIAO_FUND_ID));
    expect(income).toMatchObject({ status: "approved", recordedBy: userId("staff"), decidedBy: userId("taohuaqiaoSupervisor") });
    expect(await db().transaction((tx) => balanceOf(tx, TAOHUAQIAO_FUND_ID, ["cash"]))).toBeGreaterThanOrEqual(300_000n);
    expect(await verifyStoredChain(TAOHUAQIAO_FUND_ID)).toMatchObject({ intact: true });

    // Three households of the scope have a verified resident who can sign in and rate.
    const scope = new Set(await scopeHouseholdIds(db(), project.scopePlaceId!));
    const raters = await db().select().from(householdMembers).where(eq(householdMembers.verified, true));
    const inScope = raters.filter((r) => scope.has(r.householdId));
    expect(new Set(inScope.map((r) => r.householdId)).size).toBeGreaterThanOrEqual(3);
    expect(inScope.map((r) => r.userId)).toEqual(expect.arrayContaining([userId("resident"), userId("resident2"), userId("resident3")]));

    // The timeline reads from the resident's need onwards.
    expect((await projectTimeline(project.id)).map((s) => s.kind)).toEqual(["need_raised", "triaged", "deliberation_opened", "deliberation_result", "project_started"]);

    const before = await counts();
    expect(await seedDemo()).toBe("already-seeded");
    await seedDeliveryProjects();
    expect(await counts()).toEqual(before);
  });
});

describe("the demo's finished project", () => {
  it("shows 东路社区's 社区好人 award reported, accepted, co-signed, rated by three households and paid from the 公益站, closed with its evaluation", async () => {
    await seedDemo(); // seeded by the test above when both run; on its own, here

    const [project] = await db().select().from(projects).where(eq(projects.id, DONGLU_AWARD_PROJECT_ID));
    expect(project).toMatchObject({ status: "completed", fundId: DONGLU_FUND_ID, providerOrgId: DONGLU_VOLUNTEERS_ID, deliberationId: DONGLU_AWARD_DELIBERATION_ID, amountFen: 150_000n });
    expect(project.evaluation).not.toBeNull();
    const [milestone] = await db().select().from(milestones).where(eq(milestones.projectId, project.id));
    expect(milestone).toMatchObject({ status: "paid", staffAcceptedBy: userId("fundManager"), cosignedBy: userId("supervisor") });
    expect(await db().select().from(milestoneRatings).where(eq(milestoneRatings.milestoneId, milestone.id))).toHaveLength(3);
    const [payment] = await db().select().from(milestonePayments).where(eq(milestonePayments.milestoneId, milestone.id));
    expect(payment).toMatchObject({ method: "ledger", status: "paid", amountFen: 150_000n, fundId: DONGLU_FUND_ID });
    expect(await verifyStoredChain(DONGLU_FUND_ID)).toMatchObject({ intact: true });

    const kinds = (await projectTimeline(project.id)).map((s) => s.kind);
    expect(kinds.slice(0, 9)).toEqual(["need_raised", "triaged", "deliberation_opened", "deliberation_result", "project_started", "milestone_submitted", "milestone_accepted", "cosigned", "ratings"]);
    // Payment and completion come last; their order between them is the timeline's business (one transaction writes both).
    expect(kinds.slice(9).sort()).toEqual(["payment_released", "project_completed"]);
  });
});
