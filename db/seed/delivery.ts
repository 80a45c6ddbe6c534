// Demo delivery (民事民办 → 民事民评). Scenario 1 goes on from the vote: 移民小区's 81 households each
// chipped in (每户打平伙), the money was paid into the 桃花桥社区微基金 as offline income — recorded by
// the fund's accountant, approved by the supervisory committee (监委会) — and community staff started
// the street-lights project through the same use case as the page: the owners' committee buys the
// lights and a resident electrician fits them; ¥3,000 leaves the fund only when the milestone is
// accepted, co-signed and rated by the households. Its milestone is left pending for the demo to report.
import { eq } from "drizzle-orm";
import { db, type Tx } from "../client";
import { householdMembers, memberships, organisations, projects, users } from "../schema";
import { openFund } from "../../app/domains/funds/open-fund.server";
import { startProjectFromDecision } from "../../app/domains/delivery/start-project.server";
import { startProjectSchema } from "../../app/domains/delivery/schemas";
import { loadActor } from "../../app/utils/permissions.server";
import { householdId, orgId, placeId, userId } from "./index";
import { STREET_LIGHTS_DELIBERATION_ID } from "./deliberations";
import { seedIncome } from "./funds";
import { stableId } from "./stable-id";

const TAOHUAQIAO = ["重庆市", "南岸区", "长生桥镇", "桃花桥社区"];
const DAY = 24 * 60 * 60 * 1000;

export const TAOHUAQIAO_FUND_ID = stableId("fund:taohuaqiao-micro-fund");
export const STREET_LIGHTS_PROJECT_ID = stableId("project:taohuaqiao-street-lights");
// Spelt out rather than orgId(...): this module is loaded while index.ts, which defines orgId, is still loading.
export const OWNERS_COMMITTEE_ID = stableId("org:yimin-owners-committee");

/** The people, the owners' committee and the micro-fund with the households' money: in the seed's transaction. */
export async function seedDeliveryPeople(tx: Tx) {
  const taohuaqiao = placeId(...TAOHUAQIAO);
  await tx
    .insert(organisations)
    .values({
      id: OWNERS_COMMITTEE_ID,
      name: "桃花桥社区移民小区业主委员会",
      kind: "social_org",
      registration: "filed",
      filingNumber: "长生桥镇备字〔2025〕第 021 号",
      placeId: placeId(...TAOHUAQIAO, "移民小区网格"),
      description: "移民小区没有物业公司，由业主委员会组织小区公共设施的修缮：比三家报价采购材料，请小区里的电工义务安装。",
      status: "verified",
      reviewedBy: userId("admin"),
      reviewedAt: new Date(),
      createdBy: userId("ownersCommittee"),
    })
    .onConflictDoNothing();
  await tx.insert(memberships).values({ orgId: OWNERS_COMMITTEE_ID, userId: userId("ownersCommittee"), role: "admin" }).onConflictDoNothing();
  // A third household of 移民小区, so three households can rate the lights (the bar asks for three).
  await tx
    .insert(householdMembers)
    .values({ userId: userId("resident3"), householdId: householdId("移民小区3栋", "1单元201"), verified: true, linkedBy: userId("staff") })
    .onConflictDoNothing();

  const accountant = userId("staff");
  const supervisor = userId("taohuaqiaoSupervisor");
  await openFund(tx, userId("admin"), {
    id: TAOHUAQIAO_FUND_ID,
    kind: "micro_fund",
    holderOrgId: orgId("taohuaqiao-committee"),
    communityId: taohuaqiao,
    name: "桃花桥社区微基金",
    purpose: "汇集居民为小区公共事务自愿分摊的费用和社区公益收入，用于居民议事会表决通过的小区公共设施修缮和公益活动。",
    spendingRules: "每笔收入由社区居委会记账、监委会复核后入账；每笔支出须经居民表决通过，项目验收合格、监委会会签并经居民评价达标后才拨付，收支在社区公开。",
    roles: [
      { userId: accountant, role: "accountant" },
      { userId: accountant, role: "manager" },
      { userId: supervisor, role: "supervisor" },
    ],
  });
  await seedIncome(tx, {
    fundId: TAOHUAQIAO_FUND_ID,
    key: "taohuaqiao-street-lights-households",
    source: "other",
    payerName: "移民小区 81 户居民",
    description: "移民小区 81 户打平伙分摊路灯费用（每户 40 元）",
    yuan: 3240,
    receivedDaysAgo: 20,
    recordedBy: accountant,
    decidedBy: supervisor,
  });
}

/** The date `days` from now in Beijing, as a date field holds it. */
const beijingDate = (days: number) => new Date(Date.now() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * Starts the street-lights project as community staff would on the page. Runs after the seed's
 * transaction has committed (the use case opens its own, and must see the fund's money).
 */
export async function seedDeliveryProjects() {
  const [existing] = await db().select({ id: projects.id }).from(projects).where(eq(projects.id, STREET_LIGHTS_PROJECT_ID));
  if (existing) return;
  const [staff] = await db().select({ id: users.id, isPlatformAdmin: users.isPlatformAdmin }).from(users).where(eq(users.id, userId("staff")));
  const input = startProjectSchema.parse({
    deliberationId: STREET_LIGHTS_DELIBERATION_ID,
    fundId: TAOHUAQIAO_FUND_ID,
    providerOrgId: OWNERS_COMMITTEE_ID,
    title: "移民小区路灯修复",
    amount: "3000",
    budgetLabel: "路灯材料",
    milestoneTitle: "路灯安装完成",
    dueDate: beijingDate(14),
    indicator: "修复路灯",
    target: "27",
    unit: "个单元",
    evidenceRequired: "安装后的夜间照片、材料发票",
    ratingBar: "3.5",
    ratingHouseholds: "3",
  });
  await startProjectFromDecision({ actor: await loadActor(staff), communityId: placeId(...TAOHUAQIAO), input, id: STREET_LIGHTS_PROJECT_ID });
}
