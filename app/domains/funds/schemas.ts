// Forms of the funds area (offline income, its review, disbursements, refunds, campaigns, the public
// ledger's filters); used by the browser and the server alike. Messages are locale keys.
import { z } from "zod";
import { rowId, singleLine } from "~/domains/places/schemas";
import { parseYuan } from "~/utils/money";
import { isRealDay } from "~/utils/time";

export const OFFLINE_SOURCES = ["parking", "recycling", "cash_gift", "enterprise_gift", "other"] as const;
export type OfflineSource = (typeof OFFLINE_SOURCES)[number];

/** Income whose payer is named on the public ledger: the community's own operations and companies. A person's gift shows as 匿名. */
export const PUBLIC_PAYER_SOURCES: readonly OfflineSource[] = ["parking", "recycling", "enterprise_gift"];

export const PAYEE_TYPES = ["org", "individual", "other"] as const;
export type PayeeType = (typeof PAYEE_TYPES)[number];

/** What the evidence control offers; the server checks the bytes whatever the browser sends. */
export const EVIDENCE_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf";

export const LEDGER_KINDS = ["donation", "match", "fee", "offline_income", "disbursement", "refund", "match_reversal"] as const;
export const LEDGER_PAGE_SIZE = 50;

/** An amount typed in yuan ("1,234.50", "¥500") → fen, positive and at most ¥100,000,000. */
export const yuanAmount = z
  .string({ error: "errors.required" })
  .trim()
  .min(1, "errors.required")
  .transform((text, ctx) => {
    const fen = parseYuan(text);
    if (fen === null) {
      ctx.addIssue({ code: "custom", message: "funds.amountInvalid" });
      return z.NEVER;
    }
    if (fen <= 0n) {
      ctx.addIssue({ code: "custom", message: "funds.amountPositive" });
      return z.NEVER;
    }
    if (fen > 10_000_000_000n) {
      ctx.addIssue({ code: "custom", message: "funds.amountTooLarge" });
      return z.NEVER;
    }
    return fen;
  });

/** A calendar day as the date control sends it (YYYY-MM-DD), read as that day in Beijing. */
export const beijingDay = (required = "errors.required") =>
  z
    .string({ error: required })
    .trim()
    .min(1, required)
    .transform((day, ctx) => {
      // A transform, not a refine: a day that is no day must stop here, before a form-level check reads it as a Date.
      if (!isRealDay(day)) {
        ctx.addIssue({ code: "custom", message: "funds.dateInvalid" });
        return z.NEVER;
      }
      return new Date(`${day}T00:00:00+08:00`);
    });

const longText = (max: number) => z.string({ error: "errors.required" }).trim().min(1, "errors.required").max(max, "errors.tooLong");
const optionalText = (max: number) => z.string().trim().max(max, "errors.tooLong").optional();

export const recordOfflineIncomeSchema = z
  .object({
    source: z.enum(OFFLINE_SOURCES, { error: "funds.chooseSource" }),
    payerName: singleLine(80),
    amount: yuanAmount,
    receivedOn: beijingDay(),
    description: longText(500),
  })
  .refine((v) => v.receivedOn.getTime() <= Date.now(), { path: ["receivedOn"], message: "funds.dateInFuture" });
export type RecordOfflineIncomeInput = z.infer<typeof recordOfflineIncomeSchema>;



export const disburseSchema = z
  .object({
    payeeType: z.enum(PAYEE_TYPES, { error: "funds.choosePayeeType" }),
    payeeOrgId: rowId().optional(),
    payeeName: singleLine(80).optional(),
    purpose: longText(500),
    amount: yuanAmount,
    authority: z.enum(["deliberation", "board_approval"], { error: "funds.chooseAuthority" }),
    deliberationId: rowId().optional(),
    boardResolution: singleLine(200).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.payeeType === "org" && !v.payeeOrgId) ctx.addIssue({ code: "custom", path: ["payeeOrgId"], message: "funds.choosePayeeOrg" });
    if (v.payeeType !== "org" && !v.payeeName) ctx.addIssue({ code: "custom", path: ["payeeName"], message: "errors.required" });
    if (v.authority === "deliberation" && !v.deliberationId) ctx.addIssue({ code: "custom", path: ["deliberationId"], message: "funds.chooseDeliberation" });
    if (v.authority === "board_approval" && !v.boardResolution) ctx.addIssue({ code: "custom", path: ["boardResolution"], message: "funds.boardResolutionRequired" });
  });
export type DisburseInput = z.infer<typeof disburseSchema>;

/** A second person's decision on a proposed disbursement or refund; a rejection says why. */
const decision = {
  decision: z.enum(["approve", "reject"], { error: "errors.invalid" }),
  reason: optionalText(500),
};
const reasonWhenRejecting = <T extends { decision: string; reason?: string }>(v: T) => v.decision === "approve" || !!v.reason;

// A rejection tells the maker why, so they can correct and record it again.
export const decideOfflineIncomeSchema = z
  .object({ incomeId: rowId(), ...decision })
  .refine(reasonWhenRejecting, { path: ["reason"], message: "funds.rejectionReasonRequired" });

export const decideDisbursementSchema = z
  .object({ disbursementId: rowId(), ...decision })
  .refine(reasonWhenRejecting, { path: ["reason"], message: "funds.rejectionReasonRequired" });
export type DecideOfflineIncomeInput = z.infer<typeof decideOfflineIncomeSchema>;
export type DecideDisbursementInput = z.infer<typeof decideDisbursementSchema>;

export const decideRefundSchema = z
  .object({ refundId: rowId(), ...decision })
  .refine(reasonWhenRejecting, { path: ["reason"], message: "funds.rejectionReasonRequired" });
export type DecideRefundInput = z.infer<typeof decideRefundSchema>;

export const REFUND_TARGETS = ["offline_income", "donation"] as const;
export const refundSchema = z.object({
  targetType: z.enum(REFUND_TARGETS, { error: "errors.invalid" }),
  targetId: rowId("funds.chooseRefundTarget"),
  amount: yuanAmount,
  reason: longText(500),
});
export type RefundInput = z.infer<typeof refundSchema>;

/** The refund form names the kind and the row in one select: "offline_income:<id>" or "donation:<id>". */
export const refundFormSchema = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const { target, ...fields } = raw as Record<string, unknown>;
  if (typeof target !== "string") return fields;
  const at = target.indexOf(":");
  return at < 0 ? { ...fields, targetType: "offline_income" } : { ...fields, targetType: target.slice(0, at), targetId: target.slice(at + 1) };
}, refundSchema);

export const createCampaignSchema = z
  .object({
    title: singleLine(60),
    purpose: longText(2000),
    goal: yuanAmount,
    deadline: beijingDay(),
    needId: rowId().optional(),
    publish: z
      .literal("on", { error: "errors.invalid" })
      .optional()
      .transform((v) => v === "on"),
  })
  .refine((v) => v.deadline.getTime() > Date.now(), { path: ["deadline"], message: "funds.deadlinePast" });
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

/** The public ledger's filters, from the query string; anything unreadable is simply not applied. */
export const ledgerFilterSchema = z.object({
  kind: z.enum(LEDGER_KINDS).optional().catch(undefined),
  from: beijingDay().optional().catch(undefined),
  to: beijingDay().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type LedgerFilter = z.infer<typeof ledgerFilterSchema>;
