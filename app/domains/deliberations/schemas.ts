// Forms of 民事民议/民决, shared by the browser and the server. Messages are locale keys.
import { z } from "zod";
import { rowId, singleLine } from "~/domains/places/schemas";
import { fromShanghaiLocal } from "./window";

export const THRESHOLDS = ["simple_majority", "two_thirds"] as const;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 6;
/** The options offered when staff start a new deliberation (DESIGN.md §3). */
export const DEFAULT_OPTIONS = ["每户分摊", "申请社区微基金", "发布服务需求", "不处理"];

/** A repeated form field: absent → [], one value → [value]. */
const repeated = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(item));

/** A time as a datetime-local control sends it (China Standard Time), e.g. 2026-11-23T20:00. */
const localDateTime = z
  .string({ error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/, "deliberations.timeInvalid")
  .transform((value, ctx) => {
    const date = fromShanghaiLocal(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "deliberations.timeInvalid" });
      return z.NEVER;
    }
    return date;
  });

const optionLabel = singleLine(40);

export const deliberationSchema = z
  .object({
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
  );

export const voteSchema = z.object({ optionId: rowId("deliberations.chooseOption") });

export const paperVoteSchema = z.object({
  householdId: rowId("deliberations.chooseHousehold"),
  optionId: rowId("deliberations.chooseOption"),
});

export const commentSchema = z.object({
  body: z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(500, "errors.tooLong"),
});

export type DeliberationInput = z.infer<typeof deliberationSchema>;
export type VoteInput = z.infer<typeof voteSchema>;
export type PaperVoteInput = z.infer<typeof paperVoteSchema>;
export type CommentInput = z.infer<typeof commentSchema>;
