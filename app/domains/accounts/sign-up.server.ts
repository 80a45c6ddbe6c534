import type { z } from "zod";
import { db } from "@db/client";
import { users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { hashPassword } from "~/utils/auth.server";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { signUpSchema } from "./schemas";

export async function signUp(input: z.infer<typeof signUpSchema> & { locale?: string }): Promise<{ userId: string }> {
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
  return { userId };
}
