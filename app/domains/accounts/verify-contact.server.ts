import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { checkCode, sendCode, spendCode, throttleCodes } from "./one-time-codes.server";
import type { ContactChannel } from "./schemas";

/** The account's number or address on this channel, and whether it is proved yet. */
async function contactOf(userId: string, channel: ContactChannel) {
  const [me] = await db()
    .select({ phone: users.phone, email: users.email, phoneVerifiedAt: users.phoneVerifiedAt, emailVerifiedAt: users.emailVerifiedAt, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) throw notFound();
  const contact = channel === "phone" ? me.phone : me.email;
  if (!contact) throw badInput({ channel: "accounts.verify.noSuchContact" });
  return { contact, verified: (channel === "phone" ? me.phoneVerifiedAt : me.emailVerifiedAt) !== null, locale: me.locale };
}

/** Sends a code to the signed-in person's own number or address, to prove they hold it. */
export async function sendVerificationCode(options: { actor: Actor | null; channel: ContactChannel; clientAddress: string }): Promise<{ sentTo: string } | { alreadyVerified: true }> {
  const { actor } = options;
  authorize(actor, "account.use");
  const { contact, verified, locale } = await contactOf(actor.userId, options.channel);
  if (verified) return { alreadyVerified: true };
  await throttleCodes(contact, options.clientAddress);
  await sendCode({ userId: actor.userId, purpose: "verify_contact", contact, locale });
  return { sentTo: contact };
}

/** The person types the code they received: from now on invitations and household links may reach them. */
export async function verifyContact(options: { actor: Actor | null; channel: ContactChannel; code: string }): Promise<void> {
  const { actor, channel } = options;
  authorize(actor, "account.use");
  const { contact, verified } = await contactOf(actor.userId, channel);
  if (verified) return;
  const codeId = await checkCode({ userId: actor.userId, purpose: "verify_contact", contact, code: options.code });
  await db().transaction(async (tx) => {
    await spendCode(tx, codeId);
    await tx
      .update(users)
      .set(channel === "phone" ? { phoneVerifiedAt: new Date() } : { emailVerifiedAt: new Date() })
      .where(eq(users.id, actor.userId));
    await recordAudit(tx, { actorId: actor.userId, action: "account.verify_contact", entityType: "user", entityId: actor.userId, toState: "verified", detail: { channel } });
  });
}
