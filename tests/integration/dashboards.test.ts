// Dashboards: community staff see their community's projects in figures, the street office sees its
// communities side by side, anyone sees a community's totals — and nobody sees a person in them.
// The delivery state (reports, payments, ratings) is written straight to the database here, as the
// milestone machine would leave it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { milestonePayments, milestoneRatings, milestoneReports, milestones, places, projects, proposals, serviceAgreements, serviceNeeds, type BeneficiaryCount } from "@db/schema";
import { communityDashboard, communityTotals, streetDashboard } from "~/domains/dashboards/queries.server";
import { csvCell } from "~/domains/dashboards/export";
import { newId } from "~/utils/ids";
import { createNeed, createServiceNeed, createStreetStaff, TEST_PASSWORD } from "../factories";
import { deliveryProject } from "../factories/delivery";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

type Delivery = Awaited<ReturnType<typeof deliveryProject>>;

let app: TestApp;
let a: Delivery; // 2 projects; street S
let b: Delivery; // 1 completed project; moved into street S
let c: Delivery; // 1 project in another street
let lampsId: string; // a's street lamps (公共设施, decided by residents)
let mealsId: string; // a's meals service (养老服务, from a marketplace agreement)
const FORMULA_GROUP = '=HYPERLINK("http://evil.example")';
const RATING_COMMENT = "王阿姨说灯很亮，谢谢张师傅";

beforeAll(async () => {
  app = await startTestApp();
  a = await deliveryProject({ title: "移民小区路灯维修", amountFen: 300_000n, milestones: [{ shareBp: 5_000 }, { shareBp: 5_000, dueDate: "2026-01-15" }] });
  b = await deliveryProject({ title: "四点半课堂", amountFen: 300_000n, households: 1 });
  c = await deliveryProject({ title: "别街道的项目", amountFen: 300_000n, households: 1 });
  await db().update(places).set({ parentId: a.street.id }).where(eq(places.id, b.community.id));

  // a's lamps: decided by the residents on a 公共设施 need; first milestone paid on 11 March (China
  // time: 17:30 UTC on the 10th), the second overdue.
  const need = await createNeed({ communityId: a.community.id, raisedBy: a.residents[0].user.id, category: "public_facilities", status: "in_delivery" });
  lampsId = a.project.id;
  await db().update(projects).set({ sourceType: "deliberation", needId: need.id, createdAt: new Date("2026-02-01T02:00:00Z") }).where(eq(projects.id, lampsId));
  const [m1, m2] = a.milestones;
  await db().update(milestones).set({ status: "paid" }).where(eq(milestones.id, m1.id));
  await db().update(milestones).set({ status: "overdue", overdueSince: "2026-01-16" }).where(eq(milestones.id, m2.id));
  await report(m1.id, 1, "changes_requested", [{ group: "80岁以上老人", count: 999 }], 999, a.reporterUser.id);
  await report(m1.id, 2, "accepted", [{ group: "80岁以上老人", count: 120 }, { group: "残疾人", count: 8 }], 125, a.reporterUser.id);
  await pay(m1.id, lampsId, 150_000n, { paidAt: new Date("2026-03-10T17:30:00Z") });
  await rate(m1.id, a, 0, 5, RATING_COMMENT);
  await rate(m1.id, a, 1, 4);
  await rate(m1.id, a, 2, 4, "不好", true); // its comment hidden by staff: the score still counts (ADR 0010)

  // a's meals: a marketplace agreement on a 养老服务 service need; accepted, payable since 2 April.
  mealsId = await mealsProject();
  const [meals] = await db().select().from(milestones).where(eq(milestones.projectId, mealsId));
  await report(meals.id, 1, "accepted", [{ group: "80岁以上老人", count: 30 }, { group: FORMULA_GROUP, count: 5 }], 40, a.reporterUser.id);
  await report(meals.id, 2, "submitted", [{ group: "80岁以上老人", count: 500 }], 500, a.reporterUser.id);
  await pay(meals.id, mealsId, 200_000n, { createdAt: new Date("2026-04-02T04:00:00Z") });
  await rate(meals.id, a, 0, 3);

  // b's after-school class: completed and paid on 20 May; no rating.
  await db().update(projects).set({ status: "completed", createdAt: new Date("2026-01-10T02:00:00Z") }).where(eq(projects.id, b.project.id));
  await db().update(milestones).set({ status: "paid" }).where(eq(milestones.id, b.milestones[0].id));
  await report(b.milestones[0].id, 1, "accepted", [{ group: "小学生", count: 40 }], 60, b.reporterUser.id);
  await pay(b.milestones[0].id, b.project.id, 300_000n, { paidAt: new Date("2026-05-20T02:00:00Z") });

  // c, in another street: paid and rated, and never in street S's figures.
  await report(c.milestones[0].id, 1, "accepted", [{ group: "小学生", count: 7 }], 10, c.reporterUser.id);
  await pay(c.milestones[0].id, c.project.id, 300_000n, { paidAt: new Date("2026-05-01T02:00:00Z") });
  await rate(c.milestones[0].id, c, 0, 1);
});

afterAll(async () => {
  await app.stop();
});

async function report(milestoneId: string, version: number, status: "submitted" | "changes_requested" | "accepted", beneficiaries: BeneficiaryCount[], hoursTenths: number, by: string) {
  await db().insert(milestoneReports).values({ id: newId(), milestoneId, version, status, beneficiaries, serviceHoursTenths: hoursTenths, createdBy: by, submittedBy: by, submittedAt: new Date() });
}

async function pay(milestoneId: string, projectId: string, amountFen: bigint, when: { paidAt?: Date; createdAt?: Date }) {
  await db()
    .insert(milestonePayments)
    .values({ id: newId(), milestoneId, projectId, amountFen, method: "instruction", status: when.paidAt ? "paid" : "payable", paidAt: when.paidAt ?? null, bankReference: when.paidAt ? "HX-2026-0001" : null, createdAt: when.createdAt ?? when.paidAt });
}

async function rate(milestoneId: string, d: Delivery, resident: number, score: number, comment: string | null = null, hidden = false) {
  const { household, user } = d.residents[resident];
  await db()
    .insert(milestoneRatings)
    .values({ milestoneId, householdId: household.id, ratedBy: user.id, score, comment, hiddenAt: hidden ? new Date() : null, hiddenBy: hidden ? d.staffUser.id : null, hiddenReason: hidden ? "与项目无关" : null });
}

/** A second project of community a, born of a marketplace agreement on a 养老服务 service need. */
async function mealsProject(): Promise<string> {
  const need = await createServiceNeed({ communityId: a.community.id, postedByOrgId: a.funder!.id, createdBy: a.staffUser.id, title: "老年人助餐服务" });
  await db().update(serviceNeeds).set({ category: "elderly_care", status: "selected" }).where(eq(serviceNeeds.id, need.id));
  const [proposal] = await db().insert(proposals).values({ id: newId(), serviceNeedId: need.id, orgId: a.provider.id, status: "selected", createdBy: a.reporterUser.id }).returning();
  const [agreement] = await db()
    .insert(serviceAgreements)
    .values({ id: newId(), serviceNeedId: need.id, proposalId: proposal.id, purchaserOrgId: a.funder!.id, providerOrgId: a.provider.id, amountFen: 200_000n, periodStart: "2026-04-01", periodEnd: "2026-12-31", status: "accepted" })
    .returning();
  const [project] = await db()
    .insert(projects)
    .values({ id: newId(), title: "老年人助餐服务", communityId: a.community.id, providerOrgId: a.provider.id, sourceType: "agreement", sourceId: agreement.id, agreementId: agreement.id, amountFen: 200_000n, funderOrgId: a.funder!.id, scopePlaceId: a.community.id, status: "active", createdAt: new Date("2026-04-01T02:00:00Z") })
    .returning();
  await db().insert(milestones).values({ id: newId(), projectId: project.id, position: 1, title: "全年助餐", dueDate: "2026-12-31", paymentShareBp: 10_000, amountFen: 200_000n, deliverables: [], status: "accepted" });
  return project.id;
}

const staffOf = (d: Delivery) => signedIn(app, d.staffUser.phone!, TEST_PASSWORD);

describe("a community's staff see their projects in figures", () => {
  it("counts projects by status, sums money paid and payable in fen by category, and counts only accepted reports", async () => {
    const { figures } = (await communityDashboard(a.community.id, {}))!;
    expect(figures.projectsByStatus).toEqual({ contracting: 0, active: 2, completed: 0, terminated: 0 });
    expect(figures.money).toEqual({ paidFen: 150_000n, payableFen: 200_000n });
    expect(figures.moneyByCategory).toEqual([
      { category: "elderly_care", paidFen: 0n, payableFen: 200_000n },
      { category: "public_facilities", paidFen: 150_000n, payableFen: 0n },
    ]);
    // The latest accepted version of each report: v1 sent back and the unaccepted v2 count for nothing.
    expect(figures.beneficiaries).toBe(163);
    expect(figures.beneficiariesByGroup).toEqual([
      { group: "80岁以上老人", count: 150 },
      { group: "残疾人", count: 8 },
      { group: FORMULA_GROUP, count: 5 },
    ]);
    expect(figures.serviceHoursTenths).toBe(165);
  });

  it("averages every household's score per project and over the community, a hidden comment's score included", async () => {
    const { figures } = (await communityDashboard(a.community.id, {}))!;
    expect(figures.rating).toEqual({ averageTenths: 40, count: 4 });
    expect(figures.ratingsByProject).toEqual([
      { projectId: mealsId, title: "老年人助餐服务", communityId: a.community.id, averageTenths: 30, count: 1 },
      { projectId: lampsId, title: "移民小区路灯维修", communityId: a.community.id, averageTenths: 43, count: 3 },
    ]);
  });

  it("lists the overdue milestone with its project and due date", async () => {
    const { figures } = (await communityDashboard(a.community.id, {}))!;
    expect(figures.overdue).toEqual({ count: 1, milestones: [expect.objectContaining({ title: "第2阶段", dueDate: "2026-01-15", projectId: lampsId, projectTitle: "移民小区路灯维修" })] });
  });

  it("filters by category, by project status, and by day in China time (payments by the day released, the rest by the day the project was born)", async () => {
    const elderly = (await communityDashboard(a.community.id, { category: "elderly_care" }))!.figures;
    expect(elderly.money).toEqual({ paidFen: 0n, payableFen: 200_000n });
    expect(elderly.projectsByStatus.active).toBe(1);
    expect(elderly.beneficiaries).toBe(35);
    expect(elderly.overdue.count).toBe(0);

    // Paid at 01:30 on 11 March in China: not on the 10th, but on the 11th.
    expect((await communityDashboard(a.community.id, { to: "2026-03-10" }))!.figures.money).toEqual({ paidFen: 0n, payableFen: 0n });
    expect((await communityDashboard(a.community.id, { from: "2026-03-11", to: "2026-03-11" }))!.figures.money).toEqual({ paidFen: 150_000n, payableFen: 0n });

    const april = (await communityDashboard(a.community.id, { from: "2026-04-01" }))!.figures;
    expect(april.money).toEqual({ paidFen: 0n, payableFen: 200_000n });
    expect(april.projectsByStatus.active).toBe(1);
    expect(april.rating).toEqual({ averageTenths: 30, count: 1 });

    const completed = (await communityDashboard(a.community.id, { status: "completed" }))!.figures;
    expect(completed.projectsByStatus).toEqual({ contracting: 0, active: 0, completed: 0, terminated: 0 });
    expect(completed.money).toEqual({ paidFen: 0n, payableFen: 0n });
  });

  it("shows the page with the charts, each a figure with a caption, a named image and the same numbers as a table", async () => {
    const staff = await staffOf(a);
    const res = await staff.get(`/community/${a.community.id}/dashboard`);
    expect(res.status).toBe(200);
    const page = await res.text();
    for (const figure of ["项目数据看板", "¥1,500.00", "¥2,000.00", "163 人次", "16.5 小时", "4.0 分（4 次评价）"]) expect(page).toContain(figure);
    expect(page).toMatch(/<figure[^>]*><figcaption[^>]*>资金拨付（按服务类别）<\/figcaption>/);
    expect(page).toMatch(/<svg role="img" aria-label="图表“资金拨付（按服务类别）”：养老服务 ¥2,000.00；公共设施 ¥1,500.00"/);
    expect(page).toContain("<summary>查看数据表</summary>");
    // The data table scrolls sideways on a phone, so it takes the keyboard's focus and is named.
    expect(page).toContain('<div class="table-wrap" tabindex="0" role="region" aria-labelledby="chart-money-category-caption">');
    expect(page).not.toContain(RATING_COMMENT);
    expect(page).not.toContain("居民1");
  });

  it("a filter in the address narrows the page; a day that does not exist is dropped, never a 500", async () => {
    const staff = await staffOf(a);
    const filtered = await (await staff.get(`/community/${a.community.id}/dashboard?category=elderly_care`)).text();
    expect(filtered).not.toContain("¥1,500.00");
    expect((await staff.get(`/community/${a.community.id}/dashboard?from=2026-02-30&to=9999-99-99&status=nonsense&category=%3Cscript%3E&communityId=${"x".repeat(500)}`)).status).toBe(200);
  });

  it("is refused to another community's staff, to the street office and to residents; anonymous visitors are sent to log in", async () => {
    const path = `/community/${a.community.id}/dashboard`;
    for (const p of [path, `${path}.csv`]) {
      expect((await (await staffOf(b)).get(p)).status).toBe(403);
      expect((await (await signedIn(app, (await createStreetStaff(a.street.id)).phone!, TEST_PASSWORD)).get(p)).status).toBe(403);
      expect((await (await signedIn(app, a.residents[0].user.phone!, TEST_PASSWORD)).get(p)).status).toBe(403);
      const anonymous = await client(app).get(p);
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    }
  });
});

describe("the CSV export", () => {
  const csvOf = async (d: Delivery, path: string) => {
    const res = await (await staffOf(d)).get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="dashboard-[\w-]+-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // so Excel reads the Chinese as UTF-8
    return new TextDecoder().decode(bytes.slice(3));
  };

  it("carries the figures, one per row, with the header first", async () => {
    const csv = await csvOf(a, `/community/${a.community.id}/dashboard.csv`);
    const lines = csv.trimEnd().split("\r\n");
    const name = a.community.name;
    expect(lines[0]).toBe("figure,community,item,value");
    expect(lines).toEqual(
      expect.arrayContaining([
        `projects,${name},实施中,2`,
        `paid_fen,${name},,150000`,
        `payable_fen,${name},,200000`,
        `paid_fen,${name},公共设施,150000`,
        `payable_fen,${name},养老服务,200000`,
        `beneficiaries,${name},,163`,
        `beneficiaries,${name},80岁以上老人,150`,
        `service_hours,${name},,16.5`,
        `average_rating,${name},,4.0`,
        `ratings,${name},,4`,
        `average_rating,${name},移民小区路灯维修,4.3`,
        `overdue_milestones,${name},,1`,
      ]),
    );
  });

  it("neutralises a cell that a spreadsheet would run as a formula", async () => {
    const csv = await csvOf(a, `/community/${a.community.id}/dashboard.csv`);
    expect(csv).toContain(`beneficiaries,${a.community.name},"'=HYPERLINK(""http://evil.example"")",5`);
    for (const line of csv.split("\r\n")) expect(line, line).not.toMatch(/(^|,)[=+\-@]/);
    expect(["=1+1", "+86", "-5", "@SUM(A1)", "\tx", "普通"].map(csvCell)).toEqual(["'=1+1", "'+86", "'-5", "'@SUM(A1)", "'\tx", "普通"]);
  });

  it("names no resident, household, staff member or reporter, and carries no rating comment or bank reference", async () => {
    const csv = await csvOf(a, `/community/${a.community.id}/dashboard.csv`);
    for (const secret of [RATING_COMMENT, "不好", "居民1", "李社工", "赵项目主管", "1单元101", a.residents[0].household.id, a.residents[0].user.phone!, "HX-2026-0001", "与项目无关"]) {
      expect(csv).not.toContain(secret);
    }
  });

  it("follows the page's filters", async () => {
    const csv = await csvOf(a, `/community/${a.community.id}/dashboard.csv?category=public_facilities`);
    expect(csv).toContain(`paid_fen,${a.community.name},,150000`);
    expect(csv).toContain(`payable_fen,${a.community.name},,0`);
    expect(csv).not.toContain("养老服务");
  });
});

describe("the street office sees every community of its street, and only those", () => {
  it("adds up the street's communities and breaks the figures down by community", async () => {
    const { communities, figures } = (await streetDashboard(a.street.id, {}))!;
    expect(communities.map((x) => x.id).sort()).toEqual([a.community.id, b.community.id].sort());
    expect(figures.money).toEqual({ paidFen: 450_000n, payableFen: 200_000n });
    expect(figures.projectsByStatus).toEqual({ contracting: 0, active: 2, completed: 1, terminated: 0 });
    expect(figures.beneficiaries).toBe(203);
    expect(figures.rating).toEqual({ averageTenths: 40, count: 4 });
    const byId = Object.fromEntries(figures.byCommunity.map((x) => [x.communityId, x]));
    expect(byId[a.community.id]).toMatchObject({ paidFen: 150_000n, payableFen: 200_000n, beneficiaries: 163, serviceHoursTenths: 165, averageRatingTenths: 40, ratings: 4, overdue: 1 });
    expect(byId[b.community.id]).toMatchObject({ paidFen: 300_000n, payableFen: 0n, beneficiaries: 40, serviceHoursTenths: 60, averageRatingTenths: null, ratings: 0, overdue: 0 });
    expect(byId[b.community.id].projects.completed).toBe(1);
    expect(figures.moneyByCategory).toEqual([
      { category: "other", paidFen: 300_000n, payableFen: 0n },
      { category: "elderly_care", paidFen: 0n, payableFen: 200_000n },
      { category: "public_facilities", paidFen: 150_000n, payableFen: 0n },
    ]);
  });

  it("narrows to one of its communities; a community of another street is not a choice", async () => {
    const onlyB = (await streetDashboard(a.street.id, { communityId: b.community.id }))!;
    expect(onlyB.figures.money).toEqual({ paidFen: 300_000n, payableFen: 0n });
    expect(onlyB.figures.byCommunity.map((x) => x.communityId)).toEqual([b.community.id]);
    const elsewhere = (await streetDashboard(a.street.id, { communityId: c.community.id }))!;
    expect(elsewhere.filter.communityId).toBeUndefined();
    expect(elsewhere.figures.money).toEqual({ paidFen: 450_000n, payableFen: 200_000n });
  });

  it("shows the page and the CSV to the street's staff, and refuses another street's staff and the communities' staff", async () => {
    const streetStaff = await signedIn(app, (await createStreetStaff(a.street.id)).phone!, TEST_PASSWORD);
    const page = await streetStaff.get(`/street/${a.street.id}/dashboard`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(a.community.name);
    expect(html).toContain(b.community.name);
    expect(html).not.toContain(c.community.name);
    expect(html).toContain("¥4,500.00");
    expect(html).toContain("资金拨付（按社区）");

    const csv = await streetStaff.get(`/street/${a.street.id}/dashboard.csv`);
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain(`paid_fen,${b.community.name},,300000`);
    expect(text).not.toContain(c.community.name);

    const otherStreet = await signedIn(app, (await createStreetStaff(c.street.id)).phone!, TEST_PASSWORD);
    for (const p of [`/street/${a.street.id}/dashboard`, `/street/${a.street.id}/dashboard.csv`]) {
      expect((await otherStreet.get(p)).status).toBe(403);
      expect((await (await staffOf(a)).get(p)).status).toBe(403);
      expect((await client(app).get(p)).status).toBe(302);
    }
  });
});

describe("anyone sees a community's totals on its public page", () => {
  it("gives projects by status, money released, people served, the households' average rating and overdue milestones", async () => {
    expect(await communityTotals(a.community.id)).toEqual({
      projectsByStatus: { contracting: 0, active: 2, completed: 0, terminated: 0 },
      releasedFen: 350_000n,
      paidFen: 150_000n,
      beneficiaries: 163,
      serviceHoursTenths: 165,
      rating: { averageTenths: 40, count: 4 },
      overdueMilestones: 1,
    });
    const page = await (await client(app).get(`/c/${a.community.id}`)).text();
    for (const figure of ["项目成效", "实施中 2", "¥3,500.00", "其中已支付 ¥1,500.00", "163 人次", "4.0 分（4 次评价）"]) expect(page).toContain(figure);
    for (const secret of [RATING_COMMENT, "居民1", "李社工", "1单元101", "HX-2026-0001"]) expect(page).not.toContain(secret);
  });

  it("says plainly when a community has no project yet", async () => {
    const page = await (await client(app).get(`/c/${a.street.id}`)).text();
    expect(page).not.toContain("项目成效"); // a street is not a community: no page at all
    const empty = await deliveryProject();
    await db().delete(milestones).where(eq(milestones.projectId, empty.project.id));
    await db().delete(projects).where(eq(projects.id, empty.project.id));
    expect(await (await client(app).get(`/c/${empty.community.id}`)).text()).toContain("本社区还没有项目。");
  });
});
