// The donation form, used by the browser and the server.
import { z } from "zod";
import { rowId, singleLine } from "~/domains/places/schemas";
import { parseYuan } from "~/utils/money";

/** Stripe refuses CNY charges below about US$0.50; ¥4.00 is safely above it. */
export const MIN_DONATION_FEN = 400n;
/** Stripe's largest amount is eight digits in the smallest unit. */
export const MAX_DONATION_FEN = 99_999_999n;
export const PRESET_YUAN = [20, 50, 100, 200, 500] as const;

export const PAYMENT_METHODS = ["card", "alipay", "wechat_pay"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const checkbox = z
  .literal("on", { error: "errors.invalid" })
  .optional()
  .transform((v) => v === "on");

export const donateSchema = z
  .object({
    campaignId: rowId().optional(),
    // A preset ("50") or "custom", with the custom amount typed in yuan.
    preset: z.string().max(20, "errors.invalid").optional(),
    customAmount: z.string().max(30, "errors.invalid").optional(),
    name: singleLine(40).optional(),
    email: z.email("donations.emailInvalid").max(120, "errors.tooLong").optional(),
    message: z.string().trim().max(200, "errors.tooLong").optional(),
    anonymous: checkbox,
    monthly: checkbox,
    method: z.enum(PAYMENT_METHODS, { error: "donations.methodRequired" }),
  })
  .transform((input, ctx) => {
    const text = input.preset && input.preset !== "custom" ? input.preset : input.customAmount;
    const field = input.preset && input.preset !== "custom" ? "preset" : "customAmount";
    const amountFen = text ? parseYuan(text) : null;
    if (!text) ctx.addIssue({ code: "custom", path: [field], message: "donations.amountRequired" });
    else if (amountFen === null) ctx.addIssue({ code: "custom", path: [field], message: "donations.amountInvalid" });
    else if (amountFen < MIN_DONATION_FEN) ctx.addIssue({ code: "custom", path: [field], message: "donations.amountTooSmall" });
    else if (amountFen > MAX_DONATION_FEN) ctx.addIssue({ code: "custom", path: [field], message: "donations.amountTooLarge" });
    // Stripe's subscriptions take cards only: Alipay and WeChat Pay give once.
    if (input.monthly && input.method !== "card") ctx.addIssue({ code: "custom", path: ["method"], message: "donations.monthlyCardOnly" });
    if (amountFen === null || amountFen < MIN_DONATION_FEN || amountFen > MAX_DONATION_FEN) return z.NEVER;
    return {
      campaignId: input.campaignId ?? null,
      amountFen,
      name: input.name ?? null,
      email: input.email?.toLowerCase() ?? null,
      message: input.message || null,
      anonymous: input.anonymous,
      monthly: input.monthly,
      method: input.method,
    };
  });

export type DonateInput = z.infer<typeof donateSchema>;

export const localPaySchema = z.object({
  method: z.enum(PAYMENT_METHODS, { error: "donations.methodRequired" }),
  outcome: z.enum(["pay", "fail", "cancel"], { error: "errors.invalid" }),
});
