// What a need lets people read: a merge never widens who may read a need (issue 10, defect 5), and
// staff's triage notes never reach a page, a loader's JSON or a notice meant for others (defect 7).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationNeeds, needEvents, needPhotos } from "@db/schema";
import { followersOf } from "~/domains/deliberations/notices.server";
import { mergeNeeds } from "~/domains/needs/merge-needs.server";
import { communityPublicNeeds, myNeeds, needPage, photoFor, publicNeeds, staffNeed } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { triageNeed } from "~/domains/needs/triage-need.server";
import { newId } from "~/utils/ids";
import { actorOf, communityWithResident, createDeliberation, createNeed, createUser, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

/** The notify jobs enqueued about a need, by kind. */
async function noticesAbout(needId: string, kind: string) {
  const rows = await db().execute<{ payload: { userIds: string[]; link: string; params: Record<string, string>; body: string } }>(
    sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'notify' and j.payload->>'kind' = ${kind} and j.payload->>'key' like ${`%${needId}%`}`,
  );
  return rows.map((r) => r.payload);
}
const noticesTo = async (needId: string, kind: string, userId: string) => (await noticesAbout(needId, kind)).filter((n) => n.userIds.includes(userId));

async function photoOf(needId: string) {
  const id = newId();
  await db().insert(needPhotos).values({ id, needId, storageKey: `needs/${id}.jpg`, contentType: "image/jpeg", bytes: 10, position: 0 });
  return id;
}

describe("merging needs never widens who may read a need", () => {
  it("the raiser of a duplicate merged into a private need cannot open the kept need, its photos, or learn its title", async () => {
    const c = await communityWithResident("合并隐私社区");
    const neighbour = await createUser();
    const kept = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "家里老人独居需要照看", isPublic: false });
    const photo = await photoOf(kept.id);
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: neighbour.id, title: "楼里有位老人没人照顾", isPublic: false });
    await mergeNeeds({ actor: c.staff, needId: duplicate.id, targetId: kept.id });

    const them = await actorOf(neighbour);
    expect(await needPage(them, kept.id)).toBeNull();
    expect(await photoFor(them, photo)).toBeNull();
    const own = await needPage(them, duplicate.id);
    expect(own?.mergedInto).toBeNull();

    const browser = await signedIn(app, neighbour.phone!, TEST_PASSWORD);
    expect((await browser.get(`/needs/${kept.id}`)).status).toBe(404);
    expect((await browser.get(`/photos/${photo}`)).status).toBe(404);
    expect(await (await browser.get(`/needs/${duplicate.id}.data`)).text()).not.toContain("家里老人独居");

    const [notice] = await noticesTo(duplicate.id, "need.merged", neighbour.id);
    expect(JSON.stringify(notice)).not.toContain("家里老人独居");
    expect(notice.link).toBe(`/needs/${duplicate.id}`);

    // Later steps on the private kept need are not told to the duplicate's followers either.
    await triageNeed({ actor: c.staff, needId: kept.id, input: { triage: "private", note: "已联系其子女每周上门" } });
    expect(await noticesTo(kept.id, "need.referred", neighbour.id)).toEqual([]);
    expect(await noticesTo(kept.id, "need.referred", c.residentUser.id)).toHaveLength(1);
  });

  it("merged into a public need, the duplicate's raiser sees it as the public does and hears of its public outcomes", async () => {
    const c = await communityWithResident("合并公开社区");
    const neighbour = await createUser();
    const kept = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "路灯不亮", isPublic: true });
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: neighbour.id, title: "晚上路灯全黑" });
    await mergeNeeds({ actor: c.staff, needId: duplicate.id, targetId: kept.id });

    const them = await actorOf(neighbour);
    expect((await needPage(them, kept.id))?.viewer).toBe("public");
    expect((await needPage(them, duplicate.id))?.mergedInto).toEqual({ id: kept.id, title: "路灯不亮" });
    const [notice] = await noticesTo(duplicate.id, "need.merged", neighbour.id);
    expect(notice.link).toBe(`/needs/${kept.id}`);

    await triageNeed({ actor: c.staff, needId: kept.id, input: { triage: "small" } });
    expect(await noticesTo(kept.id, "need.triaged", neighbour.id)).toHaveLength(1);
  });

  it("a deliberation on the kept need is told to the duplicate's raiser while the kept need is public, and not once it is private", async () => {
    const c = await communityWithResident("合并议事社区");
    const neighbour = await createUser();
    const kept = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, isPublic: true, status: "triaged" });
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: neighbour.id });
    await mergeNeeds({ actor: c.staff, needId: duplicate.id, targetId: kept.id });
    const deliberation = await createDeliberation({ communityId: c.community.id, createdBy: c.staffUser.id, status: "open" });
    await db().insert(deliberationNeeds).values({ deliberationId: deliberation.id, needId: kept.id });
    expect((await followersOf(db(), deliberation.id)).sort()).toEqual([c.residentUser.id, neighbour.id].sort());
    await db().execute(sql`update needs set is_public = false where id = ${kept.id}`);
    expect(await followersOf(db(), deliberation.id)).toEqual([c.residentUser.id]);
  });

  it("a need that is later made private is no longer read by the duplicate's raiser", async () => {
    const c = await communityWithResident("合并转私社区");
    const neighbour = await createUser();
    const kept = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, isPublic: true });
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: neighbour.id });
    await mergeNeeds({ actor: c.staff, needId: duplicate.id, targetId: kept.id });
    await db().execute(sql`update needs set is_public = false where id = ${kept.id}`);
    expect(await needPage(await actorOf(neighbour), kept.id)).toBeNull();
  });
});

describe("staff's triage notes stay with the staff", () => {
  const note = "该户长期拖欠物业费，情绪激动，建议街道出面";

  async function escalatedNeed(name: string) {
    const c = await communityWithResident(name);
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "小区外道路塌陷", isPublic: true });
    await triageNeed({ actor: c.staff, needId: need.id, input: { triage: "big", note } });
    return { c, need };
  }

  it("the public page of a 大事 shows that it was escalated, never the escalation note, in its HTML or its loader data", async () => {
    const { c, need } = await escalatedNeed("备注公开社区");
    const visitor = client(app);
    const html = await (await visitor.get(`/needs/${need.id}`)).text();
    expect(html).toContain("分流为大事，上报街道");
    expect(html).not.toContain(note);
    const data = await visitor.get(`/needs/${need.id}.data`);
    expect(data.status).toBe(200);
    expect(await data.text()).not.toContain(note);
    expect(JSON.stringify(await needPage(null, need.id))).not.toContain(note);
    expect(await (await visitor.get(`/c/${c.community.id}`)).text()).not.toContain(note);
    expect(await (await visitor.get(`/needs`)).text()).not.toContain(note);
    expect(JSON.stringify(await publicNeeds(needFilterSchema.parse({})))).not.toContain(note);
    expect(JSON.stringify(await communityPublicNeeds(c.community.id))).not.toContain(note);
  });

  it("what happened stays public: the option the residents chose shows on the need page", async () => {
    const { need } = await escalatedNeed("备注决议社区");
    await db().insert(needEvents).values({ id: newId(), needId: need.id, actorId: null, kind: "decided", toStatus: "decided", note: "方案一：修补路面" });
    expect(await (await client(app).get(`/needs/${need.id}`)).text()).toContain("方案一：修补路面");
  });

  it("another resident and the community's staff on the public page see no note; staff see it on their own page", async () => {
    const { c, need } = await escalatedNeed("备注员工社区");
    const other = await createUser();
    expect(JSON.stringify(await needPage(await actorOf(other), need.id))).not.toContain(note);
    expect(JSON.stringify(await needPage(c.staff, need.id))).not.toContain(note);
    expect(JSON.stringify(await staffNeed(c.community.id, need.id))).toContain(note);
    const staffPage = await (await signedIn(app, c.staffUser.phone!, TEST_PASSWORD)).get(`/community/${c.community.id}/needs/${need.id}`);
    expect(await staffPage.text()).toContain(note);
  });

  it("the resident who raised it reads the note about their own matter; nobody else is sent it", async () => {
    const { c, need } = await escalatedNeed("备注居民社区");
    expect(JSON.stringify(await needPage(c.resident, need.id))).toContain(note);
    expect(JSON.stringify(await myNeeds(c.residentUser.id))).toContain(note);
    const neighbour = await createUser();
    const duplicate = await createNeed({ communityId: c.community.id, raisedBy: neighbour.id });
    await mergeNeeds({ actor: c.staff, needId: duplicate.id, targetId: need.id });
    expect(JSON.stringify(await myNeeds(neighbour.id))).not.toContain(note);
    const [toRaiser] = await noticesTo(need.id, "need.escalated", c.residentUser.id);
    expect(toRaiser.params.note).toBe(note);
  });
});
