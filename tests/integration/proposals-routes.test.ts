// Sealed proposals over HTTP: every page that could show a proposal, for every kind of visitor,
// before and after the deadline; and what people type is answered in Chinese, never with a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { projects, proposals, serviceAgreements } from "@db/schema";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { biddingOrg, createServiceNeed, createUser, passDeadline, proposalInput, purchasingCommunity, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const login = (user: { phone: string | null }) => signedIn(app, user.phone!, TEST_PASSWORD);

async function scene() {
  const community = await purchasingCommunity();
  const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id });
  const bidder = await biddingOrg({ name: `善行社工${Date.now()}` });
  const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) });
  await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
  const rival = await biddingOrg({ name: "竞争机构" });
  const other = await purchasingCommunity();
  const admin = await createUser({ admin: true });
  return { community, need, bidder, proposalId: draft.id, rival, other, admin };
}

type Scene = Awaited<ReturnType<typeof scene>>;
const pagesOf = (s: Scene) => [`/proposals/${s.proposalId}`, `/community/${s.community.community.id}/service-needs/${s.need.id}/proposals`];

async function expectHidden(c: Browserish, s: Scene) {
  for (const path of [`/proposals/${s.proposalId}`, `/community/${s.other.community.id}/service-needs/${s.need.id}/proposals`]) expect((await c.get(path)).status, path).toBe(404);
  const list = await c.get("/proposals");
  expect(await list.text()).not.toContain(s.bidder.org.name);
  const compare = await c.get(pagesOf(s)[1]);
  expect(compare.status === 404 || !(await compare.text()).includes(s.bidder.org.name)).toBe(true);
  expect((await c.post(`/proposals/${s.proposalId}`, { _intent: "withdraw" })).status).toBe(404);
}

describe("who reads a proposal", () => {
  it("before the deadline only its organisation reads it: rivals, another community, an admin and the community itself get nothing", async () => {
    const s = await scene();
    const own = await login(s.bidder.owner);
    const page = await own.get(`/proposals/${s.proposalId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("依托社区长者食堂");
    for (const user of [s.rival.owner, s.other.staffUser, s.admin]) await expectHidden(await login(user), s);
    const staff = await login(s.community.staffUser);
    expect((await staff.get(`/proposals/${s.proposalId}`)).status).toBe(404);
    const sealed = await staff.get(pagesOf(s)[1]);
    expect(sealed.status).toBe(200);
    const html = await sealed.text();
    expect(html).toContain("方案在截止时间之前密封");
    expect(html).not.toContain(s.bidder.org.name);
    for (const user of [s.rival.owner, s.other.staffUser, s.admin]) expect((await (await login(user)).get(pagesOf(s)[1])).status).toBe(404);
  });

  it("after the deadline the community compares it; rivals, another community and an admin still get 404 on every page", async () => {
    const s = await scene();
    await passDeadline(s.need.id);
    const staff = await login(s.community.staffUser);
    const compare = await staff.get(pagesOf(s)[1]);
    expect(compare.status).toBe(200);
    expect(await compare.text()).toContain(s.bidder.org.name);
    expect((await staff.get(`/proposals/${s.proposalId}`)).status).toBe(200);
    for (const user of [s.rival.owner, s.other.staffUser, s.admin]) {
      const c = await login(user);
      await expectHidden(c, s);
      expect((await c.get(pagesOf(s)[1])).status).toBe(404);
    }
    const own = await (await login(s.bidder.owner)).get(`/proposals/${s.proposalId}`);
    expect(own.status).toBe(200);
    expect(await own.text()).not.toContain("提交方案</button>");
  });

  it("an anonymous visitor is sent to log in, and a made-up id is 404", async () => {
    const s = await scene();
    expect((await client(app).get(`/proposals/${s.proposalId}`)).status).toBe(302);
    expect((await (await login(s.bidder.owner)).get("/proposals/not-a-real-id")).status).toBe(404);
    expect((await client(app).get(`/proposals/results/${s.need.id}`)).status).toBe(404);
  });
});

describe("forms", () => {
  it("an organisation writes a proposal through the form; amounts typed in yuan are stored in fen; junk is answered beside the field", async () => {
    const community = await purchasingCommunity();
    const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id });
    const bidder = await biddingOrg();
    const c = await login(bidder.owner);
    // Nobody writes a proposal in the name of an organisation they do not belong to.
    const someoneElses = await c.post(`/proposals/new?serviceNeedId=${need.id}`, { _intent: "save", orgId: community.committee.id, approach: "冒名" });
    expect(someoneElses.status, someoneElses.headers.get("location") ?? "").toBe(403);
    const junk = await c.post(`/proposals/new?serviceNeedId=${need.id}`, { _intent: "save", orgId: bidder.org.id, "budget.0.category": "personnel", "budget.0.description": "劳务", "budget.0.amount": "一万" });
    expect(junk.status).toBe(422);
    expect(await junk.text()).toContain("proposals.amountInvalid");
    const saved = await c.post(`/proposals/new?serviceNeedId=${need.id}`, {
      _intent: "save",
      orgId: bidder.org.id,
      approach: "集中助餐",
      total: "100,000",
      "budget.0.category": "personnel",
      "budget.0.description": "劳务",
      "budget.0.amount": "99,999.99",
      "budget.1.category": "admin",
      "budget.1.description": "管理",
      "budget.1.amount": "0.01",
    });
    expect(saved.status).toBe(302);
    const id = saved.headers.get("location")!.split("/").pop()!.split("?")[0];
    expect((await db().select().from(proposals).where(eq(proposals.id, id)))[0]).toMatchObject({ totalFen: 10_000_000n, status: "draft" });
    const incomplete = await c.post(`/proposals/${id}`, { _intent: "submit", approach: "集中助餐", total: "100000", "budget.0.category": "personnel", "budget.0.description": "劳务", "budget.0.amount": "100000" });
    expect(incomplete.status).toBe(422);
    expect(await incomplete.text()).toContain("proposals.milestonesRequired");
    const impossibleDate = await c.post(`/proposals/${id}`, { _intent: "save", "milestones.0.title": "启动", "milestones.0.dueDate": "2027-02-30", "milestones.0.share": "100", "milestones.0.deliverables.0.indicator": "服务老人", "milestones.0.deliverables.0.target": "200", "milestones.0.deliverables.0.unit": "人次" });
    expect(impossibleDate.status).toBe(422);
    expect(await impossibleDate.text()).toContain("proposals.dateInvalid");
  });

  it("selecting without reasons is answered beside the field; before the deadline it is refused", async () => {
    const s = await scene();
    const staff = await login(s.community.staffUser);
    const early = await staff.post(pagesOf(s)[1], { _intent: "select", proposalId: s.proposalId, reasons: "价格合理" });
    expect(early.status).toBe(409);
    await passDeadline(s.need.id);
    const noReasons = await staff.post(pagesOf(s)[1], { _intent: "select", proposalId: s.proposalId });
    expect(noReasons.status).toBe(422);
    expect(await noReasons.text()).toContain("reasons");
    const chosen = await staff.post(pagesOf(s)[1], { _intent: "select", proposalId: s.proposalId, reasons: "价格合理，团队完整" });
    expect(chosen.status).toBe(200);
    const result = await (await login(s.rival.owner)).get(`/proposals/results/${s.need.id}`);
    expect(result.status).toBe(200);
    const html = await result.text();
    expect(html).toContain(s.bidder.org.name);
    expect(html).toContain("价格合理，团队完整");
    expect(html).toContain("¥100,000.00");

    const [agreement] = await db().select().from(serviceAgreements).where(eq(serviceAgreements.proposalId, s.proposalId));
    expect((await (await login(s.rival.owner)).get(`/agreements/${agreement.id}`)).status).toBe(404);
    expect((await (await login(s.rival.owner)).post(`/agreements/${agreement.id}`, {})).status).toBe(404);
    expect((await staff.post(`/agreements/${agreement.id}`, {})).status).toBe(200);
    expect((await (await login(s.bidder.owner)).post(`/agreements/${agreement.id}`, {})).status).toBe(200);
    const [project] = await db().select().from(projects).where(eq(projects.agreementId, agreement.id));
    const publicPage = await client(app).get(`/projects/${project.id}`);
    expect(publicPage.status).toBe(200);
    const projectHtml = await publicPage.text();
    expect(projectHtml).toContain("阶段与拨付");
    expect(projectHtml.match(/第 \d 阶段 · /g)).toHaveLength(3);
    expect(projectHtml).not.toContain("项目主管");
  });
});
