import type { z } from "zod";
import {
  assertNotLocked,
  clearFailures,
  findUserForLogin,
  recordFailure,
  slowdownMs,
  startSession,
  throttleKeys,
  verifyPassword,
} from "~/utils/auth.server";
import { AppError } from "~/utils/errors";
import type { logInSchema } from "./schemas";

// Compared against when the account does not exist, so that a wrong number and a wrong password take as long.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$6b5gF7AyydWZNbYol9UmFg$Xou3J18auYNsp191fF+DkGZeDr/nKrw1eOsi3Eoiv8M";

/** Checks the password and opens a new session; returns the session cookie. */
export async function logIn(input: z.infer<typeof logInSchema>, clientAddress: string): Promise<{ userId: string; cookie: string }> {
  const identifier = input.contact.phone ?? input.contact.email ?? "";
  const keys = throttleKeys(identifier, clientAddress);
  const failures = await assertNotLocked(keys);
  const wait = slowdownMs(failures);
  if (wait) await new Promise((r) => setTimeout(r, wait));

  const user = await findUserForLogin(input.contact);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !ok) {
    await recordFailure(keys);
    throw new AppError("bad_input", { message: "auth.wrongCredentials" });
  }
  await clearFailures(keys);
  return { userId: user.id, cookie: await startSession(user.id) };
}
