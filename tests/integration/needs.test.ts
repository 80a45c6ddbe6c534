import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, needEvents, needFollowers, needs } from "@db/schema";
import { mergeNeeds } from "~/domains/needs/merge-needs.server";
import { fileNeedForResident, raiseNeed } from "~/domains/needs/raise-need.server";
import { triageNeed } from "~/domains/needs/triage-need.server";
import { withdrawNeed } from "~/domains/needs/withdraw-need.server";
import { actorOf, communityWithResident, createCommunityStaff, createNeed, createStreetStaff, createUser, refusalOf as refusal, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const needRow = async (id: string) => (await db().select().from(needs).where(eq(needs.id, id)))[0];
const eventsOf = (needId: string) => db().select().from(needEvents).where(eq(needEvents.needId, needId)).orderBy(needEvents.at);
const followersOf = async (needId: string) => (await db().select().from(needFollowers).where(eq(needFollowers.needId, needId))).map((f) => f.userId).sort();
const auditOf = (needId: string, action: string) =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, needId), eq(auditLog.action, action)));
/** The notify jobs enqueued about a need, by kind. */
async function noticesAbout(needId: string, kind: string) {
  const rows = await db().execute<{ payload: { userIds: string[]; link: string; params: Record<string, string> } }>(
    sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'notify' and j.payload->>'kind' = ${kind} and j.payload->>'key' like ${`%${needId}%`}`,
  );
  return rows.map((r) => r.payload);
}

const lights = { title: "移民小区路灯坏了多年", description: "移民小区27个单元的路灯坏了好几年，晚上出门很不方便。", category: "public_facilities" as const, isPublic: true };

describe("a resident raises a need (民事民提)", () => {
  it("for their own community: it waits for triage, they follow it, and the community's staff are told", async () => {
    const c = await communityWithResident("提出社区");
    const { needId } = await raiseNeed({ actor: c.resident, input: { ...lights, placeId: c.building.id }, photos: [] });
    const need = await needRow(needId);
    expect(need).toMatchObject({ status: "submitted", communityId: c.community.id, placeId: c.building.id, raisedBy: c.residentUser.id, filedBy: c.residentUser.id, isPublic: true });
    expect(await followersOf(needId)).toEqual([c.residentUser.id]);
    expect((await eventsOf(needId)).map((e) => e.kind)).toEqual(["raised"]);
    expect(await auditOf(needId, "need.raised")).toHaveLength(1);
    const [notice] = await noticesAbout(needId, "need.raised");
    expect(notice.userIds).toEqual([c.staffUser.id]);
    expect(notice.link).toBe(`/community/${c.community.id}/needs/${needId}`);
  });

  it("through the form, and then sees it with its status and timeline on “my needs”", async () => {
    const c = await communityWithResident("表单社区");
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    const form = await (await browser.get("/needs/new")).text();
    expect(form).toContain("表单社区");
    expect(form).toContain(`value="${c.building.id}" selected`);
    const res = await browser.post("/needs/new", { title: "单元门禁坏了", description: "1栋单元门的门禁坏了一个月，陌生人随便进出。", category: "public_facilities", placeId: c.building.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/needs\/mine\?raised=/);
    const mine = await (await browser.get("/needs/mine")).text();
    expect(mine).toContain("单元门禁坏了");
    expect(mine).toContain("待分流");
    expect(mine).toContain("居民提出诉求");
  });

  it("is told beside each field what is wrong, in Chinese, and nothing is written", async () => {
    const c = await communityWithResident("错填社区");
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    const res = await browser.post("/needs/new", { title: "灯", description: "太短", category: "not-a-category", placeId: "somewhere-else" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("标题至少 4 个字");
    expect(html).toContain("描述至少 10 个字");
    expect(html).toContain("请选择类别");
    expect(await db().select().from(needs).where(eq(needs.communityId, c.community.id))).toHaveLength(0);
  });

  it("is refused a grid or building of another community, beside the place field", async () => {
    const c = await communityWithResident("地点社区");
    const other = await communityWithResident("别处社区");
    const error = await refusal(raiseNeed({ actor: c.resident, input: { ...lights, placeId: other.building.id }, photos: [] }));
    expect(error.fieldErrors).toEqual({ placeId: "needs.placeNotInCommunity" });
  });

  it("living outside a community, is refused when raising one for it, and nothing is written", async () => {
    const c = await communityWithResident("外来社区");
    const other = await communityWithResident("自家社区");
    const error = await refusal(raiseNeed({ actor: other.resident, communityId: c.community.id, input: lights, photos: [] }));
    expect(error.status).toBe(403);
    const homeless = await refusal(raiseNeed({ actor: await actorOf(await createUser()), input: lights, photos: [] }));
    expect(homeless.messageKey).toBe("needs.joinHouseholdFirst");
    expect(await db().select().from(needs).where(eq(needs.communityId, c.community.id))).toHaveLength(0);
  });
});

describe("community staff file a need for a resident at the counter", () => {
  it("the need is the resident's (they follow it and are told), filed by the staff member", async () => {
    const c = await communityWithResident("窗口社区");
    const { needId } = await fileNeedForResident({ actor: c.staff, communityId: c.community.id, input: { ...lights, resident: { phone: c.residentUser.phone! } }, photos: [] });
    expect(await needRow(needId)).toMatchObject({ raisedBy: c.residentUser.id, filedBy: c.staffUser.id });
    expect(await followersOf(needId)).toEqual([c.residentUser.id]);
    expect((await eventsOf(needId))[0]).toMatchObject({ kind: "filed_for_resident", actorId: c.staffUser.id });
    const [notice] = await noticesAbout(needId, "need.filed");
    expect(notice.userIds).toEqual([c.residentUser.id]);
  });

  it("are refused for a resident of another community, and for a community not theirs", async () => {
    const c = await communityWithResident("代填社区");
    const other = await communityWithResident("邻近社区");
    const elsewhere = await refusal(fileNeedForResident({ actor: c.staff, communityId: c.community.id, input: { ...lights, resident: { phone: other.residentUser.phone! } }, photos: [] }));
    expect(elsewhere.fieldErrors).toEqual({ resident: "needs.residentElsewhere" });
    const notTheirs = await refusal(fileNeedForResident({ actor: c.staff, communityId: other.community.id, input: { ...lights, resident: { phone: other.residentUser.phone! } }, photos: [] }));
    expect(notTheirs.status).toBe(403);
    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const unknown = await browser.post(`/community/${c.community.id}/needs/new`, { ...lights, isPublic: "on", resident: "13711112222" });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("没有用这个手机号或邮箱注册并验证的居民");
  });
});

describe("community staff find the resident only by a contact the resident has proved", () => {
  it("a number held by an account that never verified it finds nobody: no need is filed, nobody follows or is told, and staff hear what they hear for an unknown number", async () => {
    const c = await communityWithResident("冒号社区");
    const squatter = await createUser({ name: "抢注的人", verified: false });
    const before = await db().select().from(needs).where(eq(needs.communityId, c.community.id));
    const refused = await refusal(fileNeedForResident({ actor: c.staff, communityId: c.community.id, input: { ...lights, isPublic: false, resident: { phone: squatter.phone! } }, photos: [] }));
    expect(refused.fieldErrors).toEqual({ resident: "needs.residentUnknown" });
    const byEmail = await createUser({ email: `squat-${Date.now()}@sanshe.test`, verified: false });
    const refusedByEmail = await refusal(fileNeedForResident({ actor: c.staff, communityId: c.community.id, input: { ...lights, resident: { email: byEmail.email! } }, photos: [] }));
    expect(refusedByEmail.fieldErrors).toEqual({ resident: "needs.residentUnknown" });
    expect(await db().select().from(needs).where(eq(needs.communityId, c.community.id))).toEqual(before);
    expect(await db().select().from(needFollowers).where(eq(needFollowers.userId, squatter.id))).toHaveLength(0);

    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${c.community.id}/needs/new`, { ...lights, isPublic: "on", resident: squatter.phone! });
    expect(res.status).toBe(422);
    const unknown = await browser.post(`/community/${c.community.id}/needs/new`, { ...lights, isPublic: "on", resident: "13711112223" });
    const message = (html: string) => html.match(/没有用这个手机号或邮箱[^<]*/)?.[0];
    expect(message(await res.text())).toBe(message(await unknown.text()));
  });
});

describe("community staff triage a need (三事分流)", () => {
  it("as 小事 through the inbox page: triaged, on the timeline and in the audit log, and its followers are told", async () => {
    const c = await communityWithResident("小事社区");
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "楼道堆满杂物" });
    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const inbox = await (await browser.get(`/community/${c.community.id}/needs`)).text();
    expect(inbox).toContain("楼道堆满杂物");
    expect(inbox).toContain("1 条待分流");
    const res = await browser.post(`/community/${c.community.id}/needs/${need.id}`, { _intent: "triage", triage: "small" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("已分流为小事。");
    expect(await needRow(need.id)).toMatchObject({ status: "triaged", triage: "small", escalatedToId: null });
    const [event] = await eventsOf(need.id);
    expect(event).toMatchObject({ kind: "triaged", fromStatus: "submitted", toStatus: "triaged", actorId: c.staffUser.id });
    expect(await auditOf(need.id, "need.triaged")).toHaveLength(1);
    const [notice] = await noticesAbout(need.id, "need.triaged");
    expect(notice.userIds).toEqual([c.residentUser.id]);
    // Triaged needs leave the default view of the inbox (new needs only).
    expect(await (await browser.get(`/community/${c.community.id}/needs`)).text()).not.toContain("楼道堆满杂物");
  });

  it("as 大事 only with a note, and then it goes to the community's street, whose staff see it in their inbox", async () => {
    const c = await communityWithResident("大事社区");
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "小区外主干道塌陷" });
    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const noNote = await browser.post(`/community/${c.community.id}/needs/${need.id}`, { _intent: "triage", triage: "big" });
    expect(noNote.status).toBe(422);
    expect(await noNote.text()).toContain("大事和私事需要写明说明");
    expect(await needRow(need.id)).toMatchObject({ status: "submitted", triage: null });
    expect(await eventsOf(need.id)).toHaveLength(0);

    const streetUser = await createStreetStaff(c.street.id);
    await triageNeed({ actor: c.staff, needId: need.id, input: { triage: "big", note: "市政道路维修属于街道和市政部门职责" } });
    expect(await needRow(need.id)).toMatchObject({ status: "triaged", triage: "big", escalatedToId: c.street.id, triageNote: "市政道路维修属于街道和市政部门职责" });
    const [toStreet] = await noticesAbout(need.id, "need.escalated_to_street");
    expect(toStreet.userIds).toEqual([streetUser.id]);

    const street = await signedIn(app, streetUser.phone!, TEST_PASSWORD);
    const streetInbox = await (await street.get(`/street/${c.street.id}/needs`)).text();
    expect(streetInbox).toContain("小区外主干道塌陷");
    expect(streetInbox).toContain("市政道路维修属于街道和市政部门职责");
    expect((await street.get(`/needs/${need.id}`)).status).toBe(200);
    // Another street's staff, and the community's own staff, do not have this inbox.
    const otherStreet = await signedIn(app, (await createStreetStaff((await communityWithResident("他街社区")).street.id)).phone!, TEST_PASSWORD);
    expect((await otherStreet.get(`/street/${c.street.id}/needs`)).status).toBe(403);
    expect((await browser.get(`/street/${c.street.id}/needs`)).status).toBe(403);
  });

  it("as 私事 (an elderly resident asks staff to clean her flat): referred with a note on who should do it", async () => {
    const c = await communityWithResident("私事社区");
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "请社区帮我打扫屋子", category: "elderly_care" });
    const missing = await refusal(triageNeed({ actor: c.staff, needId: need.id, input: { triage: "private" } }));
    expect(missing.fieldErrors).toEqual({ note: "needs.noteRequired" });
    expect(await needRow(need.id)).toMatchObject({ status: "submitted" });
    await triageNeed({ actor: c.staff, needId: need.id, input: { triage: "private", note: "已联系其子女每周上门打扫，并介绍家政服务" } });
    expect(await needRow(need.id)).toMatchObject({ status: "referred", triage: "private", triageNote: "已联系其子女每周上门打扫，并介绍家政服务" });
    expect((await eventsOf(need.id)).map((e) => e.kind)).toEqual(["referred"]);
  });

  it("a second triage of the same need is a conflict, even when both come at once", async () => {
    const c = await communityWithResident("重复分流社区");
    const colleague = await actorOf(await createCommunityStaff(c.community.id));
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id });
    const outcomes = await Promise.allSettled([
      triageNeed({ actor: c.staff, needId: need.id, input: { triage: "small" } }),
      triageNeed({ actor: colleague, needId: need.id, input: { triage: "big", note: "上报" } }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const [rejected] = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(rejected.reason).toMatchObject({ code: "conflict", messageKey: "needs.alreadyTriaged" });
    expect(await eventsOf(need.id)).toHaveLength(1);

    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const again = await browser.post(`/community/${c.community.id}/needs/${need.id}`, { _intent: "triage", triage: "private", note: "再分一次" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("这条诉求已经分流过了");
  });

  it("staff of another community get 403 and nothing is written; a wrong id is 404", async () => {
    const a = await communityWithResident("甲诉求社区");
    const b = await communityWithResident("乙诉求社区");
    const need = await createNeed({ communityId: b.community.id, raisedBy: b.residentUser.id, title: "乙社区的诉求" });
    expect((await refusal(triageNeed({ actor: a.staff, needId: need.id, input: { triage: "small" } }))).status).toBe(403);
    const browser = await signedIn(app, a.staffUser.phone!, TEST_PASSWORD);
    for (const path of [`/community/${b.community.id}/needs`, `/community/${b.community.id}/needs/${need.id}`, `/community/${b.community.id}/needs/new`]) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text(), path).not.toContain("乙社区的诉求");
    }
    expect((await browser.post(`/community/${b.community.id}/needs/${need.id}`, { _intent: "triage", triage: "small" })).status).toBe(403);
    // Under their own community's address, another community's need does not exist.
    expect((await browser.post(`/community/${a.community.id}/needs/${need.id}`, { _intent: "triage", triage: "small" })).status).toBe(404);
    expect((await browser.get(`/community/${a.community.id}/needs/no-such-need`)).status).toBe(404);
    expect((await refusal(triageNeed({ actor: a.staff, needId: "no-such-need", input: { triage: "small" } }))).status).toBe(404);
    expect(await needRow(need.id)).toMatchObject({ status: "submitted", triage: null });
    expect(await eventsOf(need.id)).toHaveLength(0);
  });

  it("residents cannot triage, not even their own need", async () => {
    const c = await communityWithResident("居民分流社区");
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id });
    expect((await refusal(triageNeed({ actor: c.resident, needId: need.id, input: { triage: "small" } }))).status).toBe(403);
    const visitor = client(app);
    const res = await visitor.get(`/community/${c.community.id}/needs`);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/login");
  });
});

describe("community staff merge duplicates", () => {
  it("the duplicate points to the kept need; its followers are told but do not become the kept need's followers", async () => {
    const c = await communityWithResident("合并社区");
    const neighbour = await createUser();
    const kept = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "路灯不亮" });
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: neighbour.id, title: "晚上路灯全黑" });
    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const res = await browser.post(`/community/${c.community.id}/needs/${duplicate.id}`, { _intent: "merge", targetId: kept.id });
    expect(res.status).toBe(200);
    expect(await needRow(duplicate.id)).toMatchObject({ status: "merged", mergedIntoId: kept.id });
    expect(await followersOf(kept.id)).toEqual([c.residentUser.id]);
    expect((await eventsOf(duplicate.id)).map((e) => e.kind)).toEqual(["merged"]);
    expect((await eventsOf(kept.id)).map((e) => e.kind)).toEqual(["absorbed"]);
    const [notice] = await noticesAbout(duplicate.id, "need.merged");
    expect(notice.userIds).toEqual([neighbour.id]);
  });

  it("a follower of both is not followed twice", async () => {
    const c = await communityWithResident("双关社区");
    const kept = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id });
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id });
    await mergeNeeds({ actor: c.staff, needId: duplicate.id, targetId: kept.id });
    expect(await followersOf(kept.id)).toEqual([c.residentUser.id]);
  });

  it("are refused a merge into another community's need, into itself, or into a finished need", async () => {
    const a = await communityWithResident("合并甲社区");
    const b = await communityWithResident("合并乙社区");
    const mine = await createNeed({ communityId: a.community.id, raisedBy: a.residentUser.id });
    const theirs = await createNeed({ communityId: b.community.id, raisedBy: b.residentUser.id });
    const withdrawn = await createNeed({ communityId: a.community.id, raisedBy: a.residentUser.id, status: "withdrawn" });
    expect((await refusal(mergeNeeds({ actor: a.staff, needId: mine.id, targetId: theirs.id }))).fieldErrors).toEqual({ targetId: "needs.mergeOtherCommunity" });
    expect((await refusal(mergeNeeds({ actor: a.staff, needId: mine.id, targetId: mine.id }))).fieldErrors).toEqual({ targetId: "needs.mergeIntoItself" });
    expect((await refusal(mergeNeeds({ actor: a.staff, needId: mine.id, targetId: withdrawn.id }))).fieldErrors).toEqual({ targetId: "needs.mergeTargetFinished" });
    expect((await refusal(mergeNeeds({ actor: b.staff, needId: mine.id, targetId: theirs.id }))).status).toBe(403);
    expect(await needRow(mine.id)).toMatchObject({ status: "submitted", mergedIntoId: null });
  });
});

describe("the raiser withdraws a need", () => {
  it("while it waits for triage, from its page; staff are told", async () => {
    const c = await communityWithResident("撤回社区");
    const { needId } = await raiseNeed({ actor: c.resident, input: lights, photos: [] });
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    expect(await (await browser.get(`/needs/${needId}`)).text()).toContain("撤回诉求");
    const res = await browser.post(`/needs/${needId}`, {});
    expect(res.status).toBe(302);
    expect(await needRow(needId)).toMatchObject({ status: "withdrawn" });
    expect((await eventsOf(needId)).map((e) => e.kind)).toEqual(["raised", "withdrawn"]);
    const [notice] = await noticesAbout(needId, "need.withdrawn");
    expect(notice.userIds).toEqual([c.staffUser.id]);
  });

  it("but nobody else may, and not after triage", async () => {
    const c = await communityWithResident("他人撤回社区");
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, isPublic: true });
    const stranger = await createUser();
    expect((await refusal(withdrawNeed({ actor: await actorOf(stranger), needId: need.id }))).status).toBe(403);
    expect((await refusal(withdrawNeed({ actor: c.staff, needId: need.id }))).status).toBe(403);
    const strangerBrowser = await signedIn(app, stranger.phone!, TEST_PASSWORD);
    expect((await strangerBrowser.post(`/needs/${need.id}`, {})).status).toBe(403);
    await triageNeed({ actor: c.staff, needId: need.id, input: { triage: "small" } });
    expect((await refusal(withdrawNeed({ actor: c.resident, needId: need.id }))).messageKey).toBe("needs.withdrawTooLate");
    expect(await needRow(need.id)).toMatchObject({ status: "triaged" });
  });
});
