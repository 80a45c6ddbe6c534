// The proposal form (投标方案), shared by the browser and the server. A draft may be incomplete;
// what makes it submittable (sums, range, shares, dates, answers) is checked by completenessErrors.
// Its rows arrive as `budget.0.amount`, `milestones.1.deliverables.0.target` and `answers.<id>`,
// made into lists and records by the app's one form decoder (~/utils/form-decoder).
import { z } from "zod";
import { parseYuan } from "~/utils/money";
import { isRealDay } from "~/utils/time";

export const BUDGET_CATEGORIES = ["personnel", "activities", "materials", "admin"] as const;
export const FULL_SHARE_BP = 10_000;
export const MAX_ROWS = 20;

const text = (max: number) => z.string().trim().max(max, "errors.tooLong");
const required = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong");

/** Yuan as typed ("1,234.50") → integer fen. */
export const yuan = z
  .string({ error: "errors.required" })
  .transform((value, ctx) => {
    const fen = parseYuan(value);
    if (fen === null || fen <= 0n) {
      ctx.addIssue({ code: "custom", message: "proposals.amountInvalid" });
      return z.NEVER;
    }
    return fen;
  });

/** A percentage with up to two decimals ("33.33") → basis points. */
const percent = z.string({ error: "errors.required" }).transform((value, ctx) => {
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(value.replace(/[%\s]/g, ""));
  const bp = match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : NaN;
  if (!(bp > 0 && bp <= FULL_SHARE_BP)) {
    ctx.addIssue({ code: "custom", message: "proposals.shareInvalid" });
    return z.NEVER;
  }
  return bp;
});

// A calendar date that exists (JavaScript would roll 2026-02-30 over; PostgreSQL refuses it).
const isoDate = z
  .string({ error: "errors.required" })
  .refine((v) => isRealDay(v), "proposals.dateInvalid");

const deliverable = z.object({
  indicator: required(40),
  target: z.preprocess((v) => (v === undefined ? undefined : Number(v)), z.number({ error: "proposals.targetInvalid" }).int("proposals.targetInvalid").positive("proposals.targetInvalid").max(10_000_000, "proposals.targetInvalid")),
  unit: required(10),
});

export const proposalSchema = z.object({
  approach: text(5000).default(""),
  // The total as the organisation states it; the budget lines must add up to it.
  total: yuan.optional(),
  budget: z
    .array(z.object({ category: z.enum(BUDGET_CATEGORIES, { error: "proposals.chooseCategory" }), description: required(100), amount: yuan }))
    .max(MAX_ROWS, "proposals.tooManyRows")
    .default([]),
  team: z.array(z.object({ userId: z.string().max(64).optional(), name: required(40), role: required(40) })).max(MAX_ROWS, "proposals.tooManyRows").default([]),
  milestones: z
    .array(z.object({ title: required(80), dueDate: isoDate, share: percent, deliverables: z.preprocess((v) => v ?? [], z.array(deliverable).min(1, "proposals.deliverableRequired").max(10, "proposals.tooManyRows")) }))
    .max(12, "proposals.tooManyRows")
    .default([]),
  answers: z.record(z.string().max(64), text(3000)).default({}),
});

export type ProposalInput = z.infer<typeof proposalSchema>;

export const reasonsSchema = z.object({
  proposalId: z.string({ error: "proposals.chooseProposal" }).min(1, "proposals.chooseProposal").max(64),
  reasons: required(2000),
});

export const councilSchema = z.object({
  approvedOn: isoDate,
  minuteRef: required(80),
});

export const shortlistSchema = z.object({ proposalId: z.string().min(1).max(64) });
