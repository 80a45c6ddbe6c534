// One-time codes sent by text or email: they prove a person holds a number or an address
// (docs/decisions/0011-contact-verification.md). 6 digits, 10 minutes, 5 tries; only a hash is kept.
import { createHash, randomInt, timingSafeEqual } from "node:crypto";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { oneTimeCodes } from "@db/schema";
import { sendMessage } from "~/domains/notifications/mailer.server";
import { isLocale, translate, type MessageKey } from "~/locales";
import { AppError, badInput, conflict } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { countHit } from "~/utils/rate-limit.server";

export const CODE_MINUTES = 10;
export const CODE_TRIES = 5;
export const CODES_PER_HOUR = 5;
export const CODES_PER_ADDRESS_PER_HOUR = 20;

export type CodePurpose = (typeof oneTimeCodes.$inferSelect)["purpose"];

const MESSAGE: Record<CodePurpose, MessageKey> = {
  verify_contact: "accounts.code.verifyMessage",
  sign_in: "accounts.code.signInMessage",
};

const hashOf = (codeId: string, code: string) => createHash("sha256").update(`${codeId}:${code}`).digest();

/**
 * Counts a code sent to `contact` from `clientAddress`: one a minute and five an hour per number
 * or address, twenty an hour per client address. Called before anything else is looked up, so the
 * answer does not tell whether an account exists.
 */
export async function throttleCodes(contact: string, clientAddress: string) {
  await countHit(
    [
      { key: `code-minute:${contact}`, limit: 1, windowSeconds: 60 },
      { key: `code-hour:${contact}`, limit: CODES_PER_HOUR, windowSeconds: 3600 },
      { key: `code-address:${clientAddress}`, limit: CODES_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 },
    ],
    "accounts.code.tooSoon",
  );
}

/** Sends a new code for `purpose` to the account's `contact` (any earlier one stops working). Throttle first. */
export async function sendCode(options: { userId: string; purpose: CodePurpose; contact: string; locale: string }) {
  const { userId, purpose, contact } = options;
  const locale = isLocale(options.locale) ? options.locale : "zh-CN";
  const code = randomInt(0, 1_000_000).toString().padStart(6, "0");
  const id = newId();
  const text = translate(locale, MESSAGE[purpose], { code, minutes: CODE_MINUTES });
  const email = contact.includes("@");
  await db().transaction(async (tx) => {
    await tx
      .update(oneTimeCodes)
      .set({ consumedAt: new Date() })
      .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, purpose), eq(oneTimeCodes.contact, contact), isNull(oneTimeCodes.consumedAt)));
    await tx.insert(oneTimeCodes).values({
      id,
      userId,
      purpose,
      contact,
      codeHash: hashOf(id, code).toString("hex"),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000),
    });
    await sendMessage(tx, {
      channel: email ? "email" : "sms",
      to: contact,
      subject: translate(locale, "accounts.code.subject"),
      body: email ? text : `【三社联动】${text}`,
      secret: true,
    });
  });
}

/**
 * Checks a code typed by the person. A try is taken before comparing, by one UPDATE … RETURNING,
 * and commits whatever the caller does next: parallel guesses get no more than CODE_TRIES between
 * them. Returns the code's id, to be spent with `spendCode` in the caller's transaction.
 */
export async function checkCode(options: { userId: string; purpose: CodePurpose; contact: string; code: string }): Promise<string> {
  const { userId, purpose, contact } = options;
  const [live] = await db()
    .select({ id: oneTimeCodes.id, codeHash: oneTimeCodes.codeHash })
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, userId),
        eq(oneTimeCodes.purpose, purpose),
        eq(oneTimeCodes.contact, contact),
        isNull(oneTimeCodes.consumedAt),
        gt(oneTimeCodes.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1);
  if (!live) throw badInput({ code: "accounts.code.expired" });
  const [taken] = await db()
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(and(eq(oneTimeCodes.id, live.id), lt(oneTimeCodes.attempts, CODE_TRIES)))
    .returning({ attempts: oneTimeCodes.attempts });
  if (!taken) throw badInput({ code: "accounts.code.noTriesLeft" });
  if (!timingSafeEqual(hashOf(live.id, options.code), Buffer.from(live.codeHash, "hex"))) {
    const left = CODE_TRIES - taken.attempts;
    if (left === 0) throw badInput({ code: "accounts.code.noTriesLeft" });
    throw new AppError("bad_input", { message: "accounts.code.wrong", params: { left }, fieldErrors: { code: "accounts.code.wrongShort" } });
  }
  return live.id;
}

/** Uses a checked code up, in the transaction that does what it allowed; a code works once. */
export async function spendCode(tx: Tx, codeId: string) {
  const [used] = await tx
    .update(oneTimeCodes)
    .set({ consumedAt: new Date() })
    .where(and(eq(oneTimeCodes.id, codeId), isNull(oneTimeCodes.consumedAt)))
    .returning({ id: oneTimeCodes.id });
  if (!used) throw conflict("accounts.code.expired");
}
