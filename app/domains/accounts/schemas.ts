// Forms of the accounts area; used by the browser and the server alike.
import { z } from "zod";

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
  .max(128, "errors.tooLong");

export const signUpSchema = z
  .object({
    contact,
    displayName: z.string({ error: "errors.required" }).min(1, "errors.required").max(40, "errors.tooLong"),
    password,
    passwordConfirm: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], message: "accounts.passwordMismatch" });

export const logInSchema = z.object({
  contact,
  password: z.string({ error: "errors.required" }).min(1, "errors.required").max(128, "errors.tooLong"),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "errors.required" }).min(1, "errors.required"),
    newPassword: password,
    newPasswordConfirm: z.string({ error: "errors.required" }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], message: "accounts.passwordMismatch" });
