// Forms of the marketplace's service-need side (post, extend, withdraw, Q&A, browse, saved
// searches); used by the browser and the server alike. Messages are locale keys.
import { z } from "zod";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { rowId } from "~/domains/places/schemas";
import type { NeedCategory } from "@db/schema";
import { parseYuan } from "~/utils/money";
import { isRealDay as isRealDayIn } from "~/utils/time";

export const FUNDING_SOURCES = ["micro_fund", "government_purchase", "grant", "self_raised"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const MAX_QUESTIONS = 10;
export const MARKET_PAGE_SIZE = 20;

const text = (min: number, max: number) =>
  z.string({ error: "errors.required" }).trim().min(1, "errors.required").min(min, "marketplace.tooShort").max(max, "errors.tooLong");

const category = z
  .enum(NEED_CATEGORIES as [string, ...string[]], { error: "marketplace.chooseCategory" })
  .transform((v) => v as NeedCategory);

const yuan = z
  .string({ error: "errors.required" })
  .transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0n) {
      ctx.addIssue({ code: "custom", message: "marketplace.amountInvalid" });
      return z.NEVER;
    }
    return fen;
  });

/** A calendar day that exists, in the century services are bought in. */
const isRealDay = (value: string) => isRealDayIn(value, { from: "2000", before: "2100" });

export const isoDate = z
  .string({ error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "marketplace.dateInvalid")
  .refine(isRealDay, "marketplace.dateInvalid");

/** A `datetime-local` value, read as China time (UTC+8) wherever the server runs. */
export function chinaDateTime(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/.test(value) || !isRealDay(value.slice(0, 10))) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The same instant as a `datetime-local` value in China time, for the form's default. */
export function toChinaDateTimeInput(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

const deadline = z.string({ error: "errors.required" }).transform((v, ctx) => {
  const date = chinaDateTime(v);
  if (!date) {
    ctx.addIssue({ code: "custom", message: "marketplace.dateInvalid" });
    return z.NEVER;
  }
  return date;
});

const ticked = z
  .literal("on", { error: "errors.invalid" })
  .optional()
  .transform((v) => v === "on");

// A phone number in the group's name is personal data on a public page: refused.
const beneficiaryGroup = text(2, 60).refine((v) => !/\d{7,}/.test(v), "marketplace.groupNoPersonalData");

/** One question per line; blank lines dropped. */
const questions = z
  .string()
  .optional()
  .transform((v) => (v ?? "").split(/\r?\n/).map((q) => q.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(200, "errors.tooLong")).max(MAX_QUESTIONS, "marketplace.tooManyQuestions"));

export const serviceNeedSchema = z
  .object({
    title: text(4, 60),
    description: text(10, 3000),
    category,
    // The community itself, or one of its grids or buildings.
    placeId: rowId().optional(),
    needId: rowId().optional(),
    beneficiaryGroup,
    beneficiaryCount: z.coerce.number({ error: "marketplace.countInvalid" }).int("marketplace.countInvalid").min(0, "marketplace.countInvalid").max(10_000_000, "marketplace.countInvalid"),
    periodStart: isoDate,
    periodEnd: isoDate,
    budgetMin: yuan,
    budgetMax: yuan,
    fundingSource: z.enum(FUNDING_SOURCES, { error: "marketplace.chooseFunding" }),
    verifiedOnly: ticked,
    minCertifiedWorkers: z.coerce.number({ error: "marketplace.countInvalid" }).int("marketplace.countInvalid").min(0, "marketplace.countInvalid").max(100, "marketplace.countInvalid").default(0),
    requiredServiceAreaId: rowId().optional(),
    // A minimum public reputation (0–100, from completed projects; docs/decisions/0009-reputation.md), or none.
    minReputation: z.coerce.number({ error: "marketplace.reputationInvalid" }).int("marketplace.reputationInvalid").min(1, "marketplace.reputationInvalid").max(100, "marketplace.reputationInvalid").optional(),
    proposalDeadline: deadline,
    requiresCouncilApproval: ticked,
    questions,
  })
  .superRefine((v, ctx) => {
    if (v.budgetMax < v.budgetMin) ctx.addIssue({ code: "custom", path: ["budgetMax"], message: "marketplace.budgetWrongWay" });
    if (v.periodEnd < v.periodStart) ctx.addIssue({ code: "custom", path: ["periodEnd"], message: "marketplace.periodWrongWay" });
  });

export const extendDeadlineSchema = z.object({ proposalDeadline: deadline });
export const withdrawSchema = z.object({ reason: text(4, 500) });
export const askQuestionSchema = z.object({ question: text(4, 500), orgId: rowId().optional() });
export const answerQuestionSchema = z.object({ clarificationId: rowId(), answer: text(2, 2000) });

const optionalYuan = z
  .string()
  .optional()
  .transform((v) => (v ? (parseYuan(v) ?? undefined) : undefined))
  .catch(undefined);

/** Browse filters from the URL; a bad value falls back to no filter instead of an error. */
export const marketFilterSchema = z.object({
  q: z
    .string()
    .transform((v) => v.replace(/\s+/g, " ").trim().slice(0, 40) || undefined)
    .optional()
    .catch(undefined),
  category: category.optional().catch(undefined),
  placeId: rowId().optional().catch(undefined),
  budgetMin: optionalYuan,
  budgetMax: optionalYuan,
  // Deadline no later than this day (China time).
  deadlineBy: isoDate.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(500).catch(1).default(1),
});

export const savedSearchSchema = z.object({ name: text(1, 40), orgId: rowId().optional() });

export type ServiceNeedInput = z.infer<typeof serviceNeedSchema>;
export type MarketFilter = z.infer<typeof marketFilterSchema>;
