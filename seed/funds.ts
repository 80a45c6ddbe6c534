// Demo funds. Scenario 2: 东路社区公益站, about ¥11,000 from parking revenue, recycling and a social
// enterprise's gift, kept by the elected accountant (孙会计) and approved by the supervisory committee
// (吴主任), paying for a 百家宴 on the board's resolution (proposed by 孙会计, approved by 吴主任). Scenario 3: 重庆民泰社区公益事业发展基金会,
// ¥14,000,000, with a restricted sub-fund (专项基金) and an active campaign. Every entry goes through
// postEntry, so the demo ledgers are chained and verify like any other.
import type { Tx } from "../db/client";
import { campaigns, disbursements, offlineIncomes, users } from "../db/schema";
import { openFund } from "../app/domains/funds/open-fund.server";
import { offlineIncomeCounterparty, offlineIncomeMemo } from "../app/domains/funds/ledger-text";
import { postEntry } from "../app/domains/ledger/post-entry.server";
import { orgId, placeId, userId } from "./index";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { stableId } from "./stable-id";

export const DONGLU_FUND_ID = stableId("fund:donglu-gongyizhan");
export const MINTA_FUND_ID = stableId("fund:minta-foundation");
export const TAOHUAQIAO_FUND_ID = stableId("fund:taohuaqiao-micro-fund");
export const MINTA_SUBFUND_ID = stableId("fund:minta-mutual-aid");
export const MINTA_CAMPAIGN_ID = stableId("campaign:minta-incubator");

/** 民泰基金会's supervisor, the second pair of eyes on its offline income (same demo password). */
export const FUNDS_DEMO_ACCOUNTS = DEMO_ACCOUNTS.filter((a) => a.key === "mintaSupervisor").map((a) => ({ ...a, name: a.name.replace(/（.*）/, "") }));

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

export interface IncomeSeed {
  key: string;
  fundId: string;
  source: "parking" | "recycling" | "cash_gift" | "enterprise_gift" | "other";
  payerName: string;
  description: string;
  yuan: number;
  receivedDaysAgo: number;
  recordedBy: string;
  decidedBy: string;
}

/** An offline income recorded by one person and approved by another, posted as the approval does. */
export async function seedIncome(tx: Tx, s: IncomeSeed) {
  const id = stableId(`offline-income:${s.key}`);
  const receivedOn = daysAgo(s.receivedDaysAgo);
  const decidedAt = new Date(receivedOn.getTime() + DAY);
  const amountFen = BigInt(s.yuan) * 100n;
  const income = { source: s.source, payerName: s.payerName, description: s.description, receivedOn };
  await tx.insert(offlineIncomes).values({ id, fundId: s.fundId, ...income, amountFen, status: "approved", recordedBy: s.recordedBy, decidedBy: s.decidedBy, decidedAt, createdAt: receivedOn });
  await postEntry(tx, {
    fundId: s.fundId,
    kind: "offline_income",
    memo: offlineIncomeMemo(income),
    source: { type: "offline_income", id },
    counterparty: offlineIncomeCounterparty(income),
    occurredAt: decidedAt,
    lines: [
      { account: "cash", debit: amountFen },
      { account: "offline_income", credit: amountFen },
    ],
  });
}

/** A disbursement on the board's resolution, proposed by one person and approved by another, posted as the approval does. */
async function seedBoardDisbursement(tx: Tx, s: { key: string; fundId: string; yuan: number; payeeName: string; payeeOrgId?: string; purpose: string; resolution: string; daysAgo: number; by: string; approvedBy: string }) {
  const id = stableId(`disbursement:${s.key}`);
  const amountFen = BigInt(s.yuan) * 100n;
  const at = daysAgo(s.daysAgo);
  await tx.insert(disbursements).values({
    id,
    fundId: s.fundId,
    amountFen,
    payeeName: s.payeeName,
    payeeOrgId: s.payeeOrgId ?? null,
    payeeType: s.payeeOrgId ? "org" : "other",
    purpose: s.purpose,
    authority: "board_approval",
    boardResolution: s.resolution,
    status: "approved",
    createdBy: s.by,
    decidedBy: s.approvedBy,
    decidedAt: at,
    createdAt: new Date(at.getTime() - DAY),
  });
  await postEntry(tx, {
    fundId: s.fundId,
    kind: "disbursement",
    memo: `${s.purpose}（理事会决议：${s.resolution}）`,
    source: { type: "disbursement", id },
    counterparty: s.payeeName,
    occurredAt: at,
    lines: [
      { account: "grants", debit: amountFen },
      { account: "cash", credit: amountFen },
    ],
  });
}

export async function seedFunds(tx: Tx, passwordHash: string) {
  for (const a of FUNDS_DEMO_ACCOUNTS) {
    await tx.insert(users).values({ id: userId(a.key), phone: a.login, displayName: a.name, passwordHash }).onConflictDoNothing();
  }
  const accountant = userId("fundManager");
  const supervisor = userId("supervisor");
  const mintaSupervisor = userId("mintaSupervisor");

  // ---- scenario 2: 东路社区公益站 -------------------------------------------------------------
  await openFund(tx, userId("admin"), {
    id: DONGLU_FUND_ID,
    kind: "micro_fund",
    holderOrgId: orgId("donglu-committee"),
    communityId: placeId("重庆市", "南岸区", "南坪街道", "东路社区"),
    name: "东路社区公益站",
    purpose: "汇集社区停车收入、废品回收收入和爱心企业捐赠，用于社区公益活动：邻里百家宴、社区好人评选表彰、困难居民帮扶等。",
    spendingRules:
      "资金由居民选出的会计记账，每笔收入须经监委会复核后入账；每笔支出须经居民议事会表决通过，或由公益站管理委员会作出决议，收支每月在社区公示。",
    roles: [
      { userId: accountant, role: "accountant" },
      { userId: accountant, role: "manager" },
      { userId: supervisor, role: "supervisor" },
    ],
  });
  const donglu = { fundId: DONGLU_FUND_ID, recordedBy: accountant, decidedBy: supervisor };
  await seedIncome(tx, { ...donglu, key: "donglu-parking", source: "parking", payerName: "东路社区临时停车场", description: "一季度临时停车收费", yuan: 6200, receivedDaysAgo: 75 });
  await seedIncome(tx, { ...donglu, key: "donglu-recycling", source: "recycling", payerName: "东路社区可回收物兑换点", description: "废品回收变卖收入", yuan: 1350, receivedDaysAgo: 60 });
  await seedIncome(tx, {
    ...donglu,
    key: "donglu-enterprise",
    source: "enterprise_gift",
    payerName: "重庆市南岸区邻里乐社会企业服务有限公司",
    description: "社会企业爱心捐赠，支持社区公益活动",
    yuan: 3450,
    receivedDaysAgo: 45,
  });
  await seedBoardDisbursement(tx, {
    key: "donglu-baijiayan",
    fundId: DONGLU_FUND_ID,
    yuan: 2800,
    payeeName: "东路社区百家宴筹备组",
    purpose: "邻里百家宴食材与场地费用",
    resolution: "东路社区公益站管理委员会决议〔2025〕第 3 号",
    daysAgo: 20,
    by: accountant,
    approvedBy: supervisor,
  });

  // ---- scenario 1: 桃花桥社区微基金 (its money and its project are seeded with delivery) ---------------
  const taohuaqiaoAccountant = userId("staff");
  await openFund(tx, userId("admin"), {
    id: TAOHUAQIAO_FUND_ID,
    kind: "micro_fund",
    holderOrgId: orgId("taohuaqiao-committee"),
    communityId: placeId("重庆市", "南岸区", "长生桥镇", "桃花桥社区"),
    name: "桃花桥社区微基金",
    purpose: "汇集居民为小区公共事务自愿分摊的费用和社区公益收入，用于居民议事会表决通过的小区公共设施修缮和公益活动。",
    spendingRules: "每笔收入由社区居委会记账、监委会复核后入账；每笔支出须经居民表决通过，项目验收合格、监委会会签并经居民评价达标后才拨付，收支在社区公开。",
    roles: [
      { userId: taohuaqiaoAccountant, role: "accountant" },
      { userId: taohuaqiaoAccountant, role: "manager" },
      { userId: userId("taohuaqiaoSupervisor"), role: "supervisor" },
    ],
  });

  // ---- scenario 3: 重庆民泰社区公益事业发展基金会 --------------------------------------------------
  const manager = userId("fundManager");
  await openFund(tx, userId("admin"), {
    id: MINTA_FUND_ID,
    kind: "foundation",
    holderOrgId: orgId("minta-foundation"),
    name: "重庆民泰社区公益事业发展基金会",
    purpose: "以社会捐赠为主要来源，按项目资助社区服务类、公益慈善类和互助类社区社会组织，培育社区自治力量。",
    spendingRules: "资助按项目进行：项目经理事会决议立项，资金按项目进度拨付；专项基金只用于其约定的用途；年度审计报告向社会公开。",
    roles: [
      { userId: manager, role: "manager" },
      { userId: mintaSupervisor, role: "supervisor" },
    ],
  });
  const minta = { fundId: MINTA_FUND_ID, recordedBy: manager, decidedBy: mintaSupervisor };
  await seedIncome(tx, { ...minta, key: "minta-founding", source: "enterprise_gift", payerName: "重庆民泰实业集团有限公司", description: "发起企业原始捐赠", yuan: 8_600_000, receivedDaysAgo: 120 });
  await seedIncome(tx, { ...minta, key: "minta-public", source: "cash_gift", payerName: "社会公众（银行转账汇总）", description: "社会公众历年银行转账捐赠汇总入账", yuan: 5_400_000, receivedDaysAgo: 100 });
  await seedBoardDisbursement(tx, {
    key: "minta-volunteers",
    fundId: MINTA_FUND_ID,
    yuan: 50_000,
    payeeName: "桃花桥社区志愿服务队",
    payeeOrgId: orgId("taohuaqiao-volunteers"),
    purpose: "社区互助类组织资助：移民小区志愿服务",
    resolution: "重庆民泰社区公益事业发展基金会理事会决议〔2025〕第 7 号",
    daysAgo: 30,
    by: manager,
    approvedBy: mintaSupervisor,
  });

  await openFund(tx, userId("admin"), {
    id: MINTA_SUBFUND_ID,
    kind: "sub_fund",
    parentFundId: MINTA_FUND_ID,
    holderOrgId: orgId("minta-foundation"),
    name: "民泰邻里互助专项基金",
    purpose: "限定用途：只用于社区互助类组织的长者助餐与邻里互助项目。",
    spendingRules: "专项基金单独记账、单独核算，只能支出本专项基金自己的余额，不得动用基金会其他资金。",
    roles: [],
  });
  await seedIncome(tx, {
    fundId: MINTA_SUBFUND_ID,
    recordedBy: manager,
    decidedBy: mintaSupervisor,
    key: "minta-mutual-aid",
    source: "enterprise_gift",
    payerName: "重庆市南岸区民营企业商会",
    description: "设立邻里互助专项基金的定向捐赠",
    yuan: 300_000,
    receivedDaysAgo: 90,
  });

  await tx.insert(campaigns).values({
    id: MINTA_CAMPAIGN_ID,
    fundId: MINTA_FUND_ID,
    title: "社区互助组织孵化计划",
    purpose: "为南岸区社区的互助类组织提供启动资金与培训：每个入选组织最多资助 2 万元，按项目进度拨付，执行情况在本页公开。",
    goalFen: 20_000_000n,
    deadline: new Date(Date.now() + 90 * DAY),
    status: "active",
    createdBy: manager,
  });
}
