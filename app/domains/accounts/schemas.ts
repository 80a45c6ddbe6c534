// Forms of the accounts area; used by the browser and the server alike.
import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "~/utils/passwords";

/** A mainland mobile number: 11 digits starting 1[3-9]; "+86", spaces and dashes are allowed and dropped. */
export const mainlandMobile = z
  .string()
  .transform((v) => v.replace(/[\s-]/g, "").replace(/^(\+?86)/, ""))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, "accounts.phoneInvalid"));

export const emailAddress = z
  .string()
  .max(254, "errors.tooLong")
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email("accounts.emailInvalid"));

/** Phone or email, told apart by the @. */
export const contact = z.string({ error: "errors.required" }).min(1, "errors.required").transform((value, ctx) => {
  const parsed = value.includes("@") ? emailAddress.safeParse(value) : mainlandMobile.safeParse(value);
  if (!parsed.success) {
    ctx.addIssue({ code: "custom", message: value.includes("@") ? "accounts.emailInvalid" : "accounts.contactInvalid" });
    return z.NEVER;
  }
  return value.includes("@") ? { email: parsed.data } : { phone: parsed.data };
});

export const password = z
  .string({ error: "errors.required" })
  .min(8, "accounts.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "errors.tooLong");

/** A password being checked (at sign-in, or the current one when changing it): any length up to the limit. */
const passwordToCheck = z.string({ error: "errors.required" }).min(1, "errors.required").max(PASSWORD_MAX_LENGTH, "errors.tooLong");

/** A one-time code as typed: spaces dropped, six digits. */
export const oneTimeCode = z
  .string({ error: "errors.required" })
  .transform((v) => v.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "accounts.code.malformed"));

export const signUpSchema = z
  .object({
    contact,
    displayName: z.string({ error: "errors.required" }).min(1, "errors.required").max(40, "errors.tooLong"),
    password,
    passwordConfirm: z.string({ error: "errors.required" }),
    // Asked for only when the contact is held by an account that never proved it (the code moves it here).
    code: oneTimeCode.optional(),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "accounts.passwordMismatch" });

export const logInSchema = z.object({
  contact,
  password: passwordToCheck,
  // Sent only by the owner of a locked account, from their verified number or address.
  code: oneTimeCode.optional(),
});

export const signInCodeSchema = z.object({ contact });

export const contactChannel = z.enum(["phone", "email"], { error: "errors.invalid" });

export const sendVerificationSchema = z.object({ channel: contactChannel });

export const verifyContactSchema = z.object({ channel: contactChannel, code: oneTimeCode });

export const changePasswordSchema = z
  .object({
    currentPassword: passwordToCheck,
    newPassword: password,
    newPasswordConfirm: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], message: "accounts.passwordMismatch" });

export type ContactChannel = z.infer<typeof contactChannel>;
export type SignInCodeInput = z.infer<typeof signInCodeSchema>;
