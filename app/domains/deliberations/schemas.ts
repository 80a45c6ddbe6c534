// Forms of 民事民议/民决, shared by the browser and the server. Messages are locale keys.
import { z } from "zod";
import { yuanAmount } from "~/domains/funds/schemas";
import { rowId, singleLine } from "~/domains/places/schemas";
import { fromShanghaiLocal } from "./window";
import { isRealDay } from "~/utils/time";

export const THRESHOLDS = ["simple_majority", "two_thirds"] as const;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;
/** The options offered when staff start a new deliberation (docs/product.md §3). */
export const DEFAULT_OPTIONS = ["每户分摊", "申请社区微基金", "发布服务需求", "不处理"];

/** A repeated form field: absent → [], one value → [value]. */
const repeated = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(item));

/** A time as a datetime-local control sends it (China Standard Time), e.g. 2026-11-23T20:00. */
const localDateTime = z
  .string({ error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/, "deliberations.timeInvalid")
  .transform((value, ctx) => {
    const date = fromShanghaiLocal(value);
    if (!isRealDay(value.slice(0, 10)) || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "deliberations.timeInvalid" });
      return z.NEVER;
    }
    return date;
  });

const optionLabel = singleLine(40);

/**
 * The form sends each option in its slot: option<n>, and, for an option that spends money,
 * spendFund<n> and spendCeiling<n> (yuan). Blank slots are skipped, so the spending stays with its
 * option. Callers may send `options` as a list instead (with `spending` naming options by index).
 */
function optionsFromSlots(raw: unknown) {
  if (!raw || typeof raw !== "object") return raw;
  const fields = raw as Record<string, unknown>;
  const slots = Array.from({ length: MAX_OPTIONS }, (_, i) => i + 1);
  if (fields.options !== undefined || !slots.some((n) => `option${n}` in fields || `spendFund${n}` in fields)) return raw;
  const options: unknown[] = [];
  const spending: unknown[] = [];
  for (const n of slots) {
    const [label, fundId, ceiling] = [fields[`option${n}`], fields[`spendFund${n}`], fields[`spendCeiling${n}`]];
    if (fundId !== undefined || ceiling !== undefined) spending.push({ option: label === undefined ? -1 : options.length, slot: n, fundId, ceiling });
    if (label !== undefined) options.push(label);
  }
  return { ...fields, options, spending };
}

const spendingItem = z.object({
  option: z.number().int().max(MAX_OPTIONS),
  slot: z.number().int().min(1).max(MAX_OPTIONS).optional(),
  fundId: z.unknown(),
  ceiling: z.unknown(),
});

export const deliberationSchema = z
  .preprocess(
    optionsFromSlots,
    z.object({
    // A further round carries the needs of the round before; a first round names its needs.
    previousRoundId: rowId().optional(),
    needIds: repeated(rowId()).pipe(z.array(z.string()).max(20, "deliberations.tooManyNeeds")),
    question: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(200, "errors.tooLong"),
    options: repeated(optionLabel).pipe(
      z
        .array(z.string())
        .min(MIN_OPTIONS, "deliberations.optionsTooFew")
        .max(MAX_OPTIONS, "deliberations.optionsTooMany")
        .refine((labels) => new Set(labels).size === labels.length, "deliberations.optionsDuplicate"),
    ),
    scopePlaceId: rowId("deliberations.chooseScope"),
    opensAt: localDateTime,
    closesAt: localDateTime,
    quorumPercent: z.preprocess(
      (v) => (v === undefined ? undefined : Number(v)),
      z.number({ error: (issue) => (issue.input === undefined ? "errors.required" : "deliberations.quorumInvalid") }).int("deliberations.quorumInvalid").min(0, "deliberations.quorumInvalid").max(100, "deliberations.quorumInvalid"),
    ),
    threshold: z.enum(THRESHOLDS, { error: "deliberations.chooseThreshold" }),
    // Options that spend from a fund, each with its ceiling (DESIGN: a winning option authorises at most that).
    spending: z.array(spendingItem).max(MAX_OPTIONS, "errors.invalid").optional(),
  })
  // `when`: checked even when other fields are wrong, so every message shows at once; so the
  // values may be unparsed here.
  .check(
    z.refine((input) => !!input.previousRoundId || !!input.needIds?.length, { path: ["needIds"], message: "deliberations.chooseNeeds", when: () => true }),
    z.refine(
      (input) => {
        const { opensAt, closesAt } = input as { opensAt: unknown; closesAt: unknown };
        return !(opensAt instanceof Date && closesAt instanceof Date && closesAt.getTime() <= opensAt.getTime());
      },
      { path: ["closesAt"], message: "deliberations.closesBeforeOpens", when: () => true },
    ),
  )
  .transform((input, ctx) => {
    const spending: OptionSpending[] = [];
    for (const item of input.spending ?? []) {
      const slot = item.slot ?? item.option + 1;
      if (item.option < 0 || item.option >= input.options.length) {
        ctx.addIssue({ code: "custom", path: [`spendFund${slot}`], message: "deliberations.spendWithoutOption" });
        continue;
      }
      const fundId = rowId("deliberations.spendChooseFund").safeParse(item.fundId);
      if (!fundId.success) ctx.addIssue({ code: "custom", path: [`spendFund${slot}`], message: fundId.error.issues[0].message });
      const ceiling = yuanAmount.safeParse(item.ceiling === undefined ? undefined : String(item.ceiling));
      if (!ceiling.success) ctx.addIssue({ code: "custom", path: [`spendCeiling${slot}`], message: ceiling.error.issues[0].message });
      if (fundId.success && ceiling.success) spending.push({ option: item.option, slot, fundId: fundId.data, ceilingFen: ceiling.data });
    }
    if (new Set(spending.map((s) => s.option)).size !== spending.length) ctx.addIssue({ code: "custom", path: ["options"], message: "errors.invalid" });
    return { ...input, spending };
  }),
  );

/** An option that spends money: from which fund, and at most how much (fen). */
export interface OptionSpending {
  /** Index into `options`. */
  option: number;
  /** The form's slot (1–6), for showing an error beside the right field. */
  slot?: number;
  fundId: string;
  ceilingFen: bigint;
}

export const voteSchema = z.object({ optionId: rowId("deliberations.chooseOption") });

export const paperVoteSchema = z.object({
  householdId: rowId("deliberations.chooseHousehold"),
  optionId: rowId("deliberations.chooseOption"),
});

export const commentSchema = z.object({
  body: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(500, "errors.tooLong"),
});

export type DeliberationInput = Omit<z.infer<typeof deliberationSchema>, "spending"> & { spending?: OptionSpending[] };
export type VoteInput = z.infer<typeof voteSchema>;
export type PaperVoteInput = z.infer<typeof paperVoteSchema>;
export type CommentInput = z.infer<typeof commentSchema>;
