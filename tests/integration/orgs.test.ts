// Registering an organisation, the platform admin's review, the notification that follows,
// and what the public may see.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "@db/client";
import { quietLogger } from "@db/migrate";
import { auditLog, memberships, messageOutbox, notifications, organisations, orgServiceAreas, socialWorkerCertificates } from "@db/schema";
import { editOrg } from "~/domains/orgs/edit-org.server";
import { registerOrg } from "~/domains/orgs/register-org.server";
import { rejectOrg } from "~/domains/orgs/reject-org.server";
import { orgSchema } from "~/domains/orgs/schemas";
import { verifyOrg } from "~/domains/orgs/verify-org.server";
import { parseInput } from "~/utils/forms.server";
import { taskList } from "../../workers/run";
import { actorOf, createCommunity, createOrg, createUser, pilotCreditCode, refusalOf, TEST_PASSWORD, validCreditCode } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
let places: Awaited<ReturnType<typeof createCommunity>>;
beforeAll(async () => {
  app = await startTestApp();
  places = await createCommunity("惠景");
});
afterAll(async () => {
  await app.stop();
});

const orgCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(organisations))[0].n;
const runWorker = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger });

function agencyForm(overrides: Record<string, string | string[]> = {}) {
  return {
    name: "无锡市梁溪区向阳社会工作服务中心",
    kind: "social_work_agency",
    registration: "registered",
    creditCode: validCreditCode(),
    placeId: places.community.id,
    serviceAreaIds: [places.community.id, places.street.id],
    contactPhone: "0510-82345678",
    description: "专业社工机构，开展长者照护与青少年服务。",
    ...overrides,
  };
}

/** A pending organisation registered through the domain, with its owner. */
async function pendingOrg(overrides: Record<string, unknown> = {}) {
  const owner = await createUser({ name: "注册人" });
  const input = parseInput(orgSchema, { ...agencyForm(), name: `待审核组织${Math.random().toString(36).slice(2, 8)}`, ...overrides });
  const { orgId } = await registerOrg({ actor: await actorOf(owner), input });
  return { owner, orgId };
}

describe("registering an organisation", () => {
  it("a signed-in person registers a social-work agency with a valid credit code, becomes its owner, and it waits for review with an audit row", async () => {
    const user = await createUser({ name: "周主任" });
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const form = agencyForm();
    const res = await c.post("/orgs/new", form);
    expect(res.status).toBe(302);
    const orgId = res.headers.get("location")!.replace("/orgs/", "");
    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org).toMatchObject({ name: form.name, kind: "social_work_agency", status: "pending", creditCode: form.creditCode, creditCodeChecks: true, contactPhone: "0510-82345678" });
    const [membership] = await db().select().from(memberships).where(eq(memberships.orgId, orgId));
    expect(membership).toMatchObject({ userId: user.id, role: "owner" });
    expect(await db().select().from(orgServiceAreas).where(eq(orgServiceAreas.orgId, orgId))).toHaveLength(2);
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.entityId, orgId));
    expect(audit).toMatchObject({ action: "org.register", actorId: user.id, toState: "pending" });

    const page = await c.get(`/orgs/${orgId}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("本组织正在等待平台审核");
  });

  it("accepts a pilot-era code whose check character does not match, and flags it for manual review in the admin queue", async () => {
    const user = await createUser();
    const code = pilotCreditCode();
    const res = await (await signedIn(app, user.phone!, TEST_PASSWORD)).post("/orgs/new", agencyForm({ name: "惠心园试点赋码服务社", creditCode: code.toLowerCase() }));
    expect(res.status).toBe(302);
    const [org] = await db().select().from(organisations).where(eq(organisations.creditCode, code));
    expect(org).toMatchObject({ status: "pending", creditCodeChecks: false });

    const admin = await createUser({ admin: true, email: "reviewer-1@sanshe.test" });
    const queue = await (await signedIn(app, admin.email!, TEST_PASSWORD)).get("/admin/orgs");
    const html = await queue.text();
    expect(html).toContain("惠心园试点赋码服务社");
    expect(html).toContain("校验码不符，需人工核验");
  });

  it("refuses a malformed credit code beside its field, in Chinese, and writes nothing", async () => {
    const user = await createUser();
    const before = await orgCount();
    const res = await (await signedIn(app, user.phone!, TEST_PASSWORD)).post("/orgs/new", agencyForm({ creditCode: "91110000ABC" }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("统一社会信用代码应为 18 位数字或大写字母");
    expect(await orgCount()).toBe(before);
  });

  it("refuses a credit code another organisation already holds, beside the field", async () => {
    const code = validCreditCode();
    await createOrg({ creditCode: code });
    const user = await createUser();
    const before = await orgCount();
    const res = await (await signedIn(app, user.phone!, TEST_PASSWORD)).post("/orgs/new", agencyForm({ creditCode: code }));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("该统一社会信用代码已被其他组织登记");
    expect(await orgCount()).toBe(before);
  });

  it("answers an empty form with a message beside each required field, never a 500", async () => {
    const user = await createUser();
    const res = await (await signedIn(app, user.phone!, TEST_PASSWORD)).post("/orgs/new", { name: "", kind: "nonsense", registration: "registered", placeId: "", contactPhone: "12" });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const message of ["请填写组织全称", "请选择组织类型", "请填写统一社会信用代码", "请选择所在或管辖地区", "请填写手机号或带区号的固定电话"]) expect(html).toContain(message);
  });

  it("refuses a place that does not exist, and a residents' committee that does not govern a community", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const nowhere = await c.post("/orgs/new", agencyForm({ placeId: "no-such-place" }));
    expect(nowhere.status).toBe(422);
    expect(await nowhere.text()).toContain("请从列表中选择区、街道或社区");
    const committee = await c.post("/orgs/new", agencyForm({ kind: "community_committee", placeId: places.street.id }));
    expect(committee.status).toBe(422);
    expect(await committee.text()).toContain("居委会/村委会请选择所管辖的社区或村");
  });

  it("a community social organisation is filed (备案) with its street: filing number and street, no credit code", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const res = await c.post("/orgs/new", agencyForm({ name: "惠景社区邻里互助队", kind: "social_org", registration: "filed", creditCode: "", filingNumber: "演示街道备字〔2025〕第 003 号", filedWithId: places.street.id }));
    expect(res.status).toBe(302);
    const [org] = await db().select().from(organisations).where(eq(organisations.name, "惠景社区邻里互助队"));
    expect(org).toMatchObject({ registration: "filed", creditCode: null, creditCodeChecks: null, filingNumber: "演示街道备字〔2025〕第 003 号", filedWithId: places.street.id });
    const page = await (await c.get(`/orgs/${org.id}`)).text();
    expect(page).toContain("备案街道");
    expect(page).toContain("惠景街道");
  });

  it("only community social organisations may be filed, and only with a street", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const agency = await c.post("/orgs/new", agencyForm({ registration: "filed", filingNumber: "备字 1 号", filedWithId: places.street.id }));
    expect(await agency.text()).toContain("只有社区社会组织可以备案");
    const community = await c.post("/orgs/new", agencyForm({ kind: "social_org", registration: "filed", filingNumber: "备字 1 号", filedWithId: places.community.id }));
    expect(community.status).toBe(422);
    expect(await community.text()).toContain("请选择一个街道或镇");
  });

  it("an account that has not proved its number or email is told on the form's page to verify first, is sent to verify if it posts anyway, and becomes owner of nothing", async () => {
    const user = await createUser({ name: "未验证的申请人", verified: false });
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const page = await c.get("/orgs/new");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("登记组织前，请先验证您的手机号或邮箱");
    expect(html).toContain(`href="/account/verify?redirectTo=%2Forgs%2Fnew"`);
    expect(html).not.toContain("提交审核");

    const before = await orgCount();
    const res = await c.post("/orgs/new", agencyForm({ name: "冒名登记的社工机构" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account/verify?redirectTo=%2Forgs%2Fnew");
    expect(await orgCount()).toBe(before);
    expect(await db().select().from(memberships).where(eq(memberships.userId, user.id))).toHaveLength(0);
    const verifyPage = await (await c.get("/account/verify?redirectTo=%2Forgs%2Fnew")).text();
    expect(verifyPage).toContain("才能登记组织");

    const refused = await refusalOf(registerOrg({ actor: await actorOf(user), input: parseInput(orgSchema, agencyForm({ name: "绕过页面的登记" })) }));
    expect(refused).toMatchObject({ status: 403, messageKey: "orgs.registerNeedsVerified" });
    expect(await orgCount()).toBe(before);
  });

  it("an account with only its email proved may register", async () => {
    const user = await createUser({ email: `only-email-${Date.now()}@sanshe.test` });
    const res = await (await signedIn(app, user.email!, TEST_PASSWORD)).post("/orgs/new", agencyForm({ name: "邮箱已验证的社工机构" }));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/orgs\//);
  });

  it("sends a visitor who is not signed in to the login page first", async () => {
    const res = await client(app).get("/orgs/new");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Forgs%2Fnew");
  });
});

describe("the platform admin's review", () => {
  it("the admin verifies a pending organisation: the status, an audit row from pending to verified and a notify job commit together", async () => {
    const { orgId } = await pendingOrg();
    const admin = await createUser({ admin: true, email: "reviewer-2@sanshe.test" });
    const res = await (await signedIn(app, admin.email!, TEST_PASSWORD)).post(`/admin/orgs/${orgId}`, { _intent: "verify" });
    expect(res.status).toBe(302);
    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org).toMatchObject({ status: "verified", reviewedBy: admin.id });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, orgId), eq(auditLog.action, "org.verify")));
    expect(audit).toMatchObject({ actorId: admin.id, fromState: "pending", toState: "verified" });
    const jobs = await db().execute<{ payload: { orgAdminsOf: string[]; link: string; key: string } }>(
      // graphile-worker's public view leaves the payload out; its table is the only place to read it.
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify'`,
    );
    expect(jobs.map((j) => j.payload)).toContainEqual(expect.objectContaining({ orgAdminsOf: [orgId], link: `/orgs/${orgId}`, key: `org.verified:${orgId}` }));
  });

  it("someone who is not a platform admin cannot verify, through the page or the domain, and nothing changes", async () => {
    const { orgId, owner } = await pendingOrg();
    const stranger = await createUser();
    const res = await (await signedIn(app, stranger.phone!, TEST_PASSWORD)).post(`/admin/orgs/${orgId}`, { _intent: "verify" });
    expect(res.status).toBe(403);
    await expect(verifyOrg({ actor: await actorOf(owner), orgId })).rejects.toMatchObject({ code: "forbidden" });
    const queue = await (await signedIn(app, stranger.phone!, TEST_PASSWORD)).get("/admin/orgs");
    expect(queue.status).toBe(403);
    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org.status).toBe("pending");
  });

  it("a second decision is refused with a conflict in Chinese", async () => {
    const { orgId } = await pendingOrg();
    const admin = await createUser({ admin: true, email: "reviewer-3@sanshe.test" });
    const c = await signedIn(app, admin.email!, TEST_PASSWORD);
    expect((await c.post(`/admin/orgs/${orgId}`, { _intent: "verify" })).status).toBe(302);
    const again = await c.post(`/admin/orgs/${orgId}`, { _intent: "verify" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("该组织已通过认证，不能再次审核");
    await expect(rejectOrg({ actor: await actorOf(admin), orgId, reason: "迟到的退回" })).rejects.toMatchObject({ code: "conflict", messageKey: "orgs.alreadyVerified" });
    const decisions = await db().select().from(auditLog).where(and(eq(auditLog.entityId, orgId), sql`${auditLog.action} in ('org.verify', 'org.reject')`));
    expect(decisions).toHaveLength(1);
  });

  it("rejecting needs a reason, beside the field; with one, the organisation is told why", async () => {
    const { orgId } = await pendingOrg();
    const admin = await createUser({ admin: true, email: "reviewer-4@sanshe.test" });
    const c = await signedIn(app, admin.email!, TEST_PASSWORD);
    const bare = await c.post(`/admin/orgs/${orgId}`, { _intent: "reject", reason: "  " });
    expect(bare.status).toBe(422);
    expect(await bare.text()).toContain("退回时请填写原因");
    await expect(rejectOrg({ actor: await actorOf(admin), orgId, reason: "" })).rejects.toMatchObject({ code: "bad_input" });
    expect((await db().select().from(organisations).where(eq(organisations.id, orgId)))[0].status).toBe("pending");

    expect((await c.post(`/admin/orgs/${orgId}`, { _intent: "reject", reason: "请补充登记证书扫描件" })).status).toBe(302);
    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org).toMatchObject({ status: "rejected", rejectionReason: "请补充登记证书扫描件" });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, orgId), eq(auditLog.action, "org.reject")));
    expect(audit).toMatchObject({ fromState: "pending", toState: "rejected", detail: { reason: "请补充登记证书扫描件" } });
  });

  it("a rejected organisation corrects its details and resubmits, and is back in the queue", async () => {
    const { orgId, owner } = await pendingOrg();
    const admin = await createUser({ admin: true, email: "reviewer-5@sanshe.test" });
    await rejectOrg({ actor: await actorOf(admin), orgId, reason: "名称与证书不一致" });
    const c = await signedIn(app, owner.phone!, TEST_PASSWORD);
    const page = await (await c.get(`/orgs/${orgId}`)).text();
    expect(page).toContain("名称与证书不一致");
    expect(page).toContain("修改并重新提交审核");

    const res = await c.post(`/orgs/${orgId}/edit`, agencyForm({ name: "无锡市梁溪区向阳社会工作服务中心（更正）" }));
    expect(res.status).toBe(302);
    const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
    expect(org).toMatchObject({ status: "pending", name: "无锡市梁溪区向阳社会工作服务中心（更正）", rejectionReason: null });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, orgId), eq(auditLog.action, "org.resubmit")));
    expect(audit).toMatchObject({ fromState: "rejected", toState: "pending" });
    const queue = await (await signedIn(app, admin.email!, TEST_PASSWORD)).get("/admin/orgs");
    expect(await queue.text()).toContain("向阳社会工作服务中心（更正）");
  });

  it("a verified organisation's registered details are not edited by its members", async () => {
    const { orgId, owner } = await pendingOrg();
    const admin = await createUser({ admin: true, email: "reviewer-6@sanshe.test" });
    await verifyOrg({ actor: await actorOf(admin), orgId });
    const input = parseInput(orgSchema, agencyForm());
    await expect(editOrg({ actor: await actorOf(owner), orgId, input })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a platform admin who is a member of the organisation cannot review it", async () => {
    const admin = await createUser({ admin: true, email: "reviewer-7@sanshe.test" });
    const input = parseInput(orgSchema, agencyForm({ name: "管理员自己的组织" }));
    const { orgId } = await registerOrg({ actor: await actorOf(admin), input });
    await expect(verifyOrg({ actor: await actorOf(admin), orgId })).rejects.toMatchObject({ code: "forbidden", messageKey: "orgs.ownOrgReview" });
  });

  it("a review page for an organisation that does not exist is a 404", async () => {
    const admin = await createUser({ admin: true, email: "reviewer-8@sanshe.test" });
    const res = await (await signedIn(app, admin.email!, TEST_PASSWORD)).get("/admin/orgs/00000000-0000-4000-8000-000000000000");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("找不到您要的页面或记录");
  });
});

describe("the organisation is told of the decision", () => {
  it("after verification the worker gives the owner an in-app notification and a text message, once however often it runs", async () => {
    const { orgId, owner } = await pendingOrg({ name: "通知测试社工服务中心" });
    const plainMember = await createUser();
    await db().insert(memberships).values({ orgId, userId: plainMember.id, role: "member" });
    const admin = await createUser({ admin: true, email: "reviewer-9@sanshe.test" });
    await verifyOrg({ actor: await actorOf(admin), orgId });

    await runWorker();
    const mine = await db().select().from(notifications).where(eq(notifications.userId, owner.id));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: "org.verified", title: "通知测试社工服务中心 已通过认证", link: `/orgs/${orgId}` });
    const texts = await db().select().from(messageOutbox).where(eq(messageOutbox.to, owner.phone!));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ channel: "sms" });
    expect(texts[0].body).toContain(`/orgs/${orgId}`);
    expect(await db().select().from(notifications).where(eq(notifications.userId, plainMember.id))).toHaveLength(0);

    await runWorker();
    expect(await db().select().from(notifications).where(eq(notifications.userId, owner.id))).toHaveLength(1);
    expect(await db().select().from(messageOutbox).where(eq(messageOutbox.to, owner.phone!))).toHaveLength(1);

    const inbox = await (await signedIn(app, owner.phone!, TEST_PASSWORD)).get("/notifications");
    expect(await inbox.text()).toContain("通知测试社工服务中心 已通过认证");
  });
});

describe("what the public sees", () => {
  it("/orgs lists verified organisations, searchable by name and filterable by kind, and never pending ones", async () => {
    await createOrg({ name: "梁溪区阳光助老服务社", kind: "social_org", status: "verified", creditCode: validCreditCode() });
    await createOrg({ name: "梁溪区阳光社工服务中心", kind: "social_work_agency", status: "verified", creditCode: validCreditCode() });
    await createOrg({ name: "梁溪区阳光待审服务社", kind: "social_org", status: "pending" });
    const all = await (await fetch(`${app.baseUrl}/orgs?q=阳光`)).text();
    expect(all).toContain("梁溪区阳光助老服务社");
    expect(all).toContain("梁溪区阳光社工服务中心");
    expect(all).not.toContain("梁溪区阳光待审服务社");
    const agencies = await (await fetch(`${app.baseUrl}/orgs?q=${encodeURIComponent("阳光")}&kind=social_work_agency`)).text();
    expect(agencies).toContain("梁溪区阳光社工服务中心");
    expect(agencies).not.toContain("梁溪区阳光助老服务社");
    const odd = await fetch(`${app.baseUrl}/orgs?kind=nonsense&page=-3`);
    expect(odd.status).toBe(200);
  });

  it("an organisation's page shows its full name, code, kind, service areas and certified staff, and nothing personal", async () => {
    const owner = await createUser({ name: "钱秀兰", phone: "13912345678" });
    const worker = await createUser({ name: "孙社工", email: "sun.worker@example.cn" });
    const code = validCreditCode();
    const org = await createOrg({ name: "梁溪区公开页测试社工中心", kind: "social_work_agency", status: "verified", creditCode: code, placeId: places.community.id, members: [[owner.id, "owner"], [worker.id, "member"]] });
    await db().update(organisations).set({ contactPhone: "13987654321", description: "为社区长者提供上门探访。" }).where(eq(organisations.id, org.id));
    await db().insert(orgServiceAreas).values({ orgId: org.id, placeId: places.street.id });
    await db().insert(socialWorkerCertificates).values({ id: crypto.randomUUID(), userId: worker.id, orgId: org.id, level: "intermediate", number: "2020320213000777", status: "verified" });

    const res = await fetch(`${app.baseUrl}/orgs/${org.id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const shown of ["梁溪区公开页测试社工中心", code, "社工机构", "惠景街道", "为社区长者提供上门探访。", "持证社工", "1 人"]) expect(html).toContain(shown);
    for (const personal of ["钱秀兰", "13912345678", "孙社工", "sun.worker@example.cn", "13987654321", "2020320213000777"]) expect(html).not.toContain(personal);
  });

  it("a pending or rejected organisation is a 404 to strangers and visitors, and visible to its members and platform admins", async () => {
    const { orgId, owner } = await pendingOrg({ name: "尚未公开的服务社" });
    const stranger = await createUser();
    const admin = await createUser({ admin: true, email: "reviewer-10@sanshe.test" });
    expect((await fetch(`${app.baseUrl}/orgs/${orgId}`)).status).toBe(404);
    const strangerView = await (await signedIn(app, stranger.phone!, TEST_PASSWORD)).get(`/orgs/${orgId}`);
    expect(strangerView.status).toBe(404);
    expect(await strangerView.text()).not.toContain("尚未公开的服务社");
    expect((await (await signedIn(app, stranger.phone!, TEST_PASSWORD)).get(`/orgs/${orgId}/manage`)).status).toBe(404);
    expect((await (await signedIn(app, owner.phone!, TEST_PASSWORD)).get(`/orgs/${orgId}`)).status).toBe(200);
    expect((await (await signedIn(app, admin.email!, TEST_PASSWORD)).get(`/orgs/${orgId}`)).status).toBe(200);

    await rejectOrg({ actor: await actorOf(admin), orgId, reason: "材料不全" });
    expect((await fetch(`${app.baseUrl}/orgs/${orgId}`)).status).toBe(404);
  });

  it("an organisation id that does not exist is a friendly 404", async () => {
    const res = await fetch(`${app.baseUrl}/orgs/not-an-org`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("找不到您要的页面或记录");
  });
});
