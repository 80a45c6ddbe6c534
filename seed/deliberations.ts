// Demo deliberations (民事民议/民决). Scenario 1: 移民小区's households voted on the street lights and
// "每户打平伙" passed. Scenario 6: 裕园社区's parking, put to the households twice: the first round
// missed its quorum, the second passed. Ballots from the residents' meetings are paper ballots
// recorded by staff; results are computed by the same tally the worker uses.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { deliberationComments, deliberationNeeds, deliberationOptions, deliberations, households, memberships, needFollowers, needs, organisations, users, votes } from "../db/schema";
import { recordNeedStep } from "../app/domains/needs/timeline.server";
import { tally, type Threshold } from "../app/domains/deliberations/tally";
import { householdId, orgId, placeId, userId } from "./index";
import { TAOHUAQIAO_FUND_ID } from "./funds";
import { STREET_LIGHTS_NEED_ID } from "./needs";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { stableId } from "./stable-id";

const DAY = 24 * 60 * 60 * 1000;
const TAOHUAQIAO = ["重庆市", "南岸区", "长生桥镇", "桃花桥社区"];
const YUYUAN = ["济南市", "槐荫区", "演示街道", "裕园社区"];

/** 裕园社区's staff member, who ran the parking deliberation (same demo password). */
export const DELIBERATION_DEMO_ACCOUNTS = DEMO_ACCOUNTS.filter((a) => a.key === "yuyuanStaff").map((a) => ({ ...a, name: a.name.replace(/（.*）/, "") }));

export const STREET_LIGHTS_DELIBERATION_ID = stableId("deliberation:taohuaqiao-street-lights");
export const PARKING_ROUND_IDS = [stableId("deliberation:yuyuan-parking-1"), stableId("deliberation:yuyuan-parking-2")];
const PARKING_NEED_ID = stableId("need:yuyuan-parking");

export interface RoundSeed {
  id: string;
  communityId: string;
  question: string;
  options: string[];
  /** Options that spend money, by label: the fund and the ceiling in yuan residents see while voting. */
  spending?: Record<string, { fundId: string; ceilingYuan: number }>;
  scopePlaceId: string;
  opensAt: Date;
  closesAt: Date;
  quorumPercent: number;
  threshold: Threshold;
  round?: number;
  previousRoundId?: string;
  createdBy: string;
  needId: string;
  /** Ballots in order: [option label, how many households]; the first `online` households voted online. */
  ballots: [string, number][];
  online?: { householdId: string; by: string }[];
  paperBy: string;
  comments?: [by: string, body: string][];
}

async function scopeHouseholds(tx: Tx, scopePlaceId: string): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    select h.id from households h join places b on b.id = h.building_id join places g on g.id = b.parent_id
    where (b.id = ${scopePlaceId} or g.id = ${scopePlaceId} or g.parent_id = ${scopePlaceId}) order by b.name, h.label`);
  return rows.map((r) => r.id);
}

/** Writes a closed, tallied round with its ballots, and moves its need as the tally does. */
export async function seedRound(tx: Tx, r: RoundSeed) {
  const inserted = await tx
    .insert(deliberations)
    .values({
      id: r.id,
      communityId: r.communityId,
      question: r.question,
      scopePlaceId: r.scopePlaceId,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      quorumPercent: r.quorumPercent,
      threshold: r.threshold,
      status: "draft",
      round: r.round ?? 1,
      previousRoundId: r.previousRoundId ?? null,
      createdBy: r.createdBy,
    })
    .onConflictDoNothing()
    .returning({ id: deliberations.id });
  if (inserted.length === 0) return;
  const options = r.options.map((label, position) => ({ id: stableId(`option:${r.id}:${position}`), deliberationId: r.id, label, position }));
  await tx.insert(deliberationOptions).values(
    options.map((o) => {
      const spend = r.spending?.[o.label];
      return { ...o, spendFundId: spend?.fundId ?? null, spendCeilingFen: spend ? BigInt(spend.ceilingYuan) * 100n : null };
    }),
  );
  await tx.insert(deliberationNeeds).values({ deliberationId: r.id, needId: r.needId });

  const eligible = await scopeHouseholds(tx, r.scopePlaceId);
  const online = r.online ?? [];
  const paper = eligible.filter((h) => !online.some((o) => o.householdId === h));
  const voters = [...online.map((o) => ({ householdId: o.householdId, by: o.by, channel: "online" as const })), ...paper.map((h) => ({ householdId: h, by: r.paperBy, channel: "paper" as const }))];
  const ballots = r.ballots.flatMap(([label, n]) => Array.from({ length: n }, () => options.find((o) => o.label === label)!.id));
  const cast = ballots.map((optionId, i) => ({ ...voters[i], optionId }));
  if (cast.length) {
    await tx.insert(votes).values(cast.map((v) => ({ deliberationId: r.id, householdId: v.householdId, optionId: v.optionId, channel: v.channel, castBy: v.by, castAt: r.opensAt, updatedAt: r.opensAt })));
  }
  for (const [i, [by, body]] of (r.comments ?? []).entries()) {
    await tx.insert(deliberationComments).values({ id: stableId(`comment:${r.id}:${i}`), deliberationId: r.id, authorId: by, body, createdAt: new Date(r.opensAt.getTime() + (i + 1) * 3600_000) });
  }

  const [need] = await tx.select().from(needs).where(eq(needs.id, r.needId));
  await recordNeedStep(tx, { needId: r.needId, actorId: r.createdBy, kind: "deliberation_opened", fromStatus: need.status, toStatus: "in_deliberation", detail: { deliberationId: r.id, round: r.round ?? 1 } });
  const result = tally(options, cast, eligible, r.quorumPercent, r.threshold);
  await tx
    .update(deliberations)
    .set({ status: result.status, result, winningOptionId: result.winningOptionId, talliedAt: r.closesAt })
    .where(eq(deliberations.id, r.id));
  const to = result.status === "passed" ? "decided" : "triaged";
  await tx.update(needs).set({ status: to }).where(eq(needs.id, r.needId));
  await recordNeedStep(tx, {
    needId: r.needId,
    actorId: null,
    kind: result.status === "passed" ? "decided" : "deliberation_not_passed",
    fromStatus: "in_deliberation",
    toStatus: to,
    note: options.find((o) => o.id === result.winningOptionId)?.label ?? null,
    detail: { deliberationId: r.id, round: r.round ?? 1, outcome: result.status, winningOptionId: result.winningOptionId },
  });
}

export async function seedDeliberations(tx: Tx, passwordHash: string) {
  const now = Date.now();
  const taohuaqiao = placeId(...TAOHUAQIAO);

  // Scenario 1: the street lights of 移民小区 (the need is seeded with the needs, triaged 小事).
  const [streetLights] = await tx.select({ id: needs.id }).from(needs).where(eq(needs.id, STREET_LIGHTS_NEED_ID));
  if (streetLights) {
    await seedRound(tx, {
      id: STREET_LIGHTS_DELIBERATION_ID,
      communityId: taohuaqiao,
      question: "移民小区的路灯怎么修、钱从哪里来？",
      options: ["每户打平伙", "申请社区微基金", "发布服务需求", "不处理"],
      // 打平伙: the households pay into the micro-fund, which pays for the lights; either way at most ¥3,000.
      spending: { 每户打平伙: { fundId: TAOHUAQIAO_FUND_ID, ceilingYuan: 3000 }, 申请社区微基金: { fundId: TAOHUAQIAO_FUND_ID, ceilingYuan: 3000 } },
      scopePlaceId: placeId(...TAOHUAQIAO, "移民小区网格"),
      opensAt: new Date(now - 30 * DAY),
      closesAt: new Date(now - 23 * DAY),
      quorumPercent: 50,
      threshold: "simple_majority",
      createdBy: userId("staff"),
      needId: STREET_LIGHTS_NEED_ID,
      // 81 households in 27 units; 52 voted, most at the 议事会 in the courtyard.
      ballots: [["每户打平伙", 38], ["申请社区微基金", 9], ["发布服务需求", 1], ["不处理", 4]],
      online: [
        { householdId: householdId("移民小区1栋", "1单元101"), by: userId("resident") },
        { householdId: householdId("移民小区2栋", "1单元101"), by: userId("resident2") },
      ],
      paperBy: userId("staff"),
      comments: [
        [userId("resident"), "每户出几十块钱就能把全小区的灯修好，比等资金快。"],
        [userId("resident2"), "我是电工，可以义务帮忙安装，材料大家比三家报价再买。"],
        [userId("staff"), "本周六上午 9 点在 3 栋楼下开居民议事会，纸质票当场登记。"],
      ],
    });
  }

  // Scenario 6: 裕园社区 parking, two rounds.
  for (const a of DELIBERATION_DEMO_ACCOUNTS) {
    await tx.insert(users).values({ id: userId(a.key), phone: a.login, displayName: a.name, passwordHash }).onConflictDoNothing();
  }
  const yuyuan = placeId(...YUYUAN);
  await tx
    .insert(organisations)
    .values({
      id: orgId("yuyuan-committee"),
      name: "济南市槐荫区裕园社区居民委员会",
      kind: "community_committee",
      registration: "registered",
      placeId: yuyuan,
      description: "裕园社区居委会：小区 400 辆车、不到 200 个车位，经 8 次协商议定停车方案和收费。",
      status: "verified",
      reviewedBy: userId("admin"),
      reviewedAt: new Date(),
      createdBy: userId("yuyuanStaff"),
    })
    .onConflictDoNothing();
  await tx.insert(memberships).values({ orgId: orgId("yuyuan-committee"), userId: userId("yuyuanStaff"), role: "admin" }).onConflictDoNothing();
  // More households than the three every demo building has, so the turnout reads like a real one.
  for (const building of ["裕园1号楼", "裕园2号楼"]) {
    for (const unit of [1, 2]) {
      for (const floor of [2, 3, 4, 5, 6]) {
        const label = `${unit}单元${floor}01`;
        await tx
          .insert(households)
          .values({ id: householdId(building, label), buildingId: placeId(...YUYUAN, "裕园第一网格", building), label, joinCode: stableId(`code:${building}/${label}`).slice(0, 8).toUpperCase() })
          .onConflictDoNothing();
      }
    }
  }
  const parking = await tx
    .insert(needs)
    .values({
      id: PARKING_NEED_ID,
      title: "小区车多位少，停车乱、消防通道被占",
      description: "裕园小区有 400 多辆车，车位不到 200 个，晚上车停满消防通道和楼道口，希望议定停车规则和收费办法。",
      category: "public_facilities",
      communityId: yuyuan,
      placeId: yuyuan,
      raisedBy: null,
      filedBy: userId("yuyuanStaff"),
      isPublic: true,
      status: "triaged",
      triage: "small",
      triageNote: "小区内部公共事务，由居民协商议定。",
    })
    .onConflictDoNothing()
    .returning({ id: needs.id });
  if (parking.length) {
    await tx.insert(needFollowers).values({ needId: PARKING_NEED_ID, userId: userId("yuyuanStaff") }).onConflictDoNothing();
    await recordNeedStep(tx, { needId: PARKING_NEED_ID, actorId: userId("yuyuanStaff"), kind: "filed_for_resident", toStatus: "submitted" });
    await recordNeedStep(tx, { needId: PARKING_NEED_ID, actorId: userId("yuyuanStaff"), kind: "triaged", fromStatus: "submitted", toStatus: "triaged", detail: { triage: "small" } });
    const common = {
      communityId: yuyuan,
      scopePlaceId: yuyuan,
      quorumPercent: 50,
      threshold: "two_thirds" as const,
      createdBy: userId("yuyuanStaff"),
      needId: PARKING_NEED_ID,
      paperBy: userId("yuyuanStaff"),
    };
    await seedRound(tx, {
      ...common,
      id: PARKING_ROUND_IDS[0],
      question: "小区停车实行划线停车、按月收费吗？",
      options: ["划线停车，每月收费 150 元", "维持现状", "只限外来车辆"],
      opensAt: new Date(now - 90 * DAY),
      closesAt: new Date(now - 83 * DAY),
      // 22 households in scope (11 needed); only 9 came to vote: no quorum.
      ballots: [["划线停车，每月收费 150 元", 4], ["维持现状", 5]],
    });
    await seedRound(tx, {
      ...common,
      id: PARKING_ROUND_IDS[1],
      round: 2,
      previousRoundId: PARKING_ROUND_IDS[0],
      question: "按协商后的方案：划线停车，每月收费 80 元，老人和残疾人车辆优先，好吗？",
      options: ["同意，每月 80 元", "不同意"],
      opensAt: new Date(now - 40 * DAY),
      closesAt: new Date(now - 33 * DAY),
      ballots: [["同意，每月 80 元", 16], ["不同意", 4]],
      comments: [[userId("yuyuanStaff"), "第一轮后我们开了 8 次协商会，最初反对的老楼长现在帮着宣传新方案。"]],
    });
  }
}
