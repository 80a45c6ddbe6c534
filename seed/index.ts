// Demo data: seeded once (a second start keeps what is there), telling the first stories of
// docs/demo-stories.md. Every id is stable, so links in the README keep working.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { eq, sql } from "drizzle-orm";
import { closeDb, db, type Tx } from "../db/client";
import {
  householdMembers,
  households,
  memberships,
  organisations,
  orgServiceAreas,
  places,
  socialWorkerCertificates,
  users,
  type MemberRole,
  type OrgKind,
} from "../db/schema";
import { withCheckChar } from "../app/domains/orgs/credit-code";
import { hashPassword } from "../app/utils/auth.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, demoAccount } from "./demo-accounts";
import { seedNeeds } from "./needs";
import { seedDeliberations } from "./deliberations";
import { seedFunds } from "./funds";
import { seedMarketplace } from "./marketplace";
import { seedDeliveryPeople, seedDeliveryProjects } from "./delivery";
import { PLACES, type PlaceSeed } from "./places";
import { stableId } from "./stable-id";

export const placeId = (...names: string[]) => stableId(`place:${names.join("/")}`);
export const userId = (key: string) => stableId(`user:${key}`);
export const orgId = (key: string) => stableId(`org:${key}`);
export const householdId = (building: string, label: string) => stableId(`household:${building}/${label}`);

async function seedPlaces(tx: Tx, seeds: PlaceSeed[], parentPath: string[] = [], parentId: string | null = null) {
  for (const seed of seeds) {
    const pathNames = [...parentPath, seed.name];
    const id = placeId(...pathNames);
    await tx.insert(places).values({ id, parentId, level: seed.level, name: seed.name }).onConflictDoNothing();
    if (seed.level === "building") {
      // Three households per building: enough to vote with in the demo.
      for (const label of ["1单元101", "1单元201", "1单元301"]) {
        await tx
          .insert(households)
          .values({ id: householdId(seed.name, label), buildingId: id, label, joinCode: stableId(`code:${seed.name}/${label}`).slice(0, 8).toUpperCase() })
          .onConflictDoNothing();
      }
    }
    if (seed.children) await seedPlaces(tx, seed.children, pathNames, id);
  }
}

interface OrgSeed {
  key: string;
  name: string;
  kind: OrgKind;
  place: string[];
  creditPrefix?: string;
  filingNumber?: string;
  status: "pending" | "verified";
  description: string;
  members: [accountKey: string, role: MemberRole][];
  serviceAreas?: string[][];
}

const CQ_NANAN = ["重庆市", "南岸区"];
const TAOHUAQIAO = [...CQ_NANAN, "长生桥镇", "桃花桥社区"];
const DONGLU = [...CQ_NANAN, "南坪街道", "东路社区"];
const LIANGXI = ["无锡市", "梁溪区"];
const HUIJING = [...LIANGXI, "演示街道", "惠景社区"];

const ORGS: OrgSeed[] = [
  {
    key: "taohuaqiao-committee",
    name: "重庆市南岸区长生桥镇桃花桥社区居民委员会",
    kind: "community_committee",
    place: TAOHUAQIAO,
    creditPrefix: "11500108MB1234567",
    status: "verified",
    description: "桃花桥社区居委会，服务移民小区等 1,032 名居民。",
    members: [["staff", "admin"]],
  },
  {
    key: "donglu-committee",
    name: "重庆市南岸区南坪街道东路社区居民委员会",
    kind: "community_committee",
    place: DONGLU,
    creditPrefix: "11500108MB2345678",
    status: "verified",
    description: "东路社区居委会，社区公益站所在地。",
    members: [["supervisor", "member"], ["fundManager", "member"]],
  },
  {
    key: "liangxi-civil-affairs",
    name: "无锡市梁溪区民政局",
    kind: "government_unit",
    place: LIANGXI,
    creditPrefix: "11320213MB0123456",
    status: "verified",
    description: "负责梁溪区政府购买社会工作服务与公益创投。",
    members: [["buyer", "admin"]],
  },
  {
    key: "shanxing",
    name: "无锡市梁溪区善行社会工作服务中心",
    kind: "social_work_agency",
    place: HUIJING,
    creditPrefix: "52320213MJ5678901",
    status: "verified",
    description: "专业社工机构，开展禁毒社会工作与社区康复服务。",
    members: [["orgAdmin", "owner"], ["orgMember", "member"]],
    serviceAreas: [HUIJING, [...LIANGXI, "演示街道", "美湖社区"]],
  },
  {
    key: "minta-foundation",
    name: "重庆民泰社区公益事业发展基金会",
    kind: "community_foundation",
    place: CQ_NANAN,
    creditPrefix: "53500108MJP012345",
    status: "verified",
    description: "以捐赠为主要来源的社区基金会，按项目资助社区服务、慈善与互助类社区组织。",
    members: [["fundManager", "admin"]],
    serviceAreas: [CQ_NANAN],
  },
  {
    key: "huixinyuan",
    name: "无锡市梁溪区惠心园精神康复服务社",
    kind: "social_org",
    place: HUIJING,
    // A pilot-era code whose check character does not match: it waits for manual review.
    creditPrefix: "52320213MJ0000001",
    status: "pending",
    description: "为精神障碍康复者提供日间照料与康复训练。",
    members: [["applicant", "owner"]],
    serviceAreas: [HUIJING],
  },
  {
    key: "taohuaqiao-volunteers",
    name: "桃花桥社区志愿服务队",
    kind: "social_org",
    place: TAOHUAQIAO,
    filingNumber: "长生桥镇备字〔2024〕第 012 号",
    status: "verified",
    description: "社区备案的居民志愿服务组织。",
    members: [["resident2", "owner"]],
    serviceAreas: [TAOHUAQIAO],
  },
];

function pilotCode(prefix: string) {
  // Deliberately the wrong check character, as early pilot codes have.
  const good = withCheckChar(prefix);
  return good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
}

export async function seedDemo(): Promise<"seeded" | "already-seeded"> {
  const admin = demoAccount("admin");
  const [existing] = await db().select({ id: users.id }).from(users).where(eq(users.email, admin.login));
  if (existing) {
    // A start stopped between the main transaction and the projects finishes them now (each project is
    // started at most once: seedDeliveryProjects checks its stable id).
    await seedDeliveryProjects();
    return "already-seeded";
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db().transaction(async (tx) => {
    for (const a of DEMO_ACCOUNTS) {
      const isEmail = a.login.includes("@");
      await tx
        .insert(users)
        .values({
          id: userId(a.key),
          email: isEmail ? a.login : null,
          phone: isEmail ? null : a.login,
          displayName: a.name.replace(/（.*）/, ""),
          passwordHash,
          isPlatformAdmin: a.key === "admin",
        })
        .onConflictDoNothing();
    }
    await seedPlaces(tx, PLACES);

    for (const o of ORGS) {
      const id = orgId(o.key);
      const creditCode = o.creditPrefix ? (o.key === "huixinyuan" ? pilotCode(o.creditPrefix) : withCheckChar(o.creditPrefix)) : null;
      await tx
        .insert(organisations)
        .values({
          id,
          name: o.name,
          kind: o.kind,
          registration: o.filingNumber ? "filed" : "registered",
          creditCode,
          creditCodeChecks: creditCode ? o.key !== "huixinyuan" : null,
          filingNumber: o.filingNumber ?? null,
          placeId: placeId(...o.place),
          description: o.description,
          status: o.status,
          reviewedBy: o.status === "verified" ? userId("admin") : null,
          reviewedAt: o.status === "verified" ? new Date() : null,
          createdBy: userId(o.members[0][0]),
        })
        .onConflictDoNothing();
      for (const [key, role] of o.members) await tx.insert(memberships).values({ orgId: id, userId: userId(key), role }).onConflictDoNothing();
      for (const area of o.serviceAreas ?? []) await tx.insert(orgServiceAreas).values({ orgId: id, placeId: placeId(...area) }).onConflictDoNothing();
    }

    await tx
      .insert(socialWorkerCertificates)
      .values({
        id: stableId("cert:orgMember"),
        userId: userId("orgMember"),
        orgId: orgId("shanxing"),
        level: "intermediate",
        number: "2019320213000123",
        status: "verified",
        reviewedBy: userId("orgAdmin"),
        reviewedAt: new Date(),
      })
      .onConflictDoNothing();

    // Two residents of 移民小区, linked to their households by the community staff.
    for (const [key, building] of [["resident", "移民小区1栋"], ["resident2", "移民小区2栋"]] as const) {
      await tx
        .insert(householdMembers)
        .values({ userId: userId(key), householdId: householdId(building, "1单元101"), verified: true, linkedBy: userId("staff") })
        .onConflictDoNothing();
    }
    await seedNeeds(tx, passwordHash);
    // Funds before votes: an option that spends money names the fund it spends from.
    await seedFunds(tx, passwordHash);
    await seedDeliberations(tx, passwordHash);
    await seedMarketplace(tx, passwordHash);
    await seedDeliveryPeople(tx, passwordHash);
    // The demo people have proved their numbers and emails (invitations and household links need
    // it). Every demo account was made above with this one salted hash, and no other account has it.
    await tx
      .update(users)
      .set({ phoneVerifiedAt: sql`case when ${users.phone} is not null then now() end`, emailVerifiedAt: sql`case when ${users.email} is not null then now() end` })
      .where(eq(users.passwordHash, passwordHash));
  });
  // Projects are started through their use case, which opens its own transaction.
  await seedDeliveryProjects();
  return "seeded";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(await seedDemo());
  await closeDb();
}
