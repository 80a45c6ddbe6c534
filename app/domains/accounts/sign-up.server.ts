import { and, eq, isNull } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@db/client";
import { sessions, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { sendMessage } from "~/domains/notifications/mailer.server";
import { isLocale, translate } from "~/locales";
import { hashPassword } from "~/utils/auth.server";
import { AppError, badInput, isAppError } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { countHit } from "~/utils/rate-limit.server";
import { checkCode, sendCode, spendCode, throttleCodes } from "./one-time-codes.server";
import type { signUpSchema } from "./schemas";

/** Sign-ups from one client address in an hour: each runs an argon2 hash, and accounts are not free to make in bulk. */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;

type SignUpInput = z.infer<typeof signUpSchema> & { locale?: string };

/**
 * Opens an account with an unproved number or email and sends a code to it; the person verifies it
 * next (invitations and household links wait for that). A contact held by an account that never
 * proved it is not taken: the newcomer proves it by code here and it moves to them (`claimContact`).
 */
export async function signUp(input: SignUpInput, clientAddress: string): Promise<{ userId: string; verified: boolean }> {
  await countHit([{ key: `signup-address:${clientAddress}`, limit: SIGN_UPS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 }]);
  const contact = input.contact.phone ?? input.contact.email ?? "";
  const holder = await unprovedHolderOf("phone" in input.contact ? "phone" : "email", contact);
  if (holder) return claimContact(input, contact, holder.id, clientAddress);
  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  const inserted = await db().transaction(async (tx) => {
    // "on conflict do nothing" so two sign-ups racing for one number end in one account and one clear message.
    const rows = await tx
      .insert(users)
      .values({
        id: userId,
        phone: "phone" in input.contact ? input.contact.phone : null,
        email: "email" in input.contact ? input.contact.email : null,
        displayName: input.displayName,
        passwordHash,
        locale: input.locale ?? "zh-CN",
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, { actorId: userId, action: "account.sign_up", entityType: "user", entityId: userId, toState: "active" });
    return true;
  });
  if (!inserted) throw badInput({ contact: "accounts.contactTaken" });
  try {
    await throttleCodes(contact, clientAddress);
    await sendCode({ userId, purpose: "verify_contact", contact, locale: input.locale ?? "zh-CN" });
  } catch (error) {
    // The account stands; the verify page sends another code once the limit allows.
    if (!isAppError(error) || error.code !== "rate_limited") throw error;
  }
  return { userId, verified: false };
}

/** The account holding this number or email without having proved it, if any. */
async function unprovedHolderOf(channel: "phone" | "email", contact: string) {
  const [holder] = await db()
    .select({ id: users.id })
    .from(users)
    .where(channel === "phone" ? and(eq(users.phone, contact), isNull(users.phoneVerifiedAt)) : and(eq(users.email, contact), isNull(users.emailVerifiedAt)));
  return holder ?? null;
}

/**
 * Someone signed up first with this contact and never proved it. Without a code, one is sent to the
 * contact and the form asks for it; with the right code, in one transaction, the contact leaves
 * the old account (told at its email, if it keeps one; signed out and without a way in, if this
 * was its last contact), the new account opens with it verified, and the audit log says who took it.
 * The code is the old account's own verify code: proving the contact is the same act whoever asks.
 */
async function claimContact(input: SignUpInput, contact: string, holderId: string, clientAddress: string): Promise<{ userId: string; verified: boolean }> {
  const locale = isLocale(input.locale) ? input.locale : "zh-CN";
  if (!input.code) {
    await throttleCodes(contact, clientAddress);
    await sendCode({ userId: holderId, purpose: "verify_contact", contact, locale });
    throw new AppError("bad_input", { message: "accounts.claim.codeSent", params: { contact }, fieldErrors: { code: "accounts.claim.typeCode" } });
  }
  const codeId = await checkCode({ userId: holderId, purpose: "verify_contact", contact, code: input.code });
  const passwordHash = await hashPassword(input.password);
  const channel = "phone" in input.contact ? "phone" : "email";
  const userId = newId();
  await db().transaction(async (tx) => {
    await spendCode(tx, codeId);
    const [old] = await tx
      .select({ phone: users.phone, email: users.email, phoneVerifiedAt: users.phoneVerifiedAt, emailVerifiedAt: users.emailVerifiedAt, locale: users.locale })
      .from(users)
      .where(eq(users.id, holderId))
      .for("update");
    const stillUnproved = channel === "phone" ? old?.phone === contact && !old.phoneVerifiedAt : old?.email === contact && !old.emailVerifiedAt;
    if (!old || !stillUnproved) throw badInput({ contact: "accounts.contactTaken" });
    const kept = channel === "phone" ? old.email : old.phone;
    await tx
      .update(users)
      .set({ ...(channel === "phone" ? { phone: null } : { email: null }), ...(kept ? {} : { contactLostAt: new Date() }) })
      .where(eq(users.id, holderId));
    // With no contact left nobody can sign in to it again; end the sessions it has.
    if (!kept) await tx.delete(sessions).where(eq(sessions.userId, holderId));
    const now = new Date();
    await tx.insert(users).values({
      id: userId,
      ...(channel === "phone" ? { phone: contact, phoneVerifiedAt: now } : { email: contact, emailVerifiedAt: now }),
      displayName: input.displayName,
      passwordHash,
      locale,
    });
    await recordAudit(tx, { actorId: userId, action: "account.sign_up", entityType: "user", entityId: userId, toState: "active", detail: { channel, verified: true } });
    await recordAudit(tx, { actorId: userId, action: "account.contact_claimed", entityType: "user", entityId: holderId, detail: { channel, claimedBy: userId } });
    if (old.email && channel === "phone") {
      const theirs = isLocale(old.locale) ? old.locale : "zh-CN";
      await sendMessage(tx, {
        channel: "email",
        to: old.email,
        subject: translate(theirs, "accounts.claim.lostSubject"),
        body: translate(theirs, "accounts.claim.lostBody", { contact }),
      });
    }
  });
  return { userId, verified: true };
}
