import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, messageOutbox, sessions, users } from "@db/schema";
import { LOCK_AFTER } from "~/utils/auth.server";
import { PASSWORD_MAX_LENGTH } from "~/utils/passwords";
import { createUser, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

describe("signing up", () => {
  it("a resident signs up with a mainland mobile number and is signed in, with a hashed password and an audit row", async () => {
    const c = client(app);
    const res = await c.post("/signup", { contact: "+86 138-0013-8000", displayName: "王阿姨", password: "a-long-password", passwordConfirm: "a-long-password" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account/verify?redirectTo=%2Faccount");
    const [user] = await db().select().from(users).where(eq(users.phone, "13800138000"));
    expect(user.displayName).toBe("王阿姨");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const page = await c.get("/account");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("王阿姨");
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, user.id));
    expect(audit.map((a) => a.action)).toContain("account.sign_up");
  });

  it("sets the session cookie HttpOnly and SameSite=Lax", async () => {
    const res = await client(app).post("/signup", { contact: "cookie@example.cn", displayName: "饼干", password: "a-long-password", passwordConfirm: "a-long-password" });
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("sanshe_session="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a bad number, a short password and a mismatch beside each field, in Chinese, writing nothing", async () => {
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(users);
    const res = await client(app).post("/signup", { contact: "12345", displayName: "", password: "short", passwordConfirm: "other" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("请输入 11 位中国大陆手机号或有效的电子邮箱");
    expect(html).toContain("请填写此项");
    expect(html).toContain("密码至少需要 8 位");
    const after = await db().select({ n: sql<number>`count(*)::int` }).from(users);
    expect(after[0].n).toBe(before[0].n);
  });

  it("refuses a second account for the same email with a clear message", async () => {
    await createUser({ email: "taken@example.cn" });
    const res = await client(app).post("/signup", { contact: "Taken@Example.cn", displayName: "重复", password: "a-long-password", passwordConfirm: "a-long-password" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("该手机号或邮箱已注册");
  });
});

describe("logging in and out", () => {
  it("gives a new session id at every login and ends the session on the server at logout", async () => {
    const user = await createUser();
    const first = await signedIn(app, user.phone!, TEST_PASSWORD);
    const second = await signedIn(app, user.phone!, TEST_PASSWORD);
    expect(first.cookie).not.toBe(second.cookie);
    const rows = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(2);

    const out = await first.post("/logout", {});
    expect(out.status).toBe(302);
    const left = await db().select().from(sessions).where(eq(sessions.userId, user.id));
    expect(left).toHaveLength(1);
    expect((await first.get("/account")).status).toBe(302);
  });

  it("says the credentials are wrong without telling which one", async () => {
    const user = await createUser();
    const wrongPassword = await client(app).post("/login", { contact: user.phone!, password: "not-the-password" });
    const noAccount = await client(app).post("/login", { contact: "13711112222", password: "not-the-password" });
    for (const res of [wrongPassword, noAccount]) {
      expect(res.status).toBe(422);
      expect(await res.text()).toContain("手机号/邮箱或密码不正确");
    }
  });

  it("slows repeated failures and then refuses the account for a while, even with the right password", async () => {
    const user = await createUser();
    const c = client(app);
    for (let i = 0; i < LOCK_AFTER; i++) await c.post("/login", { contact: user.phone!, password: "guess-" + i }, { "x-forwarded-for": `10.0.0.${i}` });
    const res = await c.post("/login", { contact: user.phone!, password: TEST_PASSWORD }, { "x-forwarded-for": "10.0.0.99" });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/登录失败次数过多，此账户的密码登录暂停 \d+ 分钟/);
  });

  it("twenty wrong passwords sent at once get no more than five of them checked", async () => {
    const user = await createUser();
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client(app).post("/login", { contact: user.phone!, password: `guess-${i}` }, { "x-forwarded-for": `10.20.0.${i}` })),
    );
    const checked = burst.filter((res) => res.status === 422).length;
    expect(checked).toBeLessThanOrEqual(LOCK_AFTER);
    expect(burst.filter((res) => res.status === 429)).toHaveLength(20 - checked);
  });

  it("the owner of an account locked by a stranger's guesses signs in with a code sent to their verified number", async () => {
    const user = await createUser();
    for (let i = 0; i < LOCK_AFTER; i++) await client(app).post("/login", { contact: user.phone!, password: `stranger-${i}` }, { "x-forwarded-for": `10.30.0.${i}` });
    const owner = client(app);
    const ownAddress = { "x-forwarded-for": "10.30.1.1" };
    const locked = await owner.post("/login", { contact: user.phone!, password: TEST_PASSWORD }, ownAddress);
    expect(locked.status).toBe(429);
    expect(await locked.text()).toContain("用验证码登录");

    const asked = await owner.post("/login?intent=code", { contact: user.phone! }, ownAddress);
    expect(asked.status).toBe(200);
    const [text] = await db().select().from(messageOutbox).where(eq(messageOutbox.to, user.phone!));
    const code = text.body.match(/\d{6}/)![0];
    const wrongPassword = await owner.post("/login", { contact: user.phone!, password: "stranger-x", code }, ownAddress);
    expect(wrongPassword.status).toBe(422);
    const res = await owner.post("/login", { contact: user.phone!, password: TEST_PASSWORD, code }, ownAddress);
    expect(res.status).toBe(302);
    expect((await owner.get("/account")).status).toBe(200);
  });

  it("sends no sign-in code to a number its account has not verified, and answers just the same", async () => {
    const squatter = await createUser({ verified: false });
    const res = await client(app).post("/login?intent=code", { contact: squatter.phone! }, { "x-forwarded-for": "10.31.0.1" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("如果该手机号或邮箱已注册并验证");
    expect(await db().select().from(messageOutbox).where(eq(messageOutbox.to, squatter.phone!))).toHaveLength(0);
  });

  it("refuses a password longer than any real one without hashing it", async () => {
    const user = await createUser();
    const started = Date.now();
    const res = await client(app).post("/login", { contact: user.phone!, password: "x".repeat(PASSWORD_MAX_LENGTH + 1) }, { "x-forwarded-for": "10.32.0.1" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("内容过长");
    const signUp = await client(app).post("/signup", { contact: "long.password@example.cn", displayName: "长", password: "x".repeat(100_000), passwordConfirm: "x".repeat(100_000) }, { "x-forwarded-for": "10.32.0.2" });
    expect(signUp.status).toBe(422);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("sends a visitor who is not signed in from a private page to the login page and back", async () => {
    const res = await client(app).get("/account");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("never redirects to another site after login", async () => {
    const user = await createUser();
    const res = await client(app).post("/login?redirectTo=//evil.example", { contact: user.phone!, password: TEST_PASSWORD });
    expect(res.headers.get("location")).toBe("/account");
  });
});

describe("changing the password", () => {
  it("ends every other session of the user and keeps this device signed in", async () => {
    const user = await createUser();
    const phone = await signedIn(app, user.phone!, TEST_PASSWORD);
    const laptop = await signedIn(app, user.phone!, TEST_PASSWORD);
    const res = await laptop.post("/account", { currentPassword: TEST_PASSWORD, newPassword: "new-password-9", newPasswordConfirm: "new-password-9" });
    expect(res.status).toBe(200);
    expect((await phone.get("/account")).status).toBe(302);
    expect((await laptop.get("/account")).status).toBe(200);
    await signedIn(app, user.phone!, "new-password-9");
  });

  it("refuses a wrong current password beside the field", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const res = await c.post("/account", { currentPassword: "nope-nope", newPassword: "new-password-9", newPasswordConfirm: "new-password-9" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("当前密码不正确");
  });
});

describe("changing the password, under guessing", () => {
  it("allows five wrong current passwords, then refuses even the right one for a while", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    for (let i = 0; i < LOCK_AFTER; i++) {
      const res = await c.post("/account", { currentPassword: `guess-${i}`, newPassword: "new-password-9", newPasswordConfirm: "new-password-9" });
      expect(res.status).toBe(422);
    }
    const res = await c.post("/account", { currentPassword: TEST_PASSWORD, newPassword: "new-password-9", newPasswordConfirm: "new-password-9" });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(/当前密码输错次数过多，请 \d+ 分钟后再试/);
    await signedIn(app, user.phone!, TEST_PASSWORD);
  });

  it("refuses a current password of 100,000 characters beside the field, without hashing it", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const res = await c.post("/account", { currentPassword: "x".repeat(100_000), newPassword: "new-password-9", newPasswordConfirm: "new-password-9" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("内容过长");
  });
});

describe("cross-site request forgery", () => {
  it("refuses a POST from another origin and one with no origin at all, in Chinese", async () => {
    const user = await createUser();
    const c = await signedIn(app, user.phone!, TEST_PASSWORD);
    const forged = await c.post("/logout", {}, { origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain("请求来源无法验证");
    const bare = await fetch(`${app.baseUrl}/logout`, { method: "POST", headers: { cookie: c.cookie }, redirect: "manual" });
    expect(bare.status).toBe(403);
    expect((await c.get("/account")).status).toBe(200);
  });
});

describe("language", () => {
  it("switches to English and remembers it in a cookie", async () => {
    const c = client(app);
    const res = await c.post("/lang", { locale: "en", redirectTo: "/login" });
    expect(res.headers.get("location")).toBe("/login");
    const page = await (await c.get("/login")).text();
    expect(page).toContain('lang="en"');
    expect(page).toContain("Mobile number or email");
  });
});

describe("health", () => {
  it("answers 200 with the database's state", async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "up" });
  });

  it("answers a page that does not exist with a friendly Chinese 404", async () => {
    const res = await fetch(`${app.baseUrl}/no/such/page`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("找不到您要的页面或记录");
  });
});

describe("throttling by client address", () => {
  it("locks an address that fails against many accounts, without locking those accounts elsewhere", async () => {
    const { LOCK_AFTER_PER_ADDRESS } = await import("~/utils/auth.server");
    const victim = await createUser();
    const sprayer = client(app);
    const address = { "x-forwarded-for": "10.9.9.9" };
    for (let i = 0; i < LOCK_AFTER_PER_ADDRESS; i++) await sprayer.post("/login", { contact: `1370000${String(i).padStart(4, "0")}`, password: "guess-guess" }, address);
    const fromSprayer = await sprayer.post("/login", { contact: victim.phone!, password: TEST_PASSWORD }, address);
    expect(fromSprayer.status).toBe(429);
    const fromElsewhere = await client(app).post("/login", { contact: victim.phone!, password: TEST_PASSWORD }, { "x-forwarded-for": "10.1.1.1" });
    expect(fromElsewhere.status).toBe(302);
  });
});

describe("the audit log", () => {
  it("is append-only in the database itself: an update or delete is refused", async () => {
    await db().insert(auditLog).values({ action: "test.append", entityType: "test", entityId: "1" });
    const refusal = (query: Promise<unknown>) => query.then(() => "allowed", (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));
    expect(await refusal(db().execute(sql`update audit_log set action = 'forged'`))).toMatch(/append-only: UPDATE refused/);
    expect(await refusal(db().execute(sql`delete from audit_log`))).toMatch(/append-only: DELETE refused/);
  });
});
