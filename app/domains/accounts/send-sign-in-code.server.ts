import { findUserForLogin } from "~/utils/auth.server";
import { sendCode, throttleCodes } from "./one-time-codes.server";
import type { SignInCodeInput } from "./schemas";

/**
 * Sends a sign-in code to a number or address, if an account has proved it holds it: the owner of
 * an account locked by someone else's guesses signs in with it (see logIn). The answer is the same
 * whether or not there is such an account, so the form tells a stranger nothing.
 */
export async function sendSignInCode(input: SignInCodeInput, clientAddress: string): Promise<void> {
  const contact = input.contact.phone ?? input.contact.email ?? "";
  await throttleCodes(contact, clientAddress);
  const user = await findUserForLogin(input.contact);
  if (user?.contactVerified) await sendCode({ userId: user.id, purpose: "sign_in", contact, locale: user.locale });
}
