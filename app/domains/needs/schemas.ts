// Forms of the needs area (民事民提, 三事分流, search); used by the browser and the server alike.
// Messages are locale keys, shown beside the field in the reader's language.
import { z } from "zod";
import type { NeedStatus } from "@db/schema";
import { contact } from "~/domains/accounts/schemas";
import { rowId } from "~/domains/places/schemas";
import { NEED_CATEGORIES } from "./categories";
import { NEED_STATUSES } from "./states";

export const MAX_PHOTOS = 9;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const INBOX_PAGE_SIZE = 20;

const text = (min: number, max: number, tooShort: string) =>
  z.string({ error: "errors.required" }).trim().min(1, "errors.required").min(min, tooShort).max(max, "errors.tooLong");

const ticked = z
  .literal("on", { error: "errors.invalid" })
  .optional()
  .transform((v) => v === "on");

export const raiseNeedSchema = z.object({
  title: text(4, 60, "needs.titleTooShort").refine((v) => !/[\n\r\t]/.test(v), "errors.invalid"),
  description: text(10, 2000, "needs.descriptionTooShort"),
  category: z.enum(NEED_CATEGORIES as [string, ...string[]], { error: "needs.chooseCategory" }).transform((v) => v as (typeof NEED_CATEGORIES)[number]),
  // A grid or building of the community; absent: the community as a whole.
  placeId: rowId().optional(),
  isPublic: ticked,
});

/** Staff file a need at the counter for a registered resident, found by phone or email. */
export const fileForResidentSchema = raiseNeedSchema.extend({ resident: contact });

export const TRIAGE_CLASSES = ["small", "big", "private"] as const;
export type TriageClass = (typeof TRIAGE_CLASSES)[number];

export const triageSchema = z
  .object({
    triage: z.enum(TRIAGE_CLASSES, { error: "needs.chooseTriage" }),
    note: z.string().trim().max(500, "errors.tooLong").optional(),
  })
  // 大事 go to the street and 私事 to someone else: both need a word on why and to whom.
  .refine((v) => v.triage === "small" || !!v.note, { path: ["note"], message: "needs.noteRequired" });

export const mergeSchema = z.object({
  targetId: rowId("needs.chooseMergeTarget"),
});

export const SORTS = ["newest", "oldest"] as const;
export type NeedSort = (typeof SORTS)[number];

/** Status filter values: one status, or every status ("all"). */
export const STATUS_FILTERS = ["all", ...NEED_STATUSES] as const;

const page = z.coerce.number({ error: "errors.invalid" }).int().min(1).max(500).catch(1);
/** A search query: short, on one line; whitespace separates words that must all occur. */
const query = z
  .string()
  .transform((v) => v.replace(/\s+/g, " ").trim().slice(0, 40))
  .optional()
  .transform((v) => v || undefined);

/** The filters of the public list and the inboxes, from the URL; a bad value falls back to the default. */
export const needFilterSchema = z.object({
  q: query,
  category: z.enum(NEED_CATEGORIES as [string, ...string[]]).optional().catch(undefined).transform((v) => v as (typeof NEED_CATEGORIES)[number] | undefined),
  placeId: rowId().optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  sort: z.enum(SORTS).catch("newest").default("newest"),
  page: page.default(1),
});

export type RaiseNeedInput = z.infer<typeof raiseNeedSchema>;
export type FileForResidentInput = z.infer<typeof fileForResidentSchema>;
export type TriageInput = z.infer<typeof triageSchema>;
export type NeedFilter = z.infer<typeof needFilterSchema>;

export function statusOf(filter: NeedFilter["status"]): NeedStatus | undefined {
  return filter && filter !== "all" ? filter : undefined;
}
