// Demo needs (民事民提 → 三事分流): scenario 1's street lights in 移民小区, raised by the demo resident and
// triaged as 小事 (its deliberation is seeded with the deliberations); scenario 7's 后堡社区, where the
// 三事分流 reform sorts requests into 大事 (escalated to 南坪街道), 小事 and 私事 (an elderly resident asking
// staff to clean her flat, referred to her children); and a few more so search and the inbox have content.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../db/client";
import { householdMembers, memberships, needEvents, needFollowers, needs, organisations, users, type NeedCategory, type NeedStatus } from "../db/schema";
import { recordNeedStep } from "../app/domains/needs/timeline.server";
import { householdId, orgId, placeId, userId } from "./index";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { stableId } from "./stable-id";

const TAOHUAQIAO = ["重庆市", "南岸区", "长生桥镇", "桃花桥社区"];
const NANPING = ["重庆市", "南岸区", "南坪街道"];
const HOUBAO = [...NANPING, "后堡社区"];
const DAY = 24 * 60 * 60 * 1000;

/** Scenario 1's need, for the deliberation seed to put to the vote. */
export const STREET_LIGHTS_NEED_ID = stableId("need:taohuaqiao-street-lights");

/** People of scenario 7 (listed with every demo login in demo-accounts.ts). */
export const NEEDS_DEMO_ACCOUNTS = DEMO_ACCOUNTS.filter((a) => ["houbaoStaff", "nanpingStreet", "houbaoElder", "houbaoResident"].includes(a.key)).map((a) => ({
  ...a,
  name: a.name.replace(/（.*）/, ""),
}));

interface NeedSeed {
  key: string;
  title: string;
  description: string;
  category: NeedCategory;
  community: string[];
  place?: string[];
  raisedBy: string;
  filedBy?: string;
  isPublic: boolean;
  triage?: { by: string; as: "small" | "big" | "private"; note?: string };
  /** Raised this long ago (triaged a day later), where the story needs its steps in time order. */
  raisedDaysAgo?: number;
}

const NEEDS: NeedSeed[] = [
  {
    key: "taohuaqiao-street-lights",
    title: "移民小区路灯坏了多年，晚上出行不安全",
    description: "移民小区 27 个单元的路灯坏了好几年，小区没有物业，一直没人修。晚上一片漆黑，老人和孩子出门很容易摔倒，希望大家一起想办法把路灯修好。",
    category: "public_facilities",
    community: TAOHUAQIAO,
    place: [...TAOHUAQIAO, "移民小区网格"],
    raisedBy: "resident",
    isPublic: true,
    triage: { by: "staff", as: "small", note: "小区公共设施，由居民议事会议定修缮和出资方式。" },
    // Before its vote (opened 30 days ago), so the project's timeline reads from the need onwards.
    raisedDaysAgo: 40,
  },
  {
    key: "taohuaqiao-rubbish",
    title: "移民小区5栋旁垃圾堆放点气味大",
    description: "5栋旁边的垃圾堆放点清运不及时，夏天气味很大还招蚊虫，建议增加清运次数或者加盖垃圾桶。",
    category: "environment",
    community: TAOHUAQIAO,
    place: [...TAOHUAQIAO, "移民小区网格", "移民小区5栋"],
    raisedBy: "resident2",
    isPublic: true,
  },
  {
    key: "taohuaqiao-homework",
    title: "希望开设放学后的儿童托管和作业辅导",
    description: "小区很多家长下班晚，孩子放学后没人照看，希望社区能组织志愿者开设四点半课堂，帮忙辅导作业。",
    category: "children",
    community: TAOHUAQIAO,
    raisedBy: "resident2",
    isPublic: true,
  },
  {
    key: "taohuaqiao-dance",
    title: "广场舞音响太吵影响休息",
    description: "每晚八点到十点，桃花桥A栋楼下跳广场舞的音响开得很大，楼上老人和学生休息受影响，希望协调一下时间和音量。",
    category: "neighbour_disputes",
    community: TAOHUAQIAO,
    place: [...TAOHUAQIAO, "桃花桥第二网格", "桃花桥A栋"],
    raisedBy: "resident",
    isPublic: false,
  },
  {
    key: "houbao-cleaning",
    title: "请社区派人帮我打扫屋子",
    description: "我年纪大了，腿脚不方便，家里很久没有打扫，想请社区工作人员来帮我打扫一下屋子。",
    category: "elderly_care",
    community: HOUBAO,
    place: [...HOUBAO, "后堡第一网格", "后堡1栋"],
    raisedBy: "houbaoElder",
    filedBy: "houbaoStaff",
    isPublic: false,
    triage: { by: "houbaoStaff", as: "private", note: "属于家庭事务，已联系老人的子女每周上门打扫，并提供了家政服务机构的联系方式。" },
  },
  {
    key: "houbao-road",
    title: "南坪东路人行道路面塌陷",
    description: "后堡社区门口南坪东路的人行道有一段路面塌陷，下雨积水，已有行人绊倒，属于市政道路。",
    category: "public_facilities",
    community: HOUBAO,
    raisedBy: "houbaoResident",
    isPublic: true,
    triage: { by: "houbaoStaff", as: "big", note: "市政道路维修属于政府职责，上报南坪街道协调市政部门处理。" },
  },
  {
    key: "houbao-corridor",
    title: "后堡2栋楼道堆放杂物存在消防隐患",
    description: "后堡2栋楼道里堆了很多纸箱和旧家具，堵住了消防通道，希望楼栋居民商量一起清理。",
    category: "environment",
    community: HOUBAO,
    place: [...HOUBAO, "后堡第一网格", "后堡2栋"],
    raisedBy: "houbaoResident",
    isPublic: true,
    triage: { by: "houbaoStaff", as: "small" },
  },
  {
    key: "houbao-phone-class",
    title: "希望社区开设老年人智能手机课",
    description: "很多老人不会用手机挂号、付款和视频，希望社区组织志愿者开设智能手机学习班，提供养老服务相关的信息。",
    category: "elderly_care",
    community: HOUBAO,
    raisedBy: "houbaoResident",
    isPublic: true,
  },
  {
    key: "houbao-rehab",
    title: "社区康复活动室能否延长开放时间",
    description: "社区康复活动室只在工作日上午开放，上班的家属没法陪同，希望周末也能开放半天。",
    category: "disability",
    community: HOUBAO,
    raisedBy: "houbaoElder",
    filedBy: "houbaoStaff",
    isPublic: true,
  },
  {
    key: "houbao-basketball",
    title: "篮球场的篮筐坏了",
    description: "社区篮球场的一个篮筐掉了下来，年轻人周末没法打球，希望修一修，顺便组织一场邻里篮球赛。",
    category: "culture_sport",
    community: HOUBAO,
    raisedBy: "houbaoResident",
    isPublic: true,
  },
];

const STATUS_OF = { small: "triaged", big: "triaged", private: "referred" } as const satisfies Record<string, NeedStatus>;
const KIND_OF = { small: "triaged", big: "escalated", private: "referred" } as const;

export async function seedNeeds(tx: Tx, passwordHash: string) {
  for (const a of NEEDS_DEMO_ACCOUNTS) {
    await tx.insert(users).values({ id: userId(a.key), phone: a.login, displayName: a.name, passwordHash }).onConflictDoNothing();
  }
  const orgs = [
    { key: "houbao-committee", name: "重庆市南岸区南坪街道后堡社区居民委员会", kind: "community_committee" as const, place: HOUBAO, member: "houbaoStaff", description: "后堡社区居委会，推行三事分流，把居民诉求分为大事、小事、私事。" },
    { key: "nanping-street-office", name: "重庆市南岸区人民政府南坪街道办事处", kind: "government_unit" as const, place: NANPING, member: "nanpingStreet", description: "南坪街道办事处，承接辖区社区上报的大事。" },
  ];
  for (const o of orgs) {
    await tx
      .insert(organisations)
      .values({ id: orgId(o.key), name: o.name, kind: o.kind, registration: "registered", placeId: placeId(...o.place), description: o.description, status: "verified", reviewedBy: userId("admin"), reviewedAt: new Date(), createdBy: userId(o.member) })
      .onConflictDoNothing();
    await tx.insert(memberships).values({ orgId: orgId(o.key), userId: userId(o.member), role: "admin" }).onConflictDoNothing();
  }
  for (const [key, label] of [["houbaoElder", "1单元201"], ["houbaoResident", "1单元301"]]) {
    await tx.insert(householdMembers).values({ userId: userId(key), householdId: householdId("后堡1栋", label), verified: true, linkedBy: userId("houbaoStaff") }).onConflictDoNothing();
  }

  for (const n of NEEDS) {
    const id = stableId(`need:${n.key}`);
    const raisedBy = userId(n.raisedBy);
    const filedBy = userId(n.filedBy ?? n.raisedBy);
    const inserted = await tx
      .insert(needs)
      .values({
        id,
        title: n.title,
        description: n.description,
        category: n.category,
        communityId: placeId(...n.community),
        placeId: placeId(...(n.place ?? n.community)),
        raisedBy,
        filedBy,
        isPublic: n.isPublic,
        status: n.triage ? STATUS_OF[n.triage.as] : "submitted",
        triage: n.triage?.as ?? null,
        escalatedToId: n.triage?.as === "big" ? placeId(...NANPING) : null,
        triageNote: n.triage?.note ?? null,
      })
      .onConflictDoNothing()
      .returning({ id: needs.id });
    if (inserted.length === 0) continue;
    await tx.insert(needFollowers).values({ needId: id, userId: raisedBy }).onConflictDoNothing();
    await recordNeedStep(tx, { needId: id, actorId: filedBy, kind: filedBy === raisedBy ? "raised" : "filed_for_resident", toStatus: "submitted" });
    if (n.triage) {
      await recordNeedStep(tx, {
        needId: id,
        actorId: userId(n.triage.by),
        kind: KIND_OF[n.triage.as],
        fromStatus: "submitted",
        toStatus: STATUS_OF[n.triage.as],
        note: n.triage.note ?? null,
        detail: { triage: n.triage.as },
      });
    }
    if (n.raisedDaysAgo) {
      const raisedAt = new Date(Date.now() - n.raisedDaysAgo * DAY);
      await tx.update(needs).set({ createdAt: raisedAt }).where(eq(needs.id, id));
      await tx.update(needEvents).set({ at: raisedAt }).where(and(eq(needEvents.needId, id), inArray(needEvents.kind, ["raised", "filed_for_resident"])));
      await tx.update(needEvents).set({ at: new Date(raisedAt.getTime() + DAY) }).where(and(eq(needEvents.needId, id), inArray(needEvents.kind, Object.values(KIND_OF))));
    }
  }
}
