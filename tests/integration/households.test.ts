import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, householdLinkRequests, householdMembers, households } from "@db/schema";
import { addHousehold } from "~/domains/households/add-household.server";
import { confirmMember } from "~/domains/households/confirm-member.server";
import { joinHousehold, WRONG_CODES_BEFORE_PAUSE } from "~/domains/households/join-household.server";
import { leaveHousehold } from "~/domains/households/leave-household.server";
import { acceptLinkRequest, cancelLinkRequest, declineLinkRequest, forgetLapsedLinkRequests } from "~/domains/households/link-requests.server";
import { LINK_TRIES_PER_DAY, linkResident } from "~/domains/households/link-resident.server";
import { linkRequestsFor } from "~/domains/households/queries.server";
import { regenerateJoinCode } from "~/domains/households/regenerate-join-code.server";
import { removeMember } from "~/domains/households/remove-member.server";
import { isAppError } from "~/utils/errors";
import { actorOf, addResident, createCommunity, createCommunityStaff, createHousehold, createPlace, createUser, TEST_PASSWORD } from "../factories";
import { client, sessionOf, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

/** The AppError a call fails with (and fails the test if it does not fail). */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

/** A community with a building, a household in it, and a member of staff. */
async function communityWithStaff(name: string) {
  const places = await createCommunity(name);
  const household = await createHousehold(places.building.id, "1单元101");
  const staffUser = await createCommunityStaff(places.community.id, { name: `${name}工作人员` });
  return { ...places, household, staffUser, staff: await actorOf(staffUser) };
}

const auditOf = (entityId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action)));
const memberRow = async (userId: string) => (await db().select().from(householdMembers).where(eq(householdMembers.userId, userId)))[0] ?? null;
const requestsTo = (userId: string) => db().select().from(householdLinkRequests).where(eq(householdLinkRequests.userId, userId));
/** 139****0001: how staff see a contact they typed until its holder accepts. */
const maskedPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

describe("community staff add households", () => {
  it("add a household to a building of their community, with a join code and an audit row", async () => {
    const { building, community, staffUser } = await communityWithStaff("添户社区");
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households`, { buildingId: building.id, label: "2单元301" });
    expect(res.status).toBe(302);
    const [household] = await db().select().from(households).where(and(eq(households.buildingId, building.id), eq(households.label, "2单元301")));
    expect(res.headers.get("location")).toBe(`/community/${community.id}/households/${household.id}`);
    expect(household.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    expect(await auditOf(household.id, "household.add")).toHaveLength(1);
    const page = await (await browser.get(res.headers.get("location")!)).text();
    expect(page).toContain(household.joinCode);
  });

  it("are refused a door plate the building already has, beside the field, and may use it in another building", async () => {
    const { building, grid, community, staffUser, staff } = await communityWithStaff("重牌社区");
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households`, { buildingId: building.id, label: "1单元101" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("这栋楼已有这个门牌号的住户");
    const otherBuilding = await createPlace("building", "重牌社区2栋", grid.id);
    const { household } = await addHousehold({ actor: staff, input: { buildingId: otherBuilding.id, label: "1单元101" } });
    expect(household.buildingId).toBe(otherBuilding.id);
  });

  it("see their buildings with the number of households and residents, confirmed or not", async () => {
    const { building, community, household, staffUser } = await communityWithStaff("统计社区");
    await addResident((await createUser()).id, household.id, true);
    await addResident((await createUser({ name: "待确认的居民" })).id, household.id, false);
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const overview = await (await browser.get(`/community/${community.id}/households`)).text();
    expect(overview).toContain("1 户 · 2 位居民");
    expect(overview).toContain("1 位待确认");
    expect(overview).toContain("待确认的居民");
    const list = await (await browser.get(`/community/${community.id}/households?building=${building.id}`)).text();
    expect(list).toContain(household.joinCode);
  });

  it("see buildings and door plates in the order people count them: 2 before 10", async () => {
    const { grid, building, community, staffUser } = await communityWithStaff("排序社区");
    await createPlace("building", "排序社区10栋", grid.id);
    await createPlace("building", "排序社区2栋", grid.id);
    await createHousehold(building.id, "10单元101");
    await createHousehold(building.id, "2单元101");
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const html = await (await browser.get(`/community/${community.id}/households?building=${building.id}`)).text();
    const buildingsList = html.slice(html.indexOf('id="buildings"'));
    expect(buildingsList.indexOf("排序社区2栋")).toBeLessThan(buildingsList.indexOf("排序社区10栋"));
    expect(html.indexOf(">2单元101<")).toBeLessThan(html.indexOf(">10单元101<"));
  });
});

describe("staff of another community", () => {
  it("get 403 on the pages and never see the households", async () => {
    const a = await communityWithStaff("甲社区");
    const b = await communityWithStaff("乙社区");
    const browser = await signedIn(app, a.staffUser.phone!, TEST_PASSWORD);
    for (const path of [`/community/${b.community.id}/households`, `/community/${b.community.id}/households?building=${b.building.id}`, `/community/${b.community.id}/households/${b.household.id}`]) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).not.toContain(b.household.joinCode);
    }
    const post = await browser.post(`/community/${b.community.id}/households`, { buildingId: b.building.id, label: "9单元999" });
    expect(post.status).toBe(403);
  });

  it("are refused every change to its households, and nothing is written", async () => {
    const a = await communityWithStaff("丙社区");
    const b = await communityWithStaff("丁社区");
    const resident = await createUser();
    await addResident(resident.id, b.household.id, false);
    const attempts = [
      () => addHousehold({ actor: a.staff, input: { buildingId: b.building.id, label: "偷加一户" } }),
      () => linkResident({ actor: a.staff, householdId: b.household.id, input: { contact: { phone: resident.phone! }, move: false } }),
      () => confirmMember({ actor: a.staff, householdId: b.household.id, userId: resident.id }),
      () => removeMember({ actor: a.staff, householdId: b.household.id, userId: resident.id }),
      () => regenerateJoinCode({ actor: a.staff, householdId: b.household.id }),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).status).toBe(403);
    expect(await memberRow(resident.id)).toMatchObject({ householdId: b.household.id, verified: false });
    const [household] = await db().select().from(households).where(eq(households.id, b.household.id));
    expect(household.joinCode).toBe(b.household.joinCode);
  });

  it("a household of one community is not found under another community's address", async () => {
    const a = await communityWithStaff("戊社区");
    const b = await communityWithStaff("己社区");
    const staffOfBoth = await createCommunityStaff(a.community.id);
    const browser = await signedIn(app, staffOfBoth.phone!, TEST_PASSWORD);
    expect((await browser.get(`/community/${a.community.id}/households/${b.household.id}`)).status).toBe(404);
    expect((await browser.get(`/community/${a.community.id}/households/no-such-household`)).status).toBe(404);
    expect((await browser.get(`/community/${a.community.id}/households?building=${b.building.id}`)).status).toBe(404);
  });
});

describe("staff link residents", () => {
  it("ask a registered resident, found by phone, to join: the page shows the masked number awaiting the resident, with an audit row, and nobody is a member yet", async () => {
    const { household, staff, staffUser, community } = await communityWithStaff("登记社区");
    const resident = await createUser({ name: "王秀英" });
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "link", contact: resident.phone! });
    expect(res.status).toBe(302);
    const page = await (await browser.get(res.headers.get("location")!)).text();
    expect(page).toContain("该号码已验证。已请居民本人确认");
    expect(page).toContain(maskedPhone(resident.phone!));
    expect(page).toContain("待居民确认");
    expect(page).not.toContain("王秀英");
    expect(await memberRow(resident.id)).toBeNull();
    expect(await requestsTo(resident.id)).toMatchObject([{ householdId: household.id, requestedBy: staff.userId }]);
    expect(await auditOf(household.id, "household.link_requested")).toHaveLength(1);
  });

  it("learn that a number matched, never whose it is: the link's answer carries no name", async () => {
    const { household, building, staff, staffUser, community } = await communityWithStaff("无名社区");
    const elsewhere = await communityWithStaff("无名邻社区");
    const inOtherCommunity = await createUser({ name: "隔壁的赵大爷" });
    await addResident(inOtherCommunity.id, elsewhere.household.id, true);
    const newcomer = await createUser({ name: "新来的钱阿姨" });
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);

    const refused = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "link", contact: inOtherCommunity.phone! });
    expect(refused.status).toBe(422);
    expect(await refused.text()).not.toContain("赵大爷");
    const linked = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "link", contact: newcomer.phone! });
    expect(await linked.text()).not.toContain("钱阿姨");
    expect(linked.status).toBe(302);

    const other = await createHousehold(building.id, "9单元909");
    // Not yet in a household the staff serve, so ticking "move" asks too; it moves nobody.
    expect(await linkResident({ actor: staff, householdId: other.id, input: { contact: { phone: newcomer.phone! }, move: true } })).toEqual({ outcome: "requested" });
    expect(await memberRow(newcomer.id)).toBeNull();
  });

  it("cannot link an account that has not verified the number it signed up with, and nothing is written", async () => {
    const { household, staffUser, community } = await communityWithStaff("未验证社区");
    const squatter = await createUser({ name: "抢注的人", verified: false });
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "link", contact: squatter.phone! });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("没有已验证这个手机号或邮箱的账户");
    expect(html).not.toContain("抢注的人");
    expect(await memberRow(squatter.id)).toBeNull();
    expect(await requestsTo(squatter.id)).toHaveLength(0);
    expect(await auditOf(household.id, "household.link_requested")).toHaveLength(0);
  });

  it("the resident is asked in a notification that leads to /household, so a link made to look someone up does not go unseen", async () => {
    const { household, staff } = await communityWithStaff("告知社区");
    const resident = await createUser();
    await linkResident({ actor: staff, householdId: household.id, input: { contact: { phone: resident.phone! }, move: false } });
    const jobs = await db().execute<{ payload: { kind: string; userIds: string[]; link: string } }>(
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify' and j.payload->>'kind' = 'household.link_request'`,
    );
    expect(jobs.map((j) => j.payload)).toContainEqual(expect.objectContaining({ userIds: [resident.id], link: "/household" }));
  });

  it("ask by email too, shown to staff as the masked address they typed", async () => {
    const { household, staff } = await communityWithStaff("邮箱社区");
    const resident = await createUser({ email: "zhang@example.cn" });
    const { outcome } = await linkResident({ actor: staff, householdId: household.id, input: { contact: { email: "zhang@example.cn" }, move: false } });
    expect(outcome).toBe("requested");
    expect(await memberRow(resident.id)).toBeNull();
    expect(await requestsTo(resident.id)).toMatchObject([{ householdId: household.id, contactHint: "z***@example.cn" }]);
  });

  it("are told beside the field when nobody registered that phone, and nothing is written", async () => {
    const { household, staffUser, community } = await communityWithStaff("空号社区");
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "link", contact: "13612345678" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("没有已验证这个手机号或邮箱的账户。请居民先注册并完成验证");
    expect(await auditOf(household.id, "household.link_requested")).toHaveLength(0);
  });

  it("move a resident from another household of the community only when they tick the box", async () => {
    const { household, building, staff } = await communityWithStaff("迁户社区");
    const other = await createHousehold(building.id, "3单元502");
    const resident = await createUser();
    await addResident(resident.id, other.id, true);
    const unticked = await refusal(linkResident({ actor: staff, householdId: household.id, input: { contact: { phone: resident.phone! }, move: false } }));
    expect(unticked.messageKey).toBe("households.inOtherHousehold");
    expect(unticked.params).toEqual({ household: "迁户社区1栋 3单元502" });
    expect(await memberRow(resident.id)).toMatchObject({ householdId: other.id });

    const { outcome } = await linkResident({ actor: staff, householdId: household.id, input: { contact: { phone: resident.phone! }, move: true } });
    expect(outcome).toBe("moved");
    expect(await memberRow(resident.id)).toMatchObject({ householdId: household.id, verified: true });
    const [row] = await auditOf(household.id, "household.move_resident");
    expect(row.detail).toMatchObject({ userId: resident.id, fromHouseholdId: other.id });
  });

  it("never take a resident out of another community's household, even when told to move them", async () => {
    const a = await communityWithStaff("迁出甲社区");
    const b = await communityWithStaff("迁出乙社区");
    const resident = await createUser();
    await addResident(resident.id, b.household.id, true);
    const error = await refusal(linkResident({ actor: a.staff, householdId: a.household.id, input: { contact: { phone: resident.phone! }, move: true } }));
    expect(error.messageKey).toBe("households.inOtherCommunity");
    expect(await memberRow(resident.id)).toMatchObject({ householdId: b.household.id });
  });

  it("are told when the resident is already a confirmed member of this household", async () => {
    const { household, staff } = await communityWithStaff("已在社区");
    const resident = await createUser();
    await addResident(resident.id, household.id, true);
    const error = await refusal(linkResident({ actor: staff, householdId: household.id, input: { contact: { phone: resident.phone! }, move: false } }));
    expect(error.fieldErrors).toEqual({ contact: "households.alreadyMember" });
  });
});

describe("residents whom staff ask to join a household", () => {
  /** Staff of a new community ask a new resident, by phone, to join its household. */
  async function asked(name: string, residentName = `${name}的居民`) {
    const world = await communityWithStaff(name);
    const resident = await createUser({ name: residentName });
    await linkResident({ actor: world.staff, householdId: world.household.id, input: { contact: { phone: resident.phone! }, move: false } });
    const [request] = await requestsTo(resident.id);
    return { ...world, resident, request };
  }

  it("accept on /household and become a confirmed member, whom the household's vote counts from then", async () => {
    const { household, staffUser, community, resident, request } = await asked("接受社区", "孙桂兰");
    const home = await sessionOf(app, resident.id);
    const page = await (await home.get("/household")).text();
    expect(page).toContain("社区请您确认住户");
    expect(page).toContain("1单元101");
    expect(page).toContain("接受社区工作人员");

    const res = await home.post("/household", { _intent: "accept", requestId: request.id });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("您已加入该住户，是本户已确认的居民。");
    expect(await memberRow(resident.id)).toMatchObject({ householdId: household.id, verified: true, linkedBy: staffUser.id });
    expect(await requestsTo(resident.id)).toHaveLength(0);
    expect(await auditOf(household.id, "household.link_accepted")).toMatchObject([{ actorId: resident.id, fromState: "pending", toState: "verified" }]);

    // Now a member the staff serve: the member list names them.
    const staffPage = await (await (await signedIn(app, staffUser.phone!, TEST_PASSWORD)).get(`/community/${community.id}/households/${household.id}`)).text();
    expect(staffPage).toContain("孙桂兰");
    expect(staffPage).not.toContain("待居民确认");
  });

  it("decline, and nothing changes but the request being gone", async () => {
    const { household, resident, request } = await asked("拒绝社区");
    const home = await sessionOf(app, resident.id);
    const res = await home.post("/household", { _intent: "decline", requestId: request.id });
    expect(await res.text()).toContain("您已拒绝该请求。");
    expect(await memberRow(resident.id)).toBeNull();
    expect(await requestsTo(resident.id)).toHaveLength(0);
    expect(await auditOf(household.id, "household.link_declined")).toHaveLength(1);
    expect(await (await home.get("/household")).text()).not.toContain("社区请您确认住户");
  });

  it("stay unnamed to staff while the request waits: the page and its data show the masked number and 待居民确认", async () => {
    const { household, staffUser, community, resident } = await asked("待定社区", "周玉珍");
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const page = `/community/${community.id}/households/${household.id}`;
    for (const body of [await (await browser.get(page)).text(), await (await browser.get(`${page}.data`)).text()]) {
      expect(body).not.toContain("周玉珍");
      expect(body).not.toContain(resident.id);
      expect(body).toContain(maskedPhone(resident.phone!));
    }
    expect(await (await browser.get(page)).text()).toContain("待居民确认");
  });

  it("cannot be answered for by anyone else: another resident or the staff who asked get 404 and the request waits", async () => {
    const { staff, resident, request } = await asked("代答社区");
    const outsider = await createUser();
    const stranger = await sessionOf(app, outsider.id);
    for (const intent of ["accept", "decline"]) {
      const res = await stranger.post("/household", { _intent: intent, requestId: request.id });
      expect(res.status, intent).toBe(404);
    }
    expect((await refusal(acceptLinkRequest({ actor: staff, requestId: request.id }))).status).toBe(404);
    expect((await refusal(declineLinkRequest({ actor: staff, requestId: request.id }))).status).toBe(404);
    expect(await memberRow(outsider.id)).toBeNull();
    expect(await memberRow(staff.userId)).toBeNull();
    expect(await memberRow(resident.id)).toBeNull();
    expect(await requestsTo(resident.id)).toHaveLength(1);
  });

  it("staff withdraw a request they sent; staff of another community cannot", async () => {
    const { household, staffUser, community, resident, request } = await asked("撤回社区");
    const other = await communityWithStaff("撤回邻社区");
    expect((await refusal(cancelLinkRequest({ actor: other.staff, householdId: household.id, requestId: request.id }))).status).toBe(403);
    expect((await refusal(cancelLinkRequest({ actor: other.staff, householdId: other.household.id, requestId: request.id }))).status).toBe(404);
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "cancel", requestId: request.id });
    expect(await res.text()).toContain("已撤回该请求。");
    expect(await requestsTo(resident.id)).toHaveLength(0);
    expect(await auditOf(household.id, "household.link_cancelled")).toHaveLength(1);
    expect((await refusal(acceptLinkRequest({ actor: await actorOf(resident), requestId: request.id }))).status).toBe(404);
  });

  it("a request lapses after 14 days: gone from both pages, and it can no longer be accepted", async () => {
    const { household, staffUser, community, resident, request } = await asked("过期社区");
    await db().update(householdLinkRequests).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(householdLinkRequests.id, request.id));
    expect(request.expiresAt.getTime() - request.createdAt.getTime()).toBeCloseTo(14 * 86_400_000, -4);
    expect(await linkRequestsFor(resident.id)).toHaveLength(0);
    const staffPage = await (await (await signedIn(app, staffUser.phone!, TEST_PASSWORD)).get(`/community/${community.id}/households/${household.id}`)).text();
    expect(staffPage).not.toContain("待居民确认");
    expect((await refusal(acceptLinkRequest({ actor: await actorOf(resident), requestId: request.id }))).status).toBe(404);
    expect(await memberRow(resident.id)).toBeNull();
    // The worker's daily sweep deletes it; staff may then ask again.
    await forgetLapsedLinkRequests();
    expect(await requestsTo(resident.id)).toHaveLength(0);
  });

  it("a resident in another household is asked to leave it before accepting", async () => {
    const { resident, request } = await asked("先退社区");
    const elsewhere = await communityWithStaff("先退邻社区");
    await addResident(resident.id, elsewhere.household.id, true);
    const error = await refusal(acceptLinkRequest({ actor: await actorOf(resident), requestId: request.id }));
    expect(error.messageKey).toBe("households.leaveBeforeAccepting");
    expect(await memberRow(resident.id)).toMatchObject({ householdId: elsewhere.household.id });
  });

  it(`staff may try 'link resident' ${LINK_TRIES_PER_DAY} times a day, found or not; then they are told to wait, in Chinese`, async () => {
    const { household, staff, staffUser, community } = await communityWithStaff("限次社区");
    for (let i = 0; i < LINK_TRIES_PER_DAY; i++) {
      const error = await refusal(linkResident({ actor: staff, householdId: household.id, input: { contact: { phone: `1370000${String(i).padStart(4, "0")}` }, move: false } }));
      expect(error.code).toBe("bad_input");
    }
    const resident = await createUser();
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "link", contact: resident.phone! });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("操作过于频繁");
    expect(await requestsTo(resident.id)).toHaveLength(0);
  });
});

describe("residents join with a code", () => {
  it("a resident joins with the code as read aloud (lower case, spaces) and waits for staff, who are told", async () => {
    const { household, staffUser } = await communityWithStaff("加入社区");
    const resident = await createUser({ name: "新居民" });
    const browser = await signedIn(app, resident.phone!, TEST_PASSWORD);
    const typed = `${household.joinCode.slice(0, 4).toLowerCase()} ${household.joinCode.slice(4)}`;
    const res = await browser.post("/household/join", { code: typed });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/household?joined=1");
    expect(await memberRow(resident.id)).toMatchObject({ householdId: household.id, verified: false, linkedBy: null });
    expect(await auditOf(household.id, "household.join")).toHaveLength(1);
    expect(await (await browser.get("/household")).text()).toContain("已申请加入，等待社区工作者核实确认。");

    const jobs = await db().execute<{ payload: { userIds: string[]; params: { name: string } } }>(
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify' and j.payload->>'kind' = 'household.join'`,
    );
    expect(jobs.some((j) => j.payload.userIds.includes(staffUser.id) && j.payload.params.name === "新居民")).toBe(true);
  });

  it("a wrong code is refused beside the field, in Chinese", async () => {
    const resident = await createUser();
    const browser = await signedIn(app, resident.phone!, TEST_PASSWORD);
    const res = await browser.post("/household/join", { code: "ZZZZ9999" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("没有找到这个加入码");
    expect(await memberRow(resident.id)).toBeNull();
  });

  it("guessing codes is paused after a few wrong ones, even for the right code, with a Chinese message", async () => {
    const { household } = await communityWithStaff("猜码社区");
    const guesser = await createUser();
    const browser = await signedIn(app, guesser.phone!, TEST_PASSWORD);
    for (let i = 0; i < WRONG_CODES_BEFORE_PAUSE; i++) expect((await browser.post("/household/join", { code: `WR0NG${100 + i}` })).status).toBe(422);
    const res = await browser.post("/household/join", { code: household.joinCode });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/加入码输错次数过多，请 \d+ 分钟后再试/);
    expect(await memberRow(guesser.id)).toBeNull();
  });

  it("joining twice, or while in another household, is refused with a clear message", async () => {
    const { household, building } = await communityWithStaff("两次社区");
    const other = await createHousehold(building.id, "5单元101");
    const resident = await actorOf(await createUser());
    await joinHousehold({ actor: resident, input: { code: household.joinCode } });
    const twice = await refusal(joinHousehold({ actor: resident, input: { code: household.joinCode } }));
    expect(twice.fieldErrors).toEqual({ code: "households.alreadyJoinedThis" });
    const elsewhere = await refusal(joinHousehold({ actor: resident, input: { code: other.joinCode } }));
    expect(elsewhere.messageKey).toBe("households.alreadyInHousehold");
    expect(await memberRow(resident.userId)).toMatchObject({ householdId: household.id });
  });

  it("staff confirm a resident who joined, with an audit row from unverified to verified", async () => {
    const { household, staffUser, community } = await communityWithStaff("确认社区");
    const resident = await actorOf(await createUser());
    await joinHousehold({ actor: resident, input: { code: household.joinCode } });
    const browser = await signedIn(app, staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${community.id}/households/${household.id}`, { _intent: "confirm", userId: resident.userId });
    expect(res.status).toBe(200);
    expect(await memberRow(resident.userId)).toMatchObject({ verified: true, linkedBy: staffUser.id });
    const [row] = await auditOf(household.id, "household.confirm_member");
    expect(row).toMatchObject({ fromState: "unverified", toState: "verified", actorId: staffUser.id });
  });

  it("staff cannot confirm a resident who joined but has not verified a number or email: votes count proved people", async () => {
    const { household, staff } = await communityWithStaff("待验证社区");
    const resident = await actorOf(await createUser({ verified: false }));
    await joinHousehold({ actor: resident, input: { code: household.joinCode } });
    const error = await refusal(confirmMember({ actor: staff, householdId: household.id, userId: resident.userId }));
    expect(error.messageKey).toBe("households.memberNotVerified");
    expect(await memberRow(resident.userId)).toMatchObject({ verified: false });
  });

  it("staff remove a resident who joined with a code that was not theirs", async () => {
    const { household, staff } = await communityWithStaff("移出社区");
    const resident = await actorOf(await createUser());
    await joinHousehold({ actor: resident, input: { code: household.joinCode } });
    await removeMember({ actor: staff, householdId: household.id, userId: resident.userId });
    expect(await memberRow(resident.userId)).toBeNull();
    expect(await auditOf(household.id, "household.remove_member")).toHaveLength(1);
    expect((await refusal(removeMember({ actor: staff, householdId: household.id, userId: resident.userId }))).status).toBe(404);
  });

  it("a new join code stops the old one from working", async () => {
    const { household, staff } = await communityWithStaff("换码社区");
    const { joinCode } = await regenerateJoinCode({ actor: staff, householdId: household.id });
    expect(joinCode).not.toBe(household.joinCode);
    expect(await auditOf(household.id, "household.regenerate_code")).toHaveLength(1);
    const resident = await actorOf(await createUser());
    expect((await refusal(joinHousehold({ actor: resident, input: { code: household.joinCode } }))).fieldErrors).toEqual({ code: "households.codeUnknown" });
    await joinHousehold({ actor: resident, input: { code: joinCode } });
  });

  it("a resident leaves their household and may then join another", async () => {
    const { household, building } = await communityWithStaff("离开社区");
    const other = await createHousehold(building.id, "6单元101");
    const user = await createUser();
    await addResident(user.id, household.id, true);
    const browser = await signedIn(app, user.phone!, TEST_PASSWORD);
    expect((await browser.post("/household", {})).status).toBe(200);
    expect(await auditOf(household.id, "household.leave")).toHaveLength(1);
    await joinHousehold({ actor: await actorOf(user), input: { code: other.joinCode } });
    expect(await memberRow(user.id)).toMatchObject({ householdId: other.id, verified: false });
    expect((await refusal(leaveHousehold({ actor: await actorOf(await createUser()) }))).messageKey).toBe("households.notInHousehold");
  });
});

describe("the staff's list of communities", () => {
  it("lists the communities a person is staff of, and nothing for a resident", async () => {
    const { community, staffUser } = await communityWithStaff("入口社区");
    const staffPage = await (await (await signedIn(app, staffUser.phone!, TEST_PASSWORD)).get("/community")).text();
    expect(staffPage).toContain(`href="/community/${community.id}/households"`);
    const resident = await createUser();
    const residentPage = await (await (await signedIn(app, resident.phone!, TEST_PASSWORD)).get("/community")).text();
    expect(residentPage).toContain("您还不是任何已认证社区居委会/村委会的工作人员");
    expect(residentPage).not.toContain(community.id);
  });
});

describe("visitors who are not signed in", () => {
  it("are sent to log in and back, from the join page and from the staff pages", async () => {
    const { community } = await createCommunity("访客社区");
    const visitor = client(app);
    for (const path of ["/household/join", "/household", `/community/${community.id}/households`]) {
      const res = await visitor.get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.get("location"), path).toBe(`/login?redirectTo=${encodeURIComponent(path)}`);
    }
  });
});
