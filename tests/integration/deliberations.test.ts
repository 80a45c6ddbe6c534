import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, deliberationComments, deliberationOptions, deliberations, needEvents, needs, votes } from "@db/schema";
import { castVote } from "~/domains/deliberations/cast-vote.server";
import { createDeliberation } from "~/domains/deliberations/create-deliberation.server";
import { openDeliberation } from "~/domains/deliberations/open-deliberation.server";
import { recordPaperVote } from "~/domains/deliberations/record-paper-vote.server";
import { closeAndTally } from "~/domains/deliberations/close-and-tally.server";
import type { DeliberationInput } from "~/domains/deliberations/schemas";
import { toShanghaiLocal } from "~/domains/deliberations/window";
import type { Actor } from "~/utils/permissions.server";
import {
  actorOf,
  addResident,
  createCommunity,
  createCommunityStaff,
  createHousehold,
  createPlace,
  createTriagedNeed,
  createUser,
  followNeed,
  refusalOf,
  TEST_PASSWORD,
} from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const HOUR = 60 * 60 * 1000;

/**
 * 桃花桥-like community: building 1 with three households (each with a verified resident), building 2
 * (in the same grid) with one household, a member of staff, and a 小事 need raised by the first resident.
 */
async function neighbourhood(name: string) {
  const places = await createCommunity(name);
  const building2 = await createPlace("building", `${name}2栋`, places.grid.id);
  const households = [await createHousehold(places.building.id, "1单元101"), await createHousehold(places.building.id, "1单元201"), await createHousehold(places.building.id, "1单元301")];
  const residents = [];
  for (const [i, h] of households.entries()) {
    const user = await createUser({ name: `${name}居民${i + 1}` });
    await addResident(user.id, h.id, true);
    residents.push({ user, actor: await actorOf(user), household: h });
  }
  const otherBuildingHousehold = await createHousehold(building2.id, "2单元101");
  const neighbour = await createUser({ name: `${name}二栋居民` });
  await addResident(neighbour.id, otherBuildingHousehold.id, true);
  const staffUser = await createCommunityStaff(places.community.id, { name: `${name}工作人员` });
  const need = await createTriagedNeed({ communityId: places.community.id, filedBy: residents[0].user.id, title: `${name}路灯坏了` });
  await followNeed(need.id, residents[1].user.id);
  return {
    ...places,
    building2,
    households,
    residents,
    otherBuildingHousehold,
    neighbour: { user: neighbour, actor: await actorOf(neighbour) },
    staffUser,
    staff: await actorOf(staffUser),
    need,
  };
}
type Hood = Awaited<ReturnType<typeof neighbourhood>>;

function input(hood: Hood, overrides: Partial<DeliberationInput> = {}): DeliberationInput {
  return {
    needIds: [hood.need.id],
    question: "移民小区1栋的路灯怎么修？",
    options: ["每户打平伙", "申请社区微基金", "不处理"],
    scopePlaceId: hood.building.id,
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + HOUR),
    quorumPercent: 50,
    threshold: "simple_majority",
    ...overrides,
  };
}

/** A deliberation drafted and opened by the community's staff; returns it with its options by label. */
async function openVote(hood: Hood, overrides: Partial<DeliberationInput> = {}) {
  const draft = await createDeliberation({ actor: hood.staff, communityId: hood.community.id, input: input(hood, overrides) });
  const opened = await openDeliberation({ actor: hood.staff, deliberationId: draft.id });
  const options = await db().select().from(deliberationOptions).where(eq(deliberationOptions.deliberationId, opened.id));
  const option = (label: string) => options.find((o) => o.label === label)!.id;
  return { deliberation: opened, option };
}

/** Moves a deliberation's window, as time passing would (the check constraint keeps it well-formed). */
async function setWindow(id: string, opensAt: Date, closesAt: Date) {
  await db().update(deliberations).set({ opensAt, closesAt }).where(eq(deliberations.id, id));
}

const votesOf = (deliberationId: string) => db().select().from(votes).where(eq(votes.deliberationId, deliberationId));
const jobsOf = (deliberationId: string) =>
  db().execute<{ task: string; key: string | null; run_at: Date }>(
    sql`select t.identifier as task, j.key, j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where j.payload->>'deliberationId' = ${deliberationId} or j.payload->>'link' = ${`/deliberations/${deliberationId}`}`,
  );
const formFor = (hood: Hood, fields: Record<string, string | string[]> = {}) => ({
  needIds: hood.need.id,
  question: "路灯怎么修？",
  options: ["每户分摊", "申请社区微基金", "", "", "", ""],
  scopePlaceId: hood.building.id,
  opensAt: toShanghaiLocal(new Date()).slice(0, 16),
  closesAt: toShanghaiLocal(new Date(Date.now() + 48 * HOUR)).slice(0, 16),
  quorumPercent: "50",
  threshold: "simple_majority",
  ...fields,
});

describe("community staff open a deliberation", () => {
  it("draft one on a 小事 need through the form, then open it: the need is in deliberation on its timeline, and the tally, the reminder and the notice are scheduled", async () => {
    const hood = await neighbourhood("开议社区");
    const browser = await signedIn(app, hood.staffUser.phone!, TEST_PASSWORD);
    const created = await browser.post(`/community/${hood.community.id}/deliberations/new`, formFor(hood));
    expect(created.status).toBe(302);
    const [draft] = await db().select().from(deliberations).where(eq(deliberations.communityId, hood.community.id));
    expect(created.headers.get("location")).toBe(`/community/${hood.community.id}/deliberations/${draft.id}?created=1`);
    expect(draft.status).toBe("draft");
    expect((await db().select().from(deliberationOptions).where(eq(deliberationOptions.deliberationId, draft.id))).map((o) => o.label).sort()).toEqual(["每户分摊", "申请社区微基金"].sort());
    // A draft announces nothing and is not public yet.
    expect(await jobsOf(draft.id)).toHaveLength(0);
    expect((await client(app).get(`/deliberations/${draft.id}`)).status).toBe(404);

    const opened = await browser.post(`/community/${hood.community.id}/deliberations/${draft.id}`, { _intent: "open" });
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain("投票已开始");
    const [need] = await db().select().from(needs).where(eq(needs.id, hood.need.id));
    expect(need.status).toBe("in_deliberation");
    const [step] = await db().select().from(needEvents).where(and(eq(needEvents.needId, need.id), eq(needEvents.kind, "deliberation_opened")));
    expect(step).toMatchObject({ fromStatus: "triaged", toStatus: "in_deliberation", actorId: hood.staffUser.id });
    expect(await db().select().from(auditLog).where(and(eq(auditLog.entityId, draft.id), eq(auditLog.action, "deliberation.open")))).toHaveLength(1);

    const jobs = await jobsOf(draft.id);
    const tallyJob = jobs.find((j) => j.task === "tally_deliberation")!;
    expect(tallyJob.key).toBe(`tally:${draft.id}`);
    expect(new Date(tallyJob.run_at).getTime()).toBe(draft.closesAt.getTime());
    const reminder = jobs.find((j) => j.task === "deliberation_reminder")!;
    expect(new Date(reminder.run_at).getTime()).toBe(draft.closesAt.getTime() - 24 * HOUR);
    expect(jobs.some((j) => j.task === "notify")).toBe(true);
  });

  it("are refused bad input with a message beside each field, and nothing is written", async () => {
    const hood = await neighbourhood("错表社区");
    const other = await createCommunity("别的社区");
    const browser = await signedIn(app, hood.staffUser.phone!, TEST_PASSWORD);
    const path = `/community/${hood.community.id}/deliberations/new`;
    const cases: [Record<string, string | string[]>, string[]][] = [
      [{ needIds: "", question: "", options: ["", "", "", "", "", ""], quorumPercent: "", threshold: "" }, ["请至少选择一个需求", "请填写此项", "请至少填写 2 个选项", "请选择通过条件"]],
      [{ options: ["每户分摊", "每户分摊"] }, ["选项不能重复"]],
      [{ options: ["一", "二", "三", "四", "五", "六", "七"] }, ["最多填写 6 个选项"]],
      [{ quorumPercent: "120" }, ["请填写 0 到 100 之间的整数"]],
      [{ quorumPercent: "一半" }, ["请填写 0 到 100 之间的整数"]],
      [{ closesAt: "2027-02-30T10:00" }, ["请填写正确的日期和时间"]],
      [{ scopePlaceId: "../../etc" }, ["范围必须是本社区，或本社区的网格、楼栋"]],
      [{ opensAt: "明天上午", closesAt: toShanghaiLocal(new Date(Date.now() - 48 * HOUR)).slice(0, 16) }, ["请填写正确的日期和时间"]],
      [{ closesAt: toShanghaiLocal(new Date(Date.now() - HOUR)).slice(0, 16), opensAt: toShanghaiLocal(new Date(Date.now() - 2 * HOUR)).slice(0, 16) }, ["截止时间必须在将来"]],
      [{ closesAt: toShanghaiLocal(new Date(Date.now() + HOUR)).slice(0, 16), opensAt: toShanghaiLocal(new Date(Date.now() + 2 * HOUR)).slice(0, 16) }, ["截止时间必须晚于开始时间"]],
      [{ scopePlaceId: other.building.id }, ["范围必须是本社区，或本社区的网格、楼栋"]],
    ];
    for (const [fields, messages] of cases) {
      const res = await browser.post(path, formFor(hood, fields));
      const html = await res.text();
      expect(res.status, JSON.stringify(fields)).toBe(422);
      for (const message of messages) expect(html, message).toContain(message);
    }
    const [{ n }] = await db().select({ n: count() }).from(deliberations).where(eq(deliberations.communityId, hood.community.id));
    expect(n).toBe(0);
  });

  it("cannot put to a vote a need that is not a triaged 小事 of their community", async () => {
    const hood = await neighbourhood("大事社区");
    const big = await createTriagedNeed({ communityId: hood.community.id, filedBy: hood.staffUser.id, triage: "big" });
    const fresh = await createTriagedNeed({ communityId: hood.community.id, filedBy: hood.staffUser.id, status: "submitted", triage: null });
    const elsewhere = await neighbourhood("邻近社区");
    for (const need of [big, fresh, elsewhere.need]) {
      const error = await refusalOf(createDeliberation({ actor: hood.staff, communityId: hood.community.id, input: input(hood, { needIds: [need.id] }) }));
      expect(error.fieldErrors).toEqual({ needIds: "deliberations.needNotReady" });
    }
  });

  it("of another community are refused, on the pages and in the domain, and nothing changes", async () => {
    const hood = await neighbourhood("本社区");
    const stranger = await neighbourhood("外社区");
    const browser = await signedIn(app, stranger.staffUser.phone!, TEST_PASSWORD);
    expect((await browser.get(`/community/${hood.community.id}/deliberations`)).status).toBe(403);
    expect((await browser.post(`/community/${hood.community.id}/deliberations/new`, formFor(hood))).status).toBe(403);
    expect((await refusalOf(createDeliberation({ actor: stranger.staff, communityId: hood.community.id, input: input(hood) }))).code).toBe("forbidden");

    const draft = await createDeliberation({ actor: hood.staff, communityId: hood.community.id, input: input(hood) });
    expect((await browser.post(`/community/${hood.community.id}/deliberations/${draft.id}`, { _intent: "open" })).status).toBe(403);
    expect((await refusalOf(openDeliberation({ actor: stranger.staff, deliberationId: draft.id }))).code).toBe("forbidden");
    // A resident is not staff either.
    expect((await refusalOf(openDeliberation({ actor: hood.residents[0].actor, deliberationId: draft.id }))).code).toBe("forbidden");
    const [still] = await db().select().from(deliberations).where(eq(deliberations.id, draft.id));
    expect(still.status).toBe("draft");
    expect((await db().select().from(needs).where(eq(needs.id, hood.need.id)))[0].status).toBe("triaged");
  });

  it("open a draft once: a second opening is refused, and a need already in another vote cannot open a second one", async () => {
    const hood = await neighbourhood("重开社区");
    const first = await createDeliberation({ actor: hood.staff, communityId: hood.community.id, input: input(hood) });
    const second = await createDeliberation({ actor: hood.staff, communityId: hood.community.id, input: input(hood) });
    await openDeliberation({ actor: hood.staff, deliberationId: first.id });
    expect((await refusalOf(openDeliberation({ actor: hood.staff, deliberationId: first.id }))).messageKey).toBe("deliberations.notDraft");
    const clash = await refusalOf(openDeliberation({ actor: hood.staff, deliberationId: second.id }));
    expect(clash.messageKey).toBe("deliberations.needNoLongerReady");
    expect((await db().select().from(deliberations).where(eq(deliberations.id, second.id)))[0].status).toBe("draft");
  });
});

describe("households vote, one household one vote", () => {
  it("a verified resident of the scope votes and changes the vote before the close: one row, the latest choice", async () => {
    const hood = await neighbourhood("改票社区");
    const { deliberation, option } = await openVote(hood);
    const resident = await signedIn(app, hood.residents[0].user.phone!, TEST_PASSWORD);
    const page = await (await resident.get(`/deliberations/${deliberation.id}`)).text();
    expect(page).toContain("我家的投票");

    const first = await resident.post(`/deliberations/${deliberation.id}`, { _intent: "vote", optionId: option("不处理") });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain("已投票");
    const changed = await resident.post(`/deliberations/${deliberation.id}`, { _intent: "vote", optionId: option("每户打平伙") });
    expect(await changed.text()).toContain("已更改本户的投票");

    const rows = await votesOf(deliberation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ householdId: hood.households[0].id, optionId: option("每户打平伙"), channel: "online", castBy: hood.residents[0].user.id });
    // The audit trail says the household voted, never how.
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, deliberation.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["deliberation.vote", "deliberation.vote_change"]));
    expect(JSON.stringify(audit)).not.toContain(option("每户打平伙"));
  });

  it("a resident outside the scope is refused, in Chinese, and no vote is written", async () => {
    const hood = await neighbourhood("范围社区");
    const { deliberation, option } = await openVote(hood);
    const neighbour = await signedIn(app, hood.neighbour.user.phone!, TEST_PASSWORD);
    expect(await (await neighbour.get(`/deliberations/${deliberation.id}`)).text()).toContain("您的住户不在这次投票的范围内");
    const res = await neighbour.post(`/deliberations/${deliberation.id}`, { _intent: "vote", optionId: option("每户打平伙") });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("您的住户不在这次投票的范围内");
    expect(await votesOf(deliberation.id)).toHaveLength(0);
  });

  it("an unverified resident, a person without a household and a visitor are refused, each with its reason", async () => {
    const hood = await neighbourhood("未确认社区");
    const { deliberation, option } = await openVote(hood);
    const unverified = await createUser();
    await addResident(unverified.id, hood.households[1].id, false);
    const homeless = await createUser();
    const vote = (actor: Actor | null) => castVote({ actor, deliberationId: deliberation.id, input: { optionId: option("每户打平伙") } });
    expect((await refusalOf(vote(await actorOf(unverified)))).messageKey).toBe("deliberations.unverified");
    expect((await refusalOf(vote(await actorOf(homeless)))).messageKey).toBe("deliberations.noHousehold");
    expect((await refusalOf(vote(null))).code).toBe("unauthenticated");
    const visitor = await client(app).post(`/deliberations/${deliberation.id}`, { _intent: "vote", optionId: option("每户打平伙") });
    expect(visitor.status).toBe(401);
    expect(await votesOf(deliberation.id)).toHaveLength(0);
  });

  it("a vote before the window opens or after it closes is refused, and so is an option of another deliberation", async () => {
    const hood = await neighbourhood("窗口社区");
    const { deliberation, option } = await openVote(hood);
    const other = await openVote(await neighbourhood("另一个社区"));
    const vote = (optionId: string) => castVote({ actor: hood.residents[0].actor, deliberationId: deliberation.id, input: { optionId } });

    const wrong = await refusalOf(vote(other.option("每户打平伙")));
    expect(wrong.fieldErrors).toEqual({ optionId: "deliberations.optionUnknown" });

    await setWindow(deliberation.id, new Date(Date.now() + HOUR), new Date(Date.now() + 2 * HOUR));
    expect((await refusalOf(vote(option("每户打平伙")))).messageKey).toBe("deliberations.votingNotStarted");

    await setWindow(deliberation.id, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 1));
    const resident = await signedIn(app, hood.residents[0].user.phone!, TEST_PASSWORD);
    const late = await resident.post(`/deliberations/${deliberation.id}`, { _intent: "vote", optionId: option("每户打平伙") });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("投票已经截止，不能再投票");
    expect(await votesOf(deliberation.id)).toHaveLength(0);
  });

  it("a vote after the tally is refused, and the result is not changed by it", async () => {
    const hood = await neighbourhood("计票后社区");
    const { deliberation, option } = await openVote(hood, { quorumPercent: 0 });
    await castVote({ actor: hood.residents[0].actor, deliberationId: deliberation.id, input: { optionId: option("每户打平伙") } });
    await setWindow(deliberation.id, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 1));
    expect((await closeAndTally(deliberation.id)).outcome).toBe("tallied");
    // Even with the window moved forward again, a tallied deliberation takes no more votes.
    await setWindow(deliberation.id, new Date(Date.now() - 2 * HOUR), new Date(Date.now() + HOUR));
    expect((await refusalOf(castVote({ actor: hood.residents[1].actor, deliberationId: deliberation.id, input: { optionId: option("不处理") } }))).messageKey).toBe("deliberations.votingClosed");
    expect(await votesOf(deliberation.id)).toHaveLength(1);
  });

  it("two residents of one household voting at the same moment leave exactly one vote", async () => {
    const hood = await neighbourhood("并发社区");
    const { deliberation, option } = await openVote(hood);
    const spouse = await createUser({ name: "同户家人" });
    await addResident(spouse.id, hood.households[0].id, true);
    const [a, b] = await Promise.all([signedIn(app, hood.residents[0].user.phone!, TEST_PASSWORD), signedIn(app, spouse.phone!, TEST_PASSWORD)]);
    const requests = Array.from({ length: 6 }, (_, i) =>
      (i % 2 ? a : b).post(`/deliberations/${deliberation.id}`, { _intent: "vote", optionId: option(i % 2 ? "每户打平伙" : "不处理") }),
    );
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const rows = await votesOf(deliberation.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].householdId).toBe(hood.households[0].id);
    // And the database itself refuses a second row for the household, whatever the code does.
    const second = await db()
      .insert(votes)
      .values({ deliberationId: deliberation.id, householdId: hood.households[0].id, optionId: option("不处理"), channel: "online", castBy: spouse.id })
      .then(
        () => null,
        (e: unknown) => e as { cause?: { code?: string } },
      );
    expect(second?.cause?.code).toBe("23505");
  });
});

describe("staff record paper ballots from a meeting", () => {
  it("for a named household of the scope, once: a second ballot for it is refused", async () => {
    const hood = await neighbourhood("纸票社区");
    const { deliberation, option } = await openVote(hood);
    const browser = await signedIn(app, hood.staffUser.phone!, TEST_PASSWORD);
    const path = `/community/${hood.community.id}/deliberations/${deliberation.id}`;
    const ok = await browser.post(path, { _intent: "paper", householdId: hood.households[2].id, optionId: option("每户打平伙") });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("已登记纸质票");
    const twice = await browser.post(path, { _intent: "paper", householdId: hood.households[2].id, optionId: option("不处理") });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("这一户的纸质票已经登记过，不能重复登记");
    const rows = await votesOf(deliberation.id);
    expect(rows).toEqual([expect.objectContaining({ householdId: hood.households[2].id, optionId: option("每户打平伙"), channel: "paper", castBy: hood.staffUser.id })]);

    // Its residents cannot change it online either.
    const online = await refusalOf(castVote({ actor: hood.residents[2].actor, deliberationId: deliberation.id, input: { optionId: option("不处理") } }));
    expect(online.messageKey).toBe("deliberations.paperAlreadyRecorded");
    expect((await votesOf(deliberation.id))[0].optionId).toBe(option("每户打平伙"));
  });

  it("never over a household's online vote, nor for a household outside the scope, nor with bad input", async () => {
    const hood = await neighbourhood("网投社区");
    const { deliberation, option } = await openVote(hood);
    await castVote({ actor: hood.residents[0].actor, deliberationId: deliberation.id, input: { optionId: option("不处理") } });
    const paper = (householdId: string, optionId = option("每户打平伙")) => recordPaperVote({ actor: hood.staff, deliberationId: deliberation.id, input: { householdId, optionId } });
    expect((await refusalOf(paper(hood.households[0].id))).messageKey).toBe("deliberations.alreadyVotedOnline");
    expect((await refusalOf(paper(hood.otherBuildingHousehold.id))).fieldErrors).toEqual({ householdId: "deliberations.householdOutsideScope" });

    const browser = await signedIn(app, hood.staffUser.phone!, TEST_PASSWORD);
    const empty = await browser.post(`/community/${hood.community.id}/deliberations/${deliberation.id}`, { _intent: "paper", householdId: "", optionId: "" });
    expect(empty.status).toBe(422);
    const html = await empty.text();
    expect(html).toContain("请选择住户");
    expect(html).toContain("请选择一个选项");
    expect(await votesOf(deliberation.id)).toEqual([expect.objectContaining({ householdId: hood.households[0].id, optionId: option("不处理"), channel: "online" })]);
    // Staff of another community may not record ballots here.
    const stranger = await neighbourhood("旁边社区");
    expect((await refusalOf(recordPaperVote({ actor: stranger.staff, deliberationId: deliberation.id, input: { householdId: hood.households[1].id, optionId: option("不处理") } }))).code).toBe("forbidden");
  });
});

describe("the public page (居务公开)", () => {
  it("shows turnout while voting but no counts, never names, door plates or who voted how; the result after the tally", async () => {
    const hood = await neighbourhood("公开社区");
    const { deliberation, option } = await openVote(hood, { quorumPercent: 50 });
    for (const r of hood.residents.slice(0, 2)) await castVote({ actor: r.actor, deliberationId: deliberation.id, input: { optionId: option("每户打平伙") } });
    await recordPaperVote({ actor: hood.staff, deliberationId: deliberation.id, input: { householdId: hood.households[2].id, optionId: option("不处理") } });
    const resident = await signedIn(app, hood.residents[1].user.phone!, TEST_PASSWORD);
    await resident.post(`/deliberations/${deliberation.id}`, { _intent: "comment", body: "我同意每户打平伙，一户几十块钱。" });

    const visitor = client(app);
    const during = await (await visitor.get(`/deliberations/${deliberation.id}`)).text();
    expect(during).toContain("目前已有 3 户投票（范围内共 3 户）");
    expect(during).not.toContain("各选项得票");
    expect(during).not.toContain("获得通过");
    expect(during).toContain("我同意每户打平伙");

    await setWindow(deliberation.id, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 1));
    await closeAndTally(deliberation.id);
    const after = await (await visitor.get(`/deliberations/${deliberation.id}`)).text();
    expect(after).toContain("“每户打平伙”获得通过：2 票，通过需要 2 票。");
    expect(after).toContain("参与投票：3 户 / 范围内 3 户");
    expect(after).toContain("其中网上投票 2 户，纸质票 1 户");
    expect(after).toContain("至少 50% 的住户参与投票，即 3 户中至少 2 户");
    for (const secret of [...hood.residents.map((r) => r.user.displayName), hood.staffUser.displayName, "1单元101", "1单元301", hood.residents[0].user.phone!]) {
      expect(during, secret).not.toContain(secret);
      expect(after, secret).not.toContain(secret);
    }
    expect(after).toContain("居民");
  });

  it("lets only residents of the scope and staff comment, while voting is open", async () => {
    const hood = await neighbourhood("讨论社区");
    const { deliberation } = await openVote(hood);
    const outsider = await signedIn(app, hood.neighbour.user.phone!, TEST_PASSWORD);
    const refused = await outsider.post(`/deliberations/${deliberation.id}`, { _intent: "comment", body: "我不住这栋楼" });
    expect(refused.status).toBe(403);
    const resident = await signedIn(app, hood.residents[0].user.phone!, TEST_PASSWORD);
    const empty = await resident.post(`/deliberations/${deliberation.id}`, { _intent: "comment", body: "  " });
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("请填写此项");
    const staff = await signedIn(app, hood.staffUser.phone!, TEST_PASSWORD);
    expect((await staff.post(`/deliberations/${deliberation.id}`, { _intent: "comment", body: "周六上午在楼下开议事会。" })).status).toBe(200);
    const comments = await db().select().from(deliberationComments).where(eq(deliberationComments.deliberationId, deliberation.id));
    expect(comments.map((c) => c.body)).toEqual(["周六上午在楼下开议事会。"]);
    expect(await (await client(app).get(`/deliberations/${deliberation.id}`)).text()).toContain("社区工作者");
  });
});

describe("a further round", () => {
  it("follows a round that missed its quorum, carrying its needs, and links both ways; a passed round cannot be continued", async () => {
    const hood = await neighbourhood("多轮社区");
    const { deliberation: first } = await openVote(hood, { quorumPercent: 100 });
    await setWindow(first.id, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 1));
    await closeAndTally(first.id);
    expect((await db().select().from(needs).where(eq(needs.id, hood.need.id)))[0].status).toBe("triaged");

    const browser = await signedIn(app, hood.staffUser.phone!, TEST_PASSWORD);
    const form = await (await browser.get(`/community/${hood.community.id}/deliberations/new?from=${first.id}`)).text();
    expect(form).toContain("发起第 2 轮议事");
    const res = await browser.post(`/community/${hood.community.id}/deliberations/new`, formFor(hood, { previousRoundId: first.id, needIds: "", quorumPercent: "30" }));
    expect(res.status).toBe(302);
    const [second] = await db().select().from(deliberations).where(eq(deliberations.previousRoundId, first.id));
    expect(second).toMatchObject({ round: 2, quorumPercent: 30, status: "draft" });
    await openDeliberation({ actor: hood.staff, deliberationId: second.id });
    expect((await db().select().from(needs).where(eq(needs.id, hood.need.id)))[0].status).toBe("in_deliberation");
    expect(await (await client(app).get(`/deliberations/${first.id}`)).text()).toContain("下一轮");
    expect(await (await client(app).get(`/deliberations/${second.id}`)).text()).toContain("上一轮");

    const again = await refusalOf(createDeliberation({ actor: hood.staff, communityId: hood.community.id, input: input(hood, { previousRoundId: first.id, needIds: [] }) }));
    expect(again.messageKey).toBe("deliberations.nextRoundExists");

    const passedHood = await neighbourhood("一轮通过社区");
    const { deliberation: passed, option } = await openVote(passedHood, { quorumPercent: 0 });
    await castVote({ actor: passedHood.residents[0].actor, deliberationId: passed.id, input: { optionId: option("每户打平伙") } });
    await setWindow(passed.id, new Date(Date.now() - 2 * HOUR), new Date(Date.now() - 1));
    await closeAndTally(passed.id);
    const cannot = await refusalOf(createDeliberation({ actor: passedHood.staff, communityId: passedHood.community.id, input: input(passedHood, { previousRoundId: passed.id, needIds: [] }) }));
    expect(cannot.messageKey).toBe("deliberations.cannotContinue");
  });
});
