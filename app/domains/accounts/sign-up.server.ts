import type { z } from "zod";
import { db } from "@db/client";
import { users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { hashPassword } from "~/utils/auth.server";
import { badInput, isAppError } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { countHit } from "~/utils/rate-limit.server";
import { sendCode, throttleCodes } from "./one-time-codes.server";
import type { signUpSchema } from "./schemas";

/** Sign-ups from one client address in an hour: each runs an argon2 hash, and accounts are not free to make in bulk. */
export const SIGN_UPS_PER_ADDRESS_PER_HOUR = 10;

/**
 * Opens an account with an unproved number or email and sends a code to it; the person verifies it
 * next (invitations and household links wait for that).
 */
export async function signUp(input: z.infer<typeof signUpSchema> & { locale?: string }, clientAddress: string): Promise<{ userId: string }> {
  await countHit([{ key: `signup-address:${clientAddress}`, limit: SIGN_UPS_PER_ADDRESS_PER_HOUR, windowSeconds: 3600 }]);
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
  const contact = input.contact.phone ?? input.contact.email ?? "";
  try {
    await throttleCodes(contact, clientAddress);
    await sendCode({ userId, purpose: "verify_contact", contact, locale: input.locale ?? "zh-CN" });
  } catch (error) {
    // The account stands; the verify page sends another code once the limit allows.
    if (!isAppError(error) || error.code !== "rate_limited") throw error;
  }
  return { userId };
}
