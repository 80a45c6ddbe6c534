// Forms of delivery (milestone reports, reviews, ratings, payments, projects started by residents'
// decisions); used by the browser and the server alike. Messages are locale keys.
import { z } from "zod";
import { rowId, singleLine } from "~/domains/places/schemas";
import { yuanAmount } from "~/domains/funds/schemas";
import { parseYuan } from "~/utils/money";
import { isRealDay } from "~/utils/time";


/** Repeated form fields arrive as a string when there is one and an array when there are more. */
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** A non-negative whole number typed in a form ("1,200" or "１２００" are not accepted: digits only). */
const count = z
  .string()
  .trim()
  .regex(/^\d{1,7}$/, "delivery.countInvalid")
  .transform(Number);

/** Yuan that may be zero (spending on a budget line): fen as a number, at most ¥100,000,000. */
const spentYuan = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const fen = text === "" ? 0n : parseYuan(text);
    if (fen === null || fen > 10_000_000_000n) {
      ctx.addIssue({ code: "custom", message: "delivery.amountInvalid" });
      return z.NEVER;
    }
    return Number(fen);
  });

export const MAX_BENEFICIARY_GROUPS = 8;

export const reportDraftSchema = z
  .object({
    narrative: z.string().trim().max(5000, "errors.tooLong").optional().default(""),
    actual: list(z.string().trim().regex(/^\d{1,7}(\.\d)?$/, "delivery.countInvalid").transform(Number)),
    group: list(z.string().trim().max(40, "errors.tooLong")),
    groupCount: list(z.string().trim()),
    hours: z
      .string()
      .trim()
      .regex(/^\d{1,5}(\.\d)?$/, "delivery.hoursInvalid")
      .transform((h) => Math.round(Number(h) * 10))
      .optional()
      .default(0),
    spent: list(spentYuan),
  })
  .transform((input, ctx) => {
    // Beneficiary rows: a group and a count, both or neither (an empty row is ignored).
    const beneficiaries: { group: string; count: number }[] = [];
    const rows = Math.max(input.group.length, input.groupCount.length);
    for (let i = 0; i < rows; i++) {
      const group = input.group[i] ?? "";
      const raw = input.groupCount[i] ?? "";
      if (!group && !raw) continue;
      const parsed = count.safeParse(raw);
      if (!group) ctx.addIssue({ code: "custom", path: ["group"], message: "delivery.groupRequired" });
      else if (!parsed.success) ctx.addIssue({ code: "custom", path: ["groupCount"], message: "delivery.countInvalid" });
      else beneficiaries.push({ group, count: parsed.data });
    }
    if (beneficiaries.length > MAX_BENEFICIARY_GROUPS) ctx.addIssue({ code: "custom", path: ["group"], message: "delivery.tooManyGroups" });
    return { narrative: input.narrative, actuals: input.actual, beneficiaries, serviceHoursTenths: input.hours, spent: input.spent };
  });
export type ReportDraftInput = z.output<typeof reportDraftSchema>;

const comment = z.string().trim().max(1000, "errors.tooLong").optional();
export const REVIEW_ITEMS = ["narrative", "indicators", "beneficiaries", "spending", "evidence"] as const;

export const requestChangesSchema = z
  .object({ general: comment, narrative: comment, indicators: comment, beneficiaries: comment, spending: comment, evidence: comment })
  .refine((c) => Object.values(c).some((v) => !!v), { message: "delivery.changesNeedComment", path: ["general"] });
export type RequestChangesInput = z.output<typeof requestChangesSchema>;

export const acceptSchema = z.object({ general: comment });

export const ratingSchema = z.object({
  score: z
    .string({ error: "delivery.scoreRequired" })
    .regex(/^[1-5]$/, "delivery.scoreRequired")
    .transform(Number),
  comment: z.string().trim().max(500, "errors.tooLong").optional(),
});
export type RatingInput = z.output<typeof ratingSchema>;

export const hideRatingSchema = z.object({
  ratingId: rowId(),
  reason: singleLine(200),
});

export const bankPaymentSchema = z.object({
  paymentId: rowId(),
  bankReference: z.string().trim().min(4, "delivery.bankReferenceInvalid").max(64, "errors.tooLong").regex(/^[\w\-/.]+$/, "delivery.bankReferenceInvalid"),
});

const ratingBarFields = {
  ratingBar: z.enum(["none", "3.0", "3.5", "4.0"]).optional().default("none"),
  ratingHouseholds: count.optional(),
};
const barNeedsHouseholds: [(p: { ratingBar: string; ratingHouseholds?: number }) => boolean, { message: string; path: string[] }] = [
  (p) => p.ratingBar === "none" || (p.ratingHouseholds ?? 0) >= 1,
  { message: "delivery.ratingHouseholdsRequired", path: ["ratingHouseholds"] },
];

/** The funder's bar for acceptance: an average from at least so many households, or none. */
export const ratingBarSchema = z.object(ratingBarFields).refine(...barNeedsHouseholds);
export type RatingBarInput = z.output<typeof ratingBarSchema>;

/** A project the residents decided to pay from their micro-fund (民事民决 → 民事民办). */
export const startProjectSchema = z
  .object({
    deliberationId: rowId(),
    fundId: rowId(),
    providerOrgId: rowId(),
    title: singleLine(100),
    amount: yuanAmount,
    budgetLabel: singleLine(40),
    milestoneTitle: singleLine(60),
    dueDate: z.string().regex(/^20\d{2}-\d{2}-\d{2}$/, "delivery.dueDateInvalid").refine(isRealDay, "delivery.dueDateInvalid"),
    indicator: singleLine(30),
    target: count,
    unit: singleLine(10),
    evidenceRequired: z.string().trim().max(200, "errors.tooLong").optional().default(""),
    ...ratingBarFields,
  })
  .refine(...barNeedsHouseholds);
export type StartProjectInput = z.output<typeof startProjectSchema>;
