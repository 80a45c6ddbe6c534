// Makes the people, places and organisations a test needs, straight in its database.
import { db } from "@db/client";
import { householdMembers, households, memberships, organisations, places, users, type MemberRole, type OrgKind, type PlaceLevel } from "@db/schema";
import { hashPassword } from "~/utils/auth.server";
import { humanCode, newId } from "~/utils/ids";
import { loadActor, type Actor } from "~/utils/permissions.server";

export const TEST_PASSWORD = "correct-horse-42";
let passwordHash: string | undefined;
let counter = 0;
const unique = () => `${process.pid}${++counter}`.slice(-8).padStart(8, "0");

/** A person with an account; their number or email is verified (proved by a code) unless `verified: false`. */
export async function createUser(options: { name?: string; phone?: string; email?: string; admin?: boolean; verified?: boolean } = {}) {
  passwordHash ??= await hashPassword(TEST_PASSWORD);
  const id = newId();
  const phone = options.phone ?? (options.email ? null : `139${unique()}`);
  const provedAt = options.verified === false ? null : new Date();
  const [user] = await db()
    .insert(users)
    .values({
      id,
      phone,
      email: options.email ?? null,
      phoneVerifiedAt: phone ? provedAt : null,
      emailVerifiedAt: options.email ? provedAt : null,
      displayName: options.name ?? `测试用户${counter}`,
      passwordHash,
      isPlatformAdmin: options.admin ?? false,
    })
    .returning();
  return user;
}

export async function createPlace(level: PlaceLevel, name: string, parentId: string | null = null) {
  const [place] = await db().insert(places).values({ id: newId(), level, name, parentId }).returning();
  return place;
}

/** 区 → 街道 → 社区 → 网格 → 楼栋, named after `name`. */
export async function createCommunity(name = `测试社区${unique()}`) {
  const district = await createPlace("district", `${name}区`);
  const street = await createPlace("street", `${name}街道`, district.id);
  const community = await createPlace("community", name, street.id);
  const grid = await createPlace("grid", `${name}第一网格`, community.id);
  const building = await createPlace("building", `${name}1栋`, grid.id);
  return { district, street, community, grid, building };
}

export async function createHousehold(buildingId: string, label = `${unique()}室`) {
  const [household] = await db().insert(households).values({ id: newId(), buildingId, label, joinCode: humanCode() }).returning();
  return household;
}

export async function addResident(userId: string, householdId: string, verified = true) {
  await db().insert(householdMembers).values({ userId, householdId, verified });
}

export async function createOrg(options: {
  kind?: OrgKind;
  name?: string;
  status?: "pending" | "verified" | "rejected";
  placeId?: string | null;
  members?: [userId: string, role: MemberRole][];
  creditCode?: string | null;
}) {
  const creator = options.members?.[0]?.[0] ?? (await createUser()).id;
  const [org] = await db()
    .insert(organisations)
    .values({
      id: newId(),
      name: options.name ?? `测试社会组织${unique()}`,
      kind: options.kind ?? "social_org",
      registration: "registered",
      creditCode: options.creditCode ?? null,
      creditCodeChecks: options.creditCode ? true : null,
      placeId: options.placeId ?? null,
      status: options.status ?? "verified",
      createdBy: creator,
    })
    .returning();
  for (const [userId, role] of options.members ?? []) await db().insert(memberships).values({ orgId: org.id, userId, role });
  return org;
}

export async function actorOf(user: { id: string; isPlatformAdmin: boolean }): Promise<Actor> {
  return loadActor(user);
}

/** 社区工作者: a person on the verified residents' committee (居委会) of a community. */
export async function createCommunityStaff(communityId: string, options: { name?: string } = {}) {
  const user = await createUser({ name: options.name });
  await createOrg({ kind: "community_committee", placeId: communityId, members: [[user.id, "member"]] });
  return user;
}

// ---- organisations (issue 2) -----------------------------------------------------------------
import { withCheckChar } from "~/domains/orgs/credit-code";

let creditCounter = 0;
/** A well-formed 统一社会信用代码 with the right check character, different every call. */
export function validCreditCode(): string {
  return withCheckChar(`52320213MJ${`${process.pid}${++creditCounter}`.slice(-7).padStart(7, "0")}`);
}

/** A well-formed code whose check character is wrong, as early pilot codes are. */
export function pilotCreditCode(): string {
  const good = validCreditCode();
  return good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
}

// ---- needs (issue 3) -------------------------------------------------------------------------
import { needFollowers, needs as needsTable, type NeedCategory, type NeedStatus } from "@db/schema";

/** A small JPEG built segment by segment (of `size` bytes, if given); with `exif`, it carries an EXIF block holding that text. */
export function jpegBytes(options: { exif?: string; size?: number } = {}): Uint8Array {
  const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  const parts = [Buffer.from([0xff, 0xd8]), segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1"))];
  if (options.exif) parts.push(segment(0xe1, Buffer.from(`Exif\0\0MM\0*${options.exif}`, "latin1")));
  parts.push(segment(0xdb, Buffer.alloc(65, 1)), Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]));
  // Scan data filling the file up to `size` bytes exactly (2 more for the end marker).
  const head = parts.reduce((n, p) => n + p.length, 0) + 2;
  parts.push(Buffer.alloc(Math.max(16, (options.size ?? 0) - head), 0x55), Buffer.from([0xff, 0xd9]));
  return new Uint8Array(Buffer.concat(parts));
}

/** A need written straight to the database (for lists and search), followed by its raiser. */
export async function createNeed(options: {
  communityId: string;
  raisedBy: string;
  title?: string;
  description?: string;
  category?: NeedCategory;
  placeId?: string;
  status?: NeedStatus;
  isPublic?: boolean;
  createdAt?: Date;
}) {
  const [need] = await db()
    .insert(needsTable)
    .values({
      id: newId(),
      title: options.title ?? `测试诉求${unique()}`,
      description: options.description ?? "这是一条测试用的居民诉求描述。",
      category: options.category ?? "other",
      communityId: options.communityId,
      placeId: options.placeId ?? options.communityId,
      raisedBy: options.raisedBy,
      filedBy: options.raisedBy,
      status: options.status ?? "submitted",
      isPublic: options.isPublic ?? false,
      createdAt: options.createdAt ?? new Date(),
    })
    .returning();
  await db().insert(needFollowers).values({ needId: need.id, userId: options.raisedBy });
  return need;
}

/** A community with a household, a resident in it (verified) and a member of its staff. */
export async function communityWithResident(name: string) {
  const places = await createCommunity(name);
  const household = await createHousehold(places.building.id, "1单元101");
  const residentUser = await createUser({ name: `${name}居民` });
  await addResident(residentUser.id, household.id, true);
  const staffUser = await createCommunityStaff(places.community.id, { name: `${name}工作人员` });
  return { ...places, household, residentUser, staffUser, resident: await actorOf(residentUser), staff: await actorOf(staffUser) };
}

/** 街道办: a person in the verified government unit placed at a street. */
export async function createStreetStaff(streetId: string) {
  const user = await createUser();
  await createOrg({ kind: "government_unit", placeId: streetId, members: [[user.id, "member"]] });
  return user;
}

// ---- deliberations (issue 3) -----------------------------------------------------------------
import { needFollowers as followerRows, needs as needRows, type NeedStatus as NeedState } from "@db/schema";
import { isAppError, type AppError } from "~/utils/errors";

/** A need of a community, by default triaged as 小事 and waiting for deliberation. */
export async function createTriagedNeed(options: {
  communityId: string;
  placeId?: string;
  filedBy: string;
  raisedBy?: string | null;
  title?: string;
  status?: NeedState;
  triage?: "big" | "small" | "private" | null;
  isPublic?: boolean;
}) {
  const [need] = await db()
    .insert(needRows)
    .values({
      id: newId(),
      title: options.title ?? `测试需求${unique()}`,
      description: "楼道的路灯坏了好几年，晚上回家看不见路。",
      category: "public_facilities",
      communityId: options.communityId,
      placeId: options.placeId ?? options.communityId,
      raisedBy: options.raisedBy === undefined ? options.filedBy : options.raisedBy,
      filedBy: options.filedBy,
      isPublic: options.isPublic ?? true,
      status: options.status ?? "triaged",
      triage: options.triage === undefined ? "small" : options.triage,
    })
    .returning();
  return need;
}

export async function followNeed(needId: string, userId: string) {
  await db().insert(followerRows).values({ needId, userId }).onConflictDoNothing();
}

/** The AppError a use case fails with; fails the test if it succeeds or fails otherwise. */
export async function refusalOf(call: Promise<unknown>): Promise<AppError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

// ---- donations (issue 4) -------------------------------------------------------------------
import { campaigns as campaignRows, donations as donationRows, matchingPledges as pledgeRows } from "@db/schema";
import { openFund as openFoundation } from "~/domains/funds/open-fund.server";

/** A community foundation held by a verified organisation with a valid credit code, and its manager. */
export async function createFoundation(options: { name?: string; holderName?: string } = {}) {
  const manager = await createUser({ name: "基金会出纳" });
  const holder = await createOrg({ kind: "social_org", name: options.holderName ?? `重庆民泰社区公益事业发展基金会${unique()}`, creditCode: validCreditCode(), members: [[manager.id, "owner"]] });
  const fundId = await db().transaction((tx) =>
    openFoundation(tx, null, {
      kind: "foundation",
      holderOrgId: holder.id,
      name: options.name ?? "民泰社区基金",
      purpose: "资助社区服务、慈善与互助类社区社会组织",
      spendingRules: "理事会审议通过后按项目拨付",
      roles: [{ userId: manager.id, role: "manager" }],
    }),
  );
  return { fundId, holder, manager };
}

export async function createCampaign(fundId: string, createdBy: string, options: { title?: string; status?: "draft" | "active" | "closed"; deadline?: Date } = {}) {
  const [campaign] = await db()
    .insert(campaignRows)
    .values({
      id: newId(),
      fundId,
      title: options.title ?? "为独居老人送热饭",
      purpose: "社区长者食堂为独居老人每日送餐",
      goalFen: 5_000_000n,
      deadline: options.deadline ?? new Date(Date.now() + 30 * 86400_000),
      status: options.status ?? "active",
      createdBy,
    })
    .returning();
  return campaign;
}

/** 配捐: a matcher's pledge on a campaign; by default 1:1, ¥1,000 in all, ¥200 per donor, open for a day around now. */
export async function createPledge(campaignId: string, options: Partial<typeof pledgeRows.$inferInsert> = {}) {
  const [pledge] = await db()
    .insert(pledgeRows)
    .values({
      id: newId(),
      campaignId,
      matcherName: "重庆某爱心企业",
      ratioNumerator: 1,
      ratioDenominator: 1,
      capFen: 100_000n,
      perDonorCapFen: 20_000n,
      startsAt: new Date(Date.now() - 12 * 3600_000),
      endsAt: new Date(Date.now() + 12 * 3600_000),
      ...options,
    })
    .returning();
  return pledge;
}

/** A donation waiting at Checkout (status pending) with its session id, as startDonation leaves it. */
export async function createPendingDonation(fundId: string, options: Partial<typeof donationRows.$inferInsert> = {}) {
  const id = newId();
  const [donation] = await db()
    .insert(donationRows)
    .values({ id, fundId, donorName: "何先生", amountFen: 5000n, status: "pending", checkoutSessionId: `cs_test_${id}`, paymentMethod: "card", ...options })
    .returning();
  return donation;
}

// ---- funds (issue 4) -------------------------------------------------------------------------
import { deliberations as deliberationRows, type Fund as FundRow } from "@db/schema";
import { openFund as openFundWithPeople } from "~/domains/funds/open-fund.server";
import { postEntry as postLedgerEntry } from "~/domains/ledger/post-entry.server";

type FundRoleName = "manager" | "accountant" | "supervisor";

/** A fund held by a new verified organisation, with the given people in the given roles. */
export async function createFund(options: { kind?: FundRow["kind"]; communityId?: string | null; parentFundId?: string; name?: string; roles?: [userId: string, role: FundRoleName][] } = {}) {
  const holder = await createOrg({ kind: options.kind === "micro_fund" || !options.kind ? "community_committee" : "community_foundation", creditCode: validCreditCode() });
  const id = await db().transaction((tx) =>
    openFundWithPeople(tx, null, {
      kind: options.kind ?? "micro_fund",
      holderOrgId: holder.id,
      parentFundId: options.parentFundId ?? null,
      communityId: options.communityId ?? null,
      name: options.name ?? `测试公益站${unique()}`,
      purpose: "社区公益活动",
      spendingRules: "居民议事决定，监委会监督",
      roles: (options.roles ?? []).map(([userId, role]) => ({ userId, role })),
    }),
  );
  return { id, holder };
}

/** A micro-fund of a new community run by an accountant (who is also a manager), a second manager and a supervisor. */
export async function fundWithPeople(name = `测试社区${unique()}`) {
  const places = await createCommunity(name);
  const [accountantUser, managerUser, supervisorUser] = [await createUser({ name: "孙会计" }), await createUser({ name: "钱经理" }), await createUser({ name: "吴监事" })];
  const fund = await createFund({
    communityId: places.community.id,
    roles: [
      [accountantUser.id, "accountant"],
      [accountantUser.id, "manager"],
      [managerUser.id, "manager"],
      [supervisorUser.id, "supervisor"],
    ],
  });
  return {
    ...places,
    fundId: fund.id,
    holder: fund.holder,
    accountantUser,
    managerUser,
    supervisorUser,
    accountant: await actorOf(accountantUser),
    manager: await actorOf(managerUser),
    supervisor: await actorOf(supervisorUser),
  };
}

/** Money already in a fund's cash (or Stripe's clearing account), posted straight to the ledger. */
export async function fundMoneyIn(fundId: string, fen: bigint, account: "cash" | "stripe_clearing" = "cash", counterparty = "测试付款方") {
  return db().transaction((tx) =>
    postLedgerEntry(tx, {
      fundId,
      kind: account === "cash" ? "offline_income" : "donation",
      memo: "测试入账",
      source: { type: "test", id: newId() },
      counterparty,
      lines: [
        { account, debit: fen },
        { account: account === "cash" ? "offline_income" : "donations", credit: fen },
      ],
    }),
  );
}

/** A deliberation of a community, already in the given state (passed by default). */
export async function createDeliberation(options: { communityId: string; createdBy: string; status?: "draft" | "open" | "passed" | "failed" | "no_quorum"; question?: string }) {
  const [row] = await db()
    .insert(deliberationRows)
    .values({
      id: newId(),
      communityId: options.communityId,
      question: options.question ?? `测试议题${unique()}`,
      scopePlaceId: options.communityId,
      opensAt: new Date(Date.now() - 3 * 24 * 3600_000),
      closesAt: new Date(Date.now() - 24 * 3600_000),
      quorumPercent: 50,
      threshold: "simple_majority",
      status: options.status ?? "passed",
      createdBy: options.createdBy,
    })
    .returning();
  return row;
}

import nodeFs from "node:fs";
import nodeOs from "node:os";
import nodePath from "node:path";

/** A throw-away upload folder for this test file; call it at the top of the file, before anything stores a file. */
export function temporaryStorage(prefix = "sanshe-files-") {
  const dir = nodeFs.mkdtempSync(nodePath.join(nodeOs.tmpdir(), prefix));
  process.env.STORAGE_DIR = dir;
  return { dir, remove: () => nodeFs.rmSync(dir, { recursive: true, force: true }) };
}

// ---- proposals, agreements, projects (issue 5) -------------------------------------------------
import { eq as eqOp, sql as sqlOp } from "drizzle-orm";
import { serviceNeedQuestions, serviceNeeds, socialWorkerCertificates } from "@db/schema";
import type { ProposalInput } from "~/domains/proposals/schemas";

/** A community whose residents' committee (居委会) posts service needs, with one of its staff. */
export async function purchasingCommunity(name = `惠景社区${unique()}`) {
  const places = await createCommunity(name);
  const staffUser = await createUser({ name: `${name}工作人员` });
  const committee = await createOrg({ kind: "community_committee", name: `${name}居民委员会`, placeId: places.community.id, members: [[staffUser.id, "member"]] });
  return { ...places, committee, staffUser, staff: await actorOf(staffUser) };
}

/** A published service need: ¥80,000–¥120,000, the year 2027, two questions, deadline in an hour. */
export async function createServiceNeed(options: {
  communityId: string;
  postedByOrgId: string;
  createdBy: string;
  title?: string;
  deadline?: Date;
  requiresCouncilApproval?: boolean;
  minCertifiedWorkers?: number;
  status?: "draft" | "published" | "evaluating";
}) {
  const [need] = await db()
    .insert(serviceNeeds)
    .values({
      id: newId(),
      communityId: options.communityId,
      postedByOrgId: options.postedByOrgId,
      title: options.title ?? "老年人助餐服务",
      description: "为社区独居和高龄老人提供午餐助餐与送餐服务。",
      category: "other",
      placeId: options.communityId,
      beneficiaryGroup: "独居及高龄老人",
      beneficiaryCount: 120,
      periodStart: "2027-01-01",
      periodEnd: "2027-12-31",
      budgetMinFen: 8_000_000n,
      budgetMaxFen: 12_000_000n,
      fundingSource: "government_purchase",
      minCertifiedWorkers: options.minCertifiedWorkers ?? 0,
      proposalDeadline: options.deadline ?? new Date(Date.now() + 3600_000),
      requiresCouncilApproval: options.requiresCouncilApproval ?? false,
      status: options.status ?? "published",
      createdBy: options.createdBy,
      publishedAt: new Date(),
    })
    .returning();
  const questions = await db()
    .insert(serviceNeedQuestions)
    .values([
      { id: newId(), serviceNeedId: need.id, position: 0, text: "如何保障送餐的食品安全？" },
      { id: newId(), serviceNeedId: need.id, position: 1, text: "如何识别需要上门送餐的老人？" },
    ])
    .returning();
  return { ...need, questions };
}

/** The deadline passes (by the database's clock). */
export async function passDeadline(serviceNeedId: string) {
  await db().update(serviceNeeds).set({ proposalDeadline: sqlOp`now() - interval '1 second'` }).where(eqOp(serviceNeeds.id, serviceNeedId));
}

/** A bidding organisation with an owner; `certified` members hold verified social-worker certificates. */
export async function biddingOrg(options: { name?: string; status?: "pending" | "verified"; certified?: number } = {}) {
  const owner = await createUser({ name: "机构负责人" });
  const org = await createOrg({ name: options.name, status: options.status ?? "verified", members: [[owner.id, "owner"]] });
  const workers = [];
  for (let i = 0; i < (options.certified ?? 1); i++) {
    const worker = await createUser({ name: `社工${i + 1}` });
    await db().insert(memberships).values({ orgId: org.id, userId: worker.id, role: "member" });
    await db().insert(socialWorkerCertificates).values({ id: newId(), userId: worker.id, orgId: org.id, level: "intermediate", number: `SW${unique()}${i}`, status: "verified" });
    workers.push(worker);
  }
  return { org, owner, ownerActor: await actorOf(owner), workers };
}

/** A complete proposal for a need of createServiceNeed: ¥100,000 in four lines, three milestones. */
export function proposalInput(need: { questions: { id: string }[] }, overrides: Partial<ProposalInput> = {}): ProposalInput {
  return {
    approach: "依托社区长者食堂，中午集中助餐，行动不便者由志愿者送餐上门。",
    total: 10_000_000n,
    budget: [
      { category: "personnel", description: "社工及厨师劳务", amount: 5_000_000n },
      { category: "activities", description: "助餐活动", amount: 3_000_000n },
      { category: "materials", description: "餐盒与保温箱", amount: 1_500_000n },
      { category: "admin", description: "管理费", amount: 500_000n },
    ],
    team: [{ name: "项目主管", role: "项目负责人" }],
    milestones: [
      { title: "启动与需求评估", dueDate: "2027-03-31", share: 3000, deliverables: [{ indicator: "建立老人档案", target: 120, unit: "份" }] },
      { title: "助餐服务中期", dueDate: "2027-08-31", share: 4000, deliverables: [{ indicator: "服务老人", target: 6000, unit: "人次" }] },
      { title: "结项评估", dueDate: "2027-12-15", share: 3000, deliverables: [{ indicator: "满意度调查", target: 100, unit: "份" }] },
    ],
    answers: Object.fromEntries(need.questions.map((q) => [q.id, "按规范操作并定期检查。"])),
    ...overrides,
  };
}

// ---- marketplace: service needs (issue 5) ---------------------------------------------------
import { orgServiceAreas as serviceAreaRows } from "@db/schema";

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** A service need's form as staff fill it in (every field valid; override any). */
export function serviceNeedForm(overrides: Record<string, string> = {}): Record<string, string> {
  const deadline = new Date(inDays(14).getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  return {
    title: "老年人助餐服务",
    description: "为社区独居和高龄老人提供午餐配送与堂食服务，每周五天。",
    category: "elderly_care",
    beneficiaryGroup: "独居及高龄老人",
    beneficiaryCount: "120",
    periodStart: "2027-01-01",
    periodEnd: "2027-12-31",
    budgetMin: "80,000",
    budgetMax: "120000.50",
    fundingSource: "government_purchase",
    verifiedOnly: "on",
    minCertifiedWorkers: "1",
    proposalDeadline: deadline,
    questions: "如何保证餐食安全？\n配送覆盖哪些楼栋？",
    ...overrides,
  };
}

/** A service need written straight to the database (for lists, search and recommendations). */
export async function listedServiceNeed(options: { communityId: string; postedByOrgId: string; createdBy: string } & Partial<typeof serviceNeeds.$inferInsert>) {
  const [row] = await db()
    .insert(serviceNeeds)
    .values({
      id: newId(),
      title: "社区服务需求",
      description: "社区需要社会组织提供专业服务。",
      category: "other",
      placeId: options.communityId,
      beneficiaryGroup: "社区居民",
      beneficiaryCount: 100,
      periodStart: "2027-01-01",
      periodEnd: "2027-06-30",
      budgetMinFen: 1_000_000n,
      budgetMaxFen: 2_000_000n,
      fundingSource: "micro_fund",
      proposalDeadline: inDays(10),
      status: "published",
      publishedAt: new Date(),
      ...options,
    })
    .returning();
  return row;
}

/** A bidding organisation (biddingOrg) that also serves these places. */
export async function providerServing(serviceAreaIds: string[], options: Parameters<typeof biddingOrg>[0] = {}) {
  const bidder = await biddingOrg(options);
  for (const placeId of serviceAreaIds) await db().insert(serviceAreaRows).values({ orgId: bidder.org.id, placeId });
  return bidder;
}
