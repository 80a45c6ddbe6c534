import { eq } from "drizzle-orm";
import type { z } from "zod";
import { db } from "@db/client";
import { users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { endAllSessions, forgetTries, hashPassword, LOCK_AFTER, startSession, takeTry, verifyPassword, type ThrottleKey } from "~/utils/auth.server";
import { badInput, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import type { changePasswordSchema } from "./schemas";

/**
 * Changes the password, ends every session of the user (other devices too) and opens a fresh one here.
 * The current password is guessed no more freely here than at sign-in: a stolen session is not a way
 * round the sign-in throttle.
 */
export async function changePassword(options: { actor: Actor; input: z.infer<typeof changePasswordSchema> }): Promise<{ cookie: string }> {
  const { actor, input } = options;
  const throttle: ThrottleKey = { key: `pw:${actor.userId}`, lockAfter: LOCK_AFTER, lockedMessage: "accounts.passwordChangeLocked" };
  await takeTry([throttle]);
  const [user] = await db().select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw badInput({ currentPassword: "accounts.currentPasswordWrong" });
  await forgetTries([throttle]);
  const passwordHash = await hashPassword(input.newPassword);
  await db().transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, actor.userId));
    await recordAudit(tx, { actorId: actor.userId, action: "account.change_password", entityType: "user", entityId: actor.userId });
  });
  await endAllSessions(actor.userId);
  return { cookie: await startSession(actor.userId) };
}
