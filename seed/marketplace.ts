// Demo service needs (scenario 4, 惠景社区 无锡 梁溪区): the residents' committee posts two published
// service needs — 老年人助餐 and a drug-rehabilitation social-work service — for organisations such as
// 善行 to find on /market. Beneficiaries appear only as a group and an approximate count (PIPL; docs/product.md §6).
// One public answer shows the Q&A without its asker. Deadlines are three weeks from seeding; the
// worker's sweep moves them to evaluating when they pass.
import type { Tx } from "../db/client";
import { memberships, organisations, serviceNeedClarifications, serviceNeedQuestions, serviceNeeds, users } from "../db/schema";
import { orgId, placeId, userId } from "./index";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { stableId } from "./stable-id";

const LIANGXI = ["无锡市", "梁溪区"];
const HUIJING = [...LIANGXI, "演示街道", "惠景社区"];
const DAY = 24 * 60 * 60 * 1000;

/** 惠景社区's staff member who posts them (same demo password as every demo login). */
export const MARKETPLACE_DEMO_ACCOUNTS = DEMO_ACCOUNTS.filter((a) => a.key === "huijingStaff").map((a) => ({ ...a, name: a.name.replace(/（.*）/, "") }));

export const HUIJING_MEALS_ID = stableId("service-need:huijing-meals");
export const HUIJING_REHAB_ID = stableId("service-need:huijing-drug-rehab");

export async function seedMarketplace(tx: Tx, passwordHash: string) {
  const staff = MARKETPLACE_DEMO_ACCOUNTS[0];
  await tx.insert(users).values({ id: userId(staff.key), phone: staff.login, displayName: staff.name, passwordHash }).onConflictDoNothing();
  const committeeId = orgId("huijing-committee");
  await tx
    .insert(organisations)
    .values({
      id: committeeId,
      name: "无锡市梁溪区惠景社区居民委员会",
      kind: "community_committee",
      registration: "registered",
      placeId: placeId(...HUIJING),
      description: "惠景社区居委会，通过政府购买服务引入专业社会组织。",
      status: "verified",
      reviewedBy: userId("admin"),
      reviewedAt: new Date(),
      createdBy: userId(staff.key),
    })
    .onConflictDoNothing();
  await tx.insert(memberships).values({ orgId: committeeId, userId: userId(staff.key), role: "admin" }).onConflictDoNothing();

  const common = {
    communityId: placeId(...HUIJING),
    postedByOrgId: committeeId,
    placeId: placeId(...HUIJING),
    periodStart: "2027-01-01",
    periodEnd: "2027-12-31",
    fundingSource: "government_purchase" as const,
    verifiedOnly: true,
    proposalDeadline: new Date(Date.now() + 21 * DAY),
    status: "published" as const,
    publishedAt: new Date(Date.now() - 2 * DAY),
    createdBy: userId(staff.key),
  };
  await tx
    .insert(serviceNeeds)
    .values([
      {
        ...common,
        id: HUIJING_MEALS_ID,
        title: "惠景社区老年人助餐服务",
        description: "为社区独居和高龄老人提供午餐助餐服务：长者食堂集中就餐，行动不便者送餐上门，每周五天。需做好食品安全管理与就餐登记（登记信息不公开）。",
        category: "elderly_care",
        beneficiaryGroup: "独居及高龄老人",
        beneficiaryCount: 120,
        budgetMinFen: 8_000_000n,
        budgetMaxFen: 12_000_000n,
        minCertifiedWorkers: 0,
      },
      {
        ...common,
        id: HUIJING_REHAB_ID,
        title: "社区戒毒康复社会工作服务",
        description: "为社区戒毒康复人员提供个案管理、家庭支持、就业帮扶与复吸预防小组活动，配合社区禁毒工作。服务对象信息严格保密，仅按季度报送汇总数据。",
        category: "correction_rehab",
        beneficiaryGroup: "社区戒毒康复人员",
        beneficiaryCount: 140,
        budgetMinFen: 15_000_000n,
        budgetMaxFen: 20_000_000n,
        minCertifiedWorkers: 1,
        requiredServiceAreaId: placeId(...HUIJING),
      },
    ])
    .onConflictDoNothing();
  const questions: [string, string, number, string][] = [
    [HUIJING_MEALS_ID, "meals-safety", 0, "如何保障餐食安全与营养搭配？"],
    [HUIJING_MEALS_ID, "meals-delivery", 1, "如何确定需要送餐上门的老人，并保护他们的信息？"],
    [HUIJING_REHAB_ID, "rehab-team", 0, "项目团队中持证社工的配置与分工？"],
    [HUIJING_REHAB_ID, "rehab-privacy", 1, "如何保护服务对象的个人信息？"],
  ];
  for (const [serviceNeedId, key, position, text] of questions) {
    await tx.insert(serviceNeedQuestions).values({ id: stableId(`service-need-question:${key}`), serviceNeedId, position, text }).onConflictDoNothing();
  }
  // A question 善行 asked, answered publicly: the page shows it without saying who asked.
  await tx
    .insert(serviceNeedClarifications)
    .values({
      id: stableId("clarification:huijing-rehab-venue"),
      serviceNeedId: HUIJING_REHAB_ID,
      askedByOrgId: orgId("shanxing"),
      askedBy: userId("orgAdmin"),
      question: "社区能否提供开展小组活动的场地？",
      answer: "可以。社区党群服务中心二楼活动室每周二、四下午可供使用。",
      answeredBy: userId(staff.key),
      answeredAt: new Date(Date.now() - DAY),
    })
    .onConflictDoNothing();
}
