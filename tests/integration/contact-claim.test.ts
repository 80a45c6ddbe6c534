// Someone who signed up first with another person's number, and never proved it, does not keep it
// from its owner: the owner proves the number by code at sign-up and it moves to them (issue 10, defect 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, messageOutbox, sessions, users } from "@db/schema";
import { signUp } from "~/domains/accounts/sign-up.server";
import { createUser, refusalOf, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

/** The messages sent to `to`, newest first (the outbox stands in for the SMS gateway and mail server). */
const sentTo = (to: string) => db().select().from(messageOutbox).where(eq(messageOutbox.to, to)).orderBy(desc(messageOutbox.createdAt));
async function codeSentTo(to: string): Promise<string> {
  const code = (await sentTo(to))[0]?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];
const byPhone = async (phone: string) => (await db().select().from(users).where(eq(users.phone, phone)))[0];

let addressCounter = 0;
const freshAddress = () => `10.88.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;
const owner = (phone: string, code?: string) => ({ contact: { phone }, displayName: "真正的机主", password: "owners-password-1", passwordConfirm: "owners-password-1", ...(code ? { code } : {}) });

describe("signing up with a number someone else signed up with but never proved", () => {
  it("the owner is sent a code, types it, and the number is theirs and verified; the squatter loses it and is told at their email; one audit row says so", async () => {
    const squatter = await createUser({ name: "抢注的人", phone: "13766660001", email: "squatter-1@example.cn", verified: false });
    const first = await refusalOf(signUp(owner("13766660001"), freshAddress()));
    expect(first.fieldErrors).toEqual({ code: "accounts.claim.typeCode" });
    expect((await byPhone("13766660001")).id).toBe(squatter.id);

    const { userId } = await signUp(owner("13766660001", await codeSentTo("13766660001")), freshAddress());
    const mine = await userRow(userId);
    expect(mine).toMatchObject({ phone: "13766660001", displayName: "真正的机主" });
    expect(mine.phoneVerifiedAt).not.toBeNull();
    expect(await userRow(squatter.id)).toMatchObject({ phone: null, email: "squatter-1@example.cn", contactLostAt: null });
    const [told] = await sentTo("squatter-1@example.cn");
    expect(told.body).toContain("13766660001");
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, squatter.id), eq(auditLog.action, "account.contact_claimed")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: userId, detail: { channel: "phone", claimedBy: userId } });
  });

  it("through the sign-up page: the code field appears with a Chinese notice, and the owner is signed in with the number verified", async () => {
    await createUser({ phone: "13766660002", verified: false });
    const c = client(app);
    const form = { contact: "13766660002", displayName: "机主本人", password: "owners-password-1", passwordConfirm: "owners-password-1" };
    const asked = await c.post("/signup", form, { "x-forwarded-for": freshAddress() });
    expect(asked.status).toBe(422);
    const html = await asked.text();
    expect(html).toContain("这个手机号或邮箱有人注册过，但从未验证");
    expect(html).toContain(`name="code"`);
    const done = await c.post("/signup?redirectTo=%2Fneeds", { ...form, code: await codeSentTo("13766660002") }, { "x-forwarded-for": freshAddress() });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/needs");
    expect((await byPhone("13766660002")).displayName).toBe("机主本人");
  });

  it("a squatter whose only contact was that number keeps no way in: no contact, signed out everywhere", async () => {
    const squatter = await createUser({ phone: "13766660003", verified: false });
    await signedIn(app, "13766660003", TEST_PASSWORD);
    expect(await db().select().from(sessions).where(eq(sessions.userId, squatter.id))).toHaveLength(1);
    await refusalOf(signUp(owner("13766660003"), freshAddress()));
    await signUp(owner("13766660003", await codeSentTo("13766660003")), freshAddress());
    const after = await userRow(squatter.id);
    expect(after).toMatchObject({ phone: null, email: null });
    expect(after.contactLostAt).not.toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.userId, squatter.id))).toHaveLength(0);
  });

  it("a wrong code moves nothing, and a number its holder has proved stays theirs without any code being sent", async () => {
    const squatter = await createUser({ phone: "13766660004", verified: false });
    await refusalOf(signUp(owner("13766660004"), freshAddress()));
    const code = await codeSentTo("13766660004");
    const wrong = await refusalOf(signUp(owner("13766660004", String((Number(code) + 1) % 1_000_000).padStart(6, "0")), freshAddress()));
    expect(wrong.fieldErrors).toEqual({ code: "accounts.code.wrongShort" });
    expect((await byPhone("13766660004")).id).toBe(squatter.id);

    const holder = await createUser({ phone: "13766660005" });
    const taken = await refusalOf(signUp(owner("13766660005"), freshAddress()));
    expect(taken.fieldErrors).toEqual({ contact: "accounts.contactTaken" });
    const guessed = await refusalOf(signUp(owner("13766660005", "123456"), freshAddress()));
    expect(guessed.fieldErrors).toEqual({ contact: "accounts.contactTaken" });
    expect(await sentTo("13766660005")).toHaveLength(0);
    expect((await byPhone("13766660005")).id).toBe(holder.id);
  });
});
