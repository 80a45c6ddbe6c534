import type { z } from "zod";
import { db } from "@db/client";
import {
  accountKey,
  addressKey,
  findUserForLogin,
  forgetTries,
  giveTryBack,
  slowdownMs,
  startSession,
  takeTry,
  verifyPassword,
} from "~/utils/auth.server";
import { AppError, badInput } from "~/utils/errors";
import { checkCode, spendCode } from "./one-time-codes.server";
import type { logInSchema } from "./schemas";

// Compared against when the account does not exist, so that a wrong number and a wrong password take as long.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$6b5gF7AyydWZNbYol9UmFg$Xou3J18auYNsp191fF+DkGZeDr/nKrw1eOsi3Eoiv8M";

/**
 * Checks the password and opens a new session; returns the session cookie. Each try is counted
 * before the password is checked, per address and per account. With a sign-in code sent to the
 * account's verified number or address, the owner gets past the account's lock, which anyone who
 * knows the number can set off (docs/decisions/0011-contact-verification.md).
 */
export async function logIn(input: z.infer<typeof logInSchema>, clientAddress: string): Promise<{ userId: string; cookie: string }> {
  const identifier = input.contact.phone ?? input.contact.email ?? "";
  const address = addressKey(clientAddress);
  const account = accountKey(identifier);

  let codeId: string | null = null;
  let user = null as Awaited<ReturnType<typeof findUserForLogin>>;
  if (input.code) {
    await takeTry([address]);
    user = await findUserForLogin(input.contact);
    if (!user?.contactVerified) throw badInput({ code: "accounts.code.expired" });
    codeId = await checkCode({ userId: user.id, purpose: "sign_in", contact: identifier, code: input.code });
  } else {
    const tries = await takeTry([address, account]);
    const wait = slowdownMs(tries);
    if (wait) await new Promise((r) => setTimeout(r, wait));
    user = await findUserForLogin(input.contact);
  }

  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !ok) throw new AppError("bad_input", { message: "auth.wrongCredentials" });
  if (codeId) await db().transaction((tx) => spendCode(tx, codeId));
  await forgetTries([account]);
  await giveTryBack(address);
  return { userId: user.id, cookie: await startSession(user.id) };
}
