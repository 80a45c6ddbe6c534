// A person proves they hold their number or email with a one-time code (issue 10, defect 4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, messageOutbox, oneTimeCodes, users } from "@db/schema";
import { CODE_TRIES, CODES_PER_ADDRESS_PER_HOUR, CODES_PER_HOUR } from "~/domains/accounts/one-time-codes.server";
import { SIGN_UPS_PER_ADDRESS_PER_HOUR } from "~/domains/accounts/sign-up.server";
import { sendVerificationCode, verifyContact } from "~/domains/accounts/verify-contact.server";
import { actorOf, createUser, refusalOf } from "../factories";
import { client, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

/** The code in the newest text or email to `to` (the outbox stands in for the SMS gateway and mail server). */
async function codeSentTo(to: string): Promise<string> {
  const [message] = await db().select().from(messageOutbox).where(eq(messageOutbox.to, to)).orderBy(desc(messageOutbox.createdAt)).limit(1);
  const code = message?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}

const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** Lets the code to `userId` run out, as ten minutes would. */
async function ageCodes(userId: string, minutes: number) {
  await db().execute(sql`update one_time_codes set expires_at = expires_at - make_interval(mins => ${minutes}), created_at = created_at - make_interval(mins => ${minutes}) where user_id = ${userId}`);
}

/** A different client address for every call, so one test's throttles never reach another's. */
let addressCounter = 0;
const freshAddress = () => `10.77.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

describe("signing up", () => {
  it("a new account is sent a code by text and asked for it; typing it verifies the number, with an audit row", async () => {
    const c = client(app);
    const res = await c.post("/signup?redirectTo=%2Fneeds%2Fnew", { contact: "13655550001", displayName: "刘大姐", password: "a-long-password", passwordConfirm: "a-long-password" }, { "x-forwarded-for": freshAddress() });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account/verify?redirectTo=%2Fneeds%2Fnew");
    const [user] = await db().select().from(users).where(eq(users.phone, "13655550001"));
    expect(user.phoneVerifiedAt).toBeNull();

    const code = await codeSentTo("13655550001");
    const page = await (await c.get("/account/verify?redirectTo=%2Fneeds%2Fnew")).text();
    expect(page).toContain("验证码已发到 13655550001");
    const verified = await c.post("/account/verify?redirectTo=%2Fneeds%2Fnew", { channel: "phone", code });
    expect(verified.status).toBe(302);
    expect(verified.headers.get("location")).toBe("/needs/new");
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after.phoneVerifiedAt).not.toBeNull();
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, user.id), eq(auditLog.action, "account.verify_contact")));
    expect(audit).toHaveLength(1);
    expect(await (await c.get("/account")).text()).toContain("已验证");
  });

  it("only a hash of the code is kept, and a code works once", async () => {
    const user = await createUser({ email: "hash.only@example.cn", verified: false });
    const actor = await actorOf(user);
    await sendVerificationCode({ actor, channel: "email", clientAddress: freshAddress() });
    const code = await codeSentTo("hash.only@example.cn");
    const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id));
    expect(row.codeHash).not.toContain(code);
    expect(row.codeHash).toMatch(/^[0-9a-f]{64}$/);
    await verifyContact({ actor, channel: "email", code });
    await db().update(users).set({ emailVerifiedAt: null }).where(eq(users.id, user.id));
    const again = await refusalOf(verifyContact({ actor, channel: "email", code }));
    expect(again.fieldErrors).toEqual({ code: "accounts.code.expired" });
  });

  it("sign-ups from one client address are limited (each runs an argon2 hash), with a Chinese message", async () => {
    const address = { "x-forwarded-for": freshAddress() };
    for (let i = 0; i < SIGN_UPS_PER_ADDRESS_PER_HOUR; i++) {
      const res = await client(app).post("/signup", { contact: `bulk${i}@example.cn`, displayName: "批量", password: "a-long-password", passwordConfirm: "a-long-password" }, address);
      expect(res.status).toBe(302);
    }
    const refused = await client(app).post("/signup", { contact: "bulk-last@example.cn", displayName: "批量", password: "a-long-password", passwordConfirm: "a-long-password" }, address);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/操作过于频繁，请 \d+ 分钟后再试/);
    expect(await db().select().from(users).where(eq(users.email, "bulk-last@example.cn"))).toHaveLength(0);
    const elsewhere = await client(app).post("/signup", { contact: "bulk-elsewhere@example.cn", displayName: "别处", password: "a-long-password", passwordConfirm: "a-long-password" }, { "x-forwarded-for": freshAddress() });
    expect(elsewhere.status).toBe(302);
  });
});

describe("a code", () => {
  it("is good for ten minutes and no longer", async () => {
    const user = await createUser({ verified: false });
    const actor = await actorOf(user);
    await sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() });
    const code = await codeSentTo(user.phone!);
    await ageCodes(user.id, 10);
    const error = await refusalOf(verifyContact({ actor, channel: "phone", code }));
    expect(error.fieldErrors).toEqual({ code: "accounts.code.expired" });
    const [after] = await db().select().from(users).where(eq(users.id, user.id));
    expect(after.phoneVerifiedAt).toBeNull();
  });

  it("allows five tries: after five wrong ones even the right code is refused", async () => {
    const user = await createUser({ verified: false });
    const actor = await actorOf(user);
    await sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() });
    const code = await codeSentTo(user.phone!);
    for (let i = 1; i < CODE_TRIES; i++) {
      const error = await refusalOf(verifyContact({ actor, channel: "phone", code: wrongCode(code) }));
      expect(error).toMatchObject({ messageKey: "accounts.code.wrong", params: { left: CODE_TRIES - i } });
    }
    expect((await refusalOf(verifyContact({ actor, channel: "phone", code: wrongCode(code) }))).fieldErrors).toEqual({ code: "accounts.code.noTriesLeft" });
    expect((await refusalOf(verifyContact({ actor, channel: "phone", code }))).fieldErrors).toEqual({ code: "accounts.code.noTriesLeft" });
  });

  it("cannot be guessed faster in parallel: twenty guesses at once get five tries between them", async () => {
    const user = await createUser({ verified: false });
    const actor = await actorOf(user);
    await sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() });
    const code = await codeSentTo(user.phone!);
    const guesses = Array.from({ length: 20 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.allSettled(guesses.map((guess) => verifyContact({ actor, channel: "phone", code: guess })));
    const compared = results.filter((r) => r.status === "rejected" && (r.reason as { messageKey?: string }).messageKey === "accounts.code.wrong");
    expect(compared.length).toBeLessThanOrEqual(CODE_TRIES);
    const [row] = await db().select().from(oneTimeCodes).where(eq(oneTimeCodes.userId, user.id));
    expect(row.attempts).toBe(CODE_TRIES);
  });

  it("goes to one number once a minute and five times an hour, with a Chinese message in between", async () => {
    const user = await createUser({ verified: false });
    const actor = await actorOf(user);
    const address = freshAddress();
    await sendVerificationCode({ actor, channel: "phone", clientAddress: address });
    const tooSoon = await refusalOf(sendVerificationCode({ actor, channel: "phone", clientAddress: address }));
    expect(tooSoon).toMatchObject({ code: "rate_limited", messageKey: "accounts.code.tooSoon" });

    // Each minute's window is its own; the hour's counts them all.
    for (let i = 1; i < CODES_PER_HOUR; i++) {
      await db().execute(sql`delete from rate_counters where key like ${`code-minute:${user.phone}`}`);
      await sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() });
    }
    await db().execute(sql`delete from rate_counters where key like ${`code-minute:${user.phone}`}`);
    const sixth = await refusalOf(sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() }));
    expect(sixth.code).toBe("rate_limited");
    const sent = await db().select().from(messageOutbox).where(eq(messageOutbox.to, user.phone!));
    expect(sent).toHaveLength(CODES_PER_HOUR);
  });

  it("goes out from one client address at most twenty times an hour, whatever the numbers", async () => {
    const address = freshAddress();
    for (let i = 0; i < CODES_PER_ADDRESS_PER_HOUR; i++) {
      await sendVerificationCode({ actor: await actorOf(await createUser({ verified: false })), channel: "phone", clientAddress: address });
    }
    const refused = await refusalOf(sendVerificationCode({ actor: await actorOf(await createUser({ verified: false })), channel: "phone", clientAddress: address }));
    expect(refused.code).toBe("rate_limited");
  });

  it("a newer code replaces the one before it", async () => {
    const user = await createUser({ verified: false });
    const actor = await actorOf(user);
    await sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() });
    const first = await codeSentTo(user.phone!);
    await db().execute(sql`delete from rate_counters where key like ${`code-minute:${user.phone}`}`);
    await sendVerificationCode({ actor, channel: "phone", clientAddress: freshAddress() });
    const second = await codeSentTo(user.phone!);
    if (first !== second) expect((await refusalOf(verifyContact({ actor, channel: "phone", code: first }))).messageKey).toBe("accounts.code.wrong");
    await verifyContact({ actor, channel: "phone", code: second });
  });
});
