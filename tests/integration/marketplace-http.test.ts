import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { serviceNeeds } from "@db/schema";
import { biddingOrg, createNeed, createUser, listedServiceNeed, providerServing, purchasingCommunity, serviceNeedForm, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
let huijing: Awaited<ReturnType<typeof purchasingCommunity>>;
let meihu: Awaited<ReturnType<typeof purchasingCommunity>>;

beforeAll(async () => {
  app = await startTestApp();
  huijing = await purchasingCommunity("惠景社区");
  meihu = await purchasingCommunity("美湖社区");
});
afterAll(async () => {
  await app.stop();
});

const staffOf = (c: typeof huijing) => signedIn(app, c.staffUser.phone!, TEST_PASSWORD);
const base = () => `/community/${huijing.community.id}/service-needs`;

describe("staff post a service need through the pages", () => {
  it("saving a draft and publishing it from the form makes it public at /market", async () => {
    const staff = await staffOf(huijing);
    const res = await staff.post(`${base()}/new`, { ...serviceNeedForm({ title: "老年人助餐服务（页面）" }), _intent: "publish" });
    expect(res.status).toBe(302);
    const location = res.headers.get("location") ?? "";
    const id = location.split("/").pop()!.split("?")[0];
    const [row] = await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
    expect(row.status).toBe("published");
    const page = await (await client(app).get(`/market/${id}`)).text();
    expect(page).toContain("老年人助餐服务（页面）");
    expect(page).toContain("独居及高龄老人（约120人）");
    expect(page).toContain("¥80,000.00 至 ¥120,000.50");
  });

  it("a budget the wrong way round is answered 422 with the message beside the field, in Chinese", async () => {
    const staff = await staffOf(huijing);
    const res = await staff.post(`${base()}/new`, { ...serviceNeedForm({ budgetMin: "120000", budgetMax: "80000" }), _intent: "save" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("最高预算不能低于最低预算");
  });

  it("junk in every field is a 422, never a 500", async () => {
    const staff = await staffOf(huijing);
    const junk = Object.fromEntries(Object.keys(serviceNeedForm()).map((k) => [k, "\u0000<script>"]));
    expect((await staff.post(`${base()}/new`, { ...junk, _intent: "publish" })).status).toBe(422);
    const id = (await listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id })).id;
    for (const intent of ["extend", "withdraw", "answer", "publish"]) expect((await staff.post(`${base()}/${id}`, { _intent: intent, proposalDeadline: "明天", reason: "", answer: "x" })).status).toBe(422);
  });

  it("staff of another community are refused the list, the form and the need's page; a wrong id is 404", async () => {
    const other = await staffOf(meihu);
    const id = (await listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id })).id;
    expect((await other.get(base())).status).toBe(403);
    expect((await other.get(`${base()}/new`)).status).toBe(403);
    expect((await other.post(`${base()}/new`, { ...serviceNeedForm(), _intent: "save" })).status).toBe(403);
    expect((await other.get(`${base()}/${id}`)).status).toBe(403);
    // Under its own community's address, another community's service need does not exist.
    expect((await other.get(`/community/${meihu.community.id}/service-needs/${id}`)).status).toBe(404);
    expect((await client(app).get("/market/no-such-need")).status).toBe(404);
  });

  it("a service need starts from a decided need of the community, prefilled; another community's need is refused beside the field", async () => {
    const resident = await createUser();
    const decided = await createNeed({ communityId: huijing.community.id, raisedBy: resident.id, title: "独居老人吃饭难", description: "居民议事会决定引入社会组织提供助餐服务。", category: "elderly_care", status: "decided" });
    const elsewhere = await createNeed({ communityId: meihu.community.id, raisedBy: resident.id, title: "美湖的决议", description: "美湖社区的已决议需求。", status: "decided" });
    const staff = await staffOf(huijing);
    const form = await (await staff.get(`${base()}/new?fromNeed=${decided.id}`)).text();
    expect(form).toContain('value="独居老人吃饭难"');
    const refused = await staff.post(`${base()}/new`, { ...serviceNeedForm(), needId: elsewhere.id, _intent: "save" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("只能从本社区已决议的需求发布");
    const saved = await staff.post(`${base()}/new`, { ...serviceNeedForm(), needId: decided.id, _intent: "save" });
    const id = (saved.headers.get("location") ?? "").split("/").pop()!.split("?")[0];
    expect((await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id)))[0]).toMatchObject({ needId: decided.id, status: "draft" });
  });

  it("a draft is not public: visitors get 404", async () => {
    const draft = await listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id, status: "draft", publishedAt: null });
    expect((await client(app).get(`/market/${draft.id}`)).status).toBe(404);
  });
});

describe("the public Q&A", () => {
  it("shows the answer and never the organisation or person that asked", async () => {
    const need = await listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id, title: "社区戒毒康复社会工作服务", beneficiaryGroup: "社区戒毒康复人员", beneficiaryCount: 140 });
    const asker = await biddingOrg({ name: "善行社会工作服务中心" });
    const bidder = await signedIn(app, asker.owner.phone!, TEST_PASSWORD);
    const asked = await bidder.post(`/market/${need.id}`, { question: "个案管理的记录如何保密？" });
    expect(asked.status).toBe(200);
    const staff = await staffOf(huijing);
    const { clarificationId } = await staffQuestion(staff, need.id);
    expect((await staff.post(`${base()}/${need.id}`, { _intent: "answer", clarificationId, answer: "记录只存于机构内部系统，按规定脱敏后汇报。" })).status).toBe(200);
    const html = await (await client(app).get(`/market/${need.id}`)).text();
    expect(html).toContain("个案管理的记录如何保密？");
    expect(html).toContain("记录只存于机构内部系统");
    expect(html).toContain("社区戒毒康复人员（约140人）");
    for (const leak of ["善行社会工作服务中心", asker.org.id, asker.owner.displayName, asker.owner.phone!]) expect(html).not.toContain(leak);
  });

  it("asking after the deadline is refused with a 409 and the page says questions are closed", async () => {
    const need = await listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id, proposalDeadline: new Date(Date.now() - 60_000), status: "published" });
    const asker = await biddingOrg();
    const bidder = await signedIn(app, asker.owner.phone!, TEST_PASSWORD);
    const res = await bidder.post(`/market/${need.id}`, { question: "截止后还能问吗？" });
    expect(res.status).toBe(409);
    expect(await (await bidder.get(`/market/${need.id}`)).text()).toContain("方案截止后不能再提问");
  });
});

describe("finding work through the pages", () => {
  it("the browse page searches in Chinese and filters by category", async () => {
    await listedServiceNeed({ communityId: meihu.community.id, postedByOrgId: meihu.committee.id, createdBy: meihu.staffUser.id, title: "四点半课堂儿童托管", category: "children" });
    const visitor = client(app);
    const found = await (await visitor.get(`/market?q=${encodeURIComponent("课堂")}`)).text();
    expect(found).toContain("四点半课堂儿童托管");
    const filtered = await (await visitor.get(`/market?q=${encodeURIComponent("课堂")}&category=elderly_care`)).text();
    expect(filtered).not.toContain("四点半课堂儿童托管");
    expect((await visitor.get("/market?budgetMin=abc&deadlineBy=yesterday&page=-3")).status).toBe(200);
  });

  it("an organisation member sees recommendations with reasons and saves a search; a visitor is sent to log in", async () => {
    const provider = await providerServing([meihu.district.id]);
    const member = await signedIn(app, provider.owner.phone!, TEST_PASSWORD);
    const page = await (await member.get("/market/recommended")).text();
    expect(page).toContain("四点半课堂儿童托管");
    expect(page).toContain("在本组织的服务区域内（+40）");
    expect(page).toContain("尚无结项项目，暂无信誉分，不计分");
    expect((await member.post(`/market?q=${encodeURIComponent("课堂")}`, { _intent: "save", name: "课堂" })).status).toBe(200);
    expect(await (await member.get("/market")).text()).toContain(`/market?q=${encodeURIComponent("课堂")}`);
    expect((await client(app).get("/market/recommended")).status).toBe(302);
    const staff = await staffOf(huijing);
    expect((await staff.get("/market/recommended")).status).toBe(403);
  });
});

async function staffQuestion(staff: Awaited<ReturnType<typeof staffOf>>, serviceNeedId: string) {
  const html = await (await staff.get(`${base()}/${serviceNeedId}`)).text();
  const clarificationId = /name="clarificationId" value="([^"]+)"/.exec(html)?.[1];
  if (!clarificationId) throw new Error("no question on the staff page");
  return { clarificationId };
}

