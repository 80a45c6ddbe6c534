import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlClient } from "@db/client";
import { createPlace } from "../factories";
import { needSearchQuery, searchNeeds, type NeedSearch } from "~/domains/needs/search.server";
import { communityWithResident, createNeed, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
let c: Awaited<ReturnType<typeof communityWithResident>>;
let other: Awaited<ReturnType<typeof communityWithResident>>;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  c = await communityWithResident("搜索社区");
  other = await communityWithResident("隔壁搜索社区");
  const secondGrid = await createPlace("grid", "搜索社区第二网格", c.community.id);
  const secondBuilding = await createPlace("building", "搜索社区9栋", secondGrid.id);
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));
  const seed = async (key: string, options: Partial<Parameters<typeof createNeed>[0]>) => {
    const need = await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, isPublic: true, ...options });
    ids[key] = need.id;
  };
  await seed("lights", { title: "移民小区路灯坏了", description: "晚上一片漆黑，老人出门容易摔倒。", category: "public_facilities", placeId: c.building.id, createdAt: day(1) });
  await seed("elderly", { title: "希望开办老年食堂", description: "社区养老服务跟不上，独居老人吃饭难。", category: "elderly_care", placeId: secondBuilding.id, createdAt: day(2) });
  await seed("governance", { title: "小区停车乱", description: "希望议事会一起治理停车问题。", category: "other", createdAt: day(3), status: "triaged" });
  // 路灯 and 灯坏 both occur, but apart: a search for 路灯坏 must not find it.
  await seed("apart", { title: "路灯亮着但灯坏了一半", description: "西门那排路灯有一半灯坏，其余正常。", category: "public_facilities", createdAt: day(4), isPublic: false });
  await seed("latin", { title: "楼道LED灯不亮", description: "3栋楼道的 LED 灯全坏了。", category: "public_facilities", createdAt: day(5) });
  ids.elsewhere = (await createNeed({ communityId: other.community.id, raisedBy: other.residentUser.id, title: "隔壁的路灯也坏了", description: "隔壁社区路灯不亮。", isPublic: true, createdAt: day(6) })).id;
});
afterAll(async () => {
  await app.stop();
});

const found = async (search: NeedSearch) => (await searchNeeds(search)).needs.map((n) => Object.entries(ids).find(([, id]) => id === n.id)?.[0]);

describe("searching needs in Chinese", () => {
  it("one character finds every need containing it, and no other", async () => {
    expect(await found({ q: "治" })).toEqual(["governance"]);
    expect(await found({ q: "灯" })).toEqual(["elsewhere", "latin", "apart", "lights"]);
  });

  it("two characters find the word wherever it is, in title or description", async () => {
    expect(await found({ q: "路灯" })).toEqual(["elsewhere", "apart", "lights"]);
    expect(await found({ q: "养老" })).toEqual(["elderly"]);
  });

  it("four characters find the whole phrase only", async () => {
    expect(await found({ q: "养老服务" })).toEqual(["elderly"]);
    expect(await found({ q: "老年服务" })).toEqual([]);
  });

  it("a phrase whose pairs of characters occur apart is not a match", async () => {
    expect(await found({ q: "路灯坏" })).toEqual(["lights"]);
  });

  it("latin words are matched whatever their case, and several words must all occur", async () => {
    expect(await found({ q: "led" })).toEqual(["latin"]);
    expect(await found({ q: "路灯 老人" })).toEqual(["lights"]);
  });

  it("a query of punctuation alone finds nothing", async () => {
    expect(await found({ q: "！？" })).toEqual([]);
  });

  it("filters by community, category, status, grid (with its buildings) and public, newest or oldest first", async () => {
    expect(await found({ q: "路灯", communityId: c.community.id })).toEqual(["apart", "lights"]);
    expect(await found({ communityId: c.community.id, category: "elderly_care" })).toEqual(["elderly"]);
    expect(await found({ communityId: c.community.id, statuses: ["triaged"] })).toEqual(["governance"]);
    expect(await found({ communityId: c.community.id, placeIds: [c.grid.id, c.building.id] })).toEqual(["lights"]);
    expect(await found({ q: "路灯", publicOnly: true })).toEqual(["elsewhere", "lights"]);
    expect(await found({ q: "灯", communityId: c.community.id, sort: "oldest" })).toEqual(["lights", "apart", "latin"]);
  });

  it("pages by twenty, and says whether there is more", async () => {
    const first = await searchNeeds({ communityId: c.community.id, pageSize: 2 });
    expect(first.hasMore).toBe(true);
    const last = await searchNeeds({ communityId: c.community.id, pageSize: 2, page: 3 });
    expect(last).toMatchObject({ hasMore: false, page: 3 });
    expect(last.needs).toHaveLength(1);
  });

  it("is answered from the character-gram index for one-, two- and four-character queries", async () => {
    const pg = sqlClient();
    await pg.begin(async (tx) => {
      // The table is tiny here, so the planner would rightly scan it; forbid that to see the index can serve.
      await tx.unsafe("set local enable_seqscan = off");
      for (const q of ["治", "路灯", "养老服务"]) {
        const query = (await needSearchQuery({ q, publicOnly: true })).query.toSQL();
        const plan = (await tx.unsafe(`explain ${query.sql}`, query.params as never[])).map((r) => r["QUERY PLAN"]).join("\n");
        expect(plan, q).toContain("needs_search_grams");
      }
    });
  });
});

describe("search on the pages", () => {
  it("the public list finds public needs by words and leaves out needs that are not public", async () => {
    const html = await (await client(app).get(`/needs?q=${encodeURIComponent("路灯")}`)).text();
    expect(html).toContain("移民小区路灯坏了");
    expect(html).toContain("隔壁的路灯也坏了");
    expect(html).not.toContain("路灯亮着但灯坏了一半");
  });

  it("the staff inbox searches its own community's needs of any status, by words, category and grid", async () => {
    const browser = await signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
    const byWord = await (await browser.get(`/community/${c.community.id}/needs?status=all&q=${encodeURIComponent("灯")}`)).text();
    expect(byWord).toContain("路灯亮着但灯坏了一半");
    expect(byWord).not.toContain("隔壁的路灯也坏了");
    const byGrid = await (await browser.get(`/community/${c.community.id}/needs?status=all&placeId=${c.grid.id}`)).text();
    expect(byGrid).toContain("移民小区路灯坏了");
    expect(byGrid).not.toContain("希望开办老年食堂");
    const triaged = await (await browser.get(`/community/${c.community.id}/needs?status=triaged`)).text();
    expect(triaged).toContain("小区停车乱");
    expect(triaged).not.toContain("移民小区路灯坏了");
    // A bad filter value falls back to the default rather than failing.
    expect((await browser.get(`/community/${c.community.id}/needs?status=nonsense&sort=sideways&page=-3&category=x`)).status).toBe(200);
  });
});
