// A manager asks for money to be paid back (by bank transfer or in cash) for an approved offline
// income or a donation, with evidence, within policy: not more than what is left of it unrefunded
// (counting refunds still waiting for approval), within 180 days of receiving it, and out of the
// fund's available balance. It waits, outside the ledger, for a second person (decide-refund);
// only approval posts the reversing entry (Dr refunds / Cr cash), and the original stays as it was.
import { and, eq, like, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { donations, journalEntries, journalLines, offlineIncomes, refundRequests } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { accountId, lockFund } from "~/domains/ledger/post-entry.server";
import { AppError, badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { formatFen } from "~/utils/money";
import type { Actor } from "~/utils/permissions.server";
import { authorizeOnFund } from "./access.server";
import { announceWaiting } from "./approval-notices.server";
import { withStoredEvidence, type Evidence } from "./evidence.server";
import type { RefundInput } from "./schemas";
import { spendingLines } from "./spend.server";

export const REFUND_WINDOW_DAYS = 180;
export const MANUAL_REFUND = "manual_refund";

export interface RefundTarget {
  amountFen: bigint;
  /** Refunded already (posted), plus what other requests waiting for approval would refund. */
  claimedFen: bigint;
  receivedAt: Date;
  original: { seq: number; counterparty: string };
}

async function originalEntry(tx: Tx, sourceType: string, sourceId: string) {
  const [entry] = await tx
    .select({ seq: journalEntries.seq, counterparty: journalEntries.counterparty })
    .from(journalEntries)
    .where(and(eq(journalEntries.sourceType, sourceType), eq(journalEntries.sourceId, sourceId), eq(journalEntries.kind, sourceType)));
  return entry ?? null;
}

/** What refund requests on a target still waiting for approval would refund (`besides` left out). */
async function pendingRequests(tx: Tx, fundId: string, target: { type: string; id: string }, besides: string | null) {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${refundRequests.amountFen}), 0)::text` })
    .from(refundRequests)
    .where(
      and(
        eq(refundRequests.fundId, fundId),
        eq(refundRequests.targetType, target.type),
        eq(refundRequests.targetId, target.id),
        eq(refundRequests.status, "pending"),
        besides ? ne(refundRequests.id, besides) : undefined,
      ),
    );
  return BigInt(row?.total ?? "0");
}

/** Manual refunds of a target already in the ledger (source ids `<type>/<id>/…`). */
async function postedManualRefunds(tx: Tx, fundId: string, targetKey: string) {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${journalLines.debitFen}), 0)::text` })
    .from(journalEntries)
    .innerJoin(journalLines, and(eq(journalLines.entryId, journalEntries.id), eq(journalLines.accountId, accountId(fundId, "refunds"))))
    .where(and(eq(journalEntries.fundId, fundId), eq(journalEntries.sourceType, MANUAL_REFUND), like(journalEntries.sourceId, `${targetKey}/%`)));
  return BigInt(row?.total ?? "0");
}

/** The refund's target with what is claimed of it already; `besides` leaves one request out of the count. */
export async function loadRefundTarget(tx: Tx, fundId: string, target: { type: string; id: string }, besides: string | null = null): Promise<RefundTarget> {
  const missing = () => badInput({ targetId: "funds.chooseRefundTarget" });
  if (target.type === "offline_income") {
    const [income] = await tx.select().from(offlineIncomes).where(and(eq(offlineIncomes.id, target.id), eq(offlineIncomes.fundId, fundId)));
    const original = income?.status === "approved" ? await originalEntry(tx, "offline_income", income.id) : null;
    if (!income || !original) throw missing();
    const claimedFen = (await postedManualRefunds(tx, fundId, `offline_income/${income.id}`)) + (await pendingRequests(tx, fundId, target, besides));
    return { amountFen: income.amountFen, claimedFen, receivedAt: income.decidedAt ?? income.receivedOn, original };
  }
  if (target.type !== "donation") throw missing();
  const [donation] = await tx.select().from(donations).where(and(eq(donations.id, target.id), eq(donations.fundId, fundId))).for("update");
  const original = donation && (donation.status === "succeeded" || donation.status === "refunded") ? await originalEntry(tx, "donation", donation.id) : null;
  if (!donation || !original) throw missing();
  // A donation keeps its refunded total itself (Stripe's refunds and approved manual ones).
  const claimedFen = donation.refundedFen + (await pendingRequests(tx, fundId, target, besides));
  return { amountFen: donation.amountFen, claimedFen, receivedAt: donation.succeededAt ?? donation.createdAt, original };
}

/** Refused when `amount` is more than what is left of the target unrefunded. */
export function checkWithinTarget(target: RefundTarget, amount: bigint) {
  const remaining = target.amountFen - target.claimedFen;
  if (amount > remaining) {
    throw new AppError("bad_input", { fieldErrors: { amount: "funds.refundOverOriginal" }, message: "funds.refundOverOriginalForm", params: { remaining: formatFen(remaining > 0n ? remaining : 0n) } });
  }
}

/** Requests a refund: recorded as pending with its evidence; nothing is posted until a second person approves. */
export async function recordRefund(options: { actor: Actor | null; fundId: string; input: RefundInput; evidence: Evidence | null }) {
  const { fundId, input } = options;
  await authorizeOnFund(db(), { actor: options.actor, fundId, permission: "fund.disburse" });
  if (!options.evidence) throw badInput({ evidence: "funds.refundEvidenceRequired" });
  return withStoredEvidence(fundId, "refund", options.evidence, (evidenceKey) =>
    db().transaction(async (tx) => {
      // The fund's lock makes two requests on one target count each other.
      await lockFund(tx, fundId);
      const { actor, fund } = await authorizeOnFund(tx, { actor: options.actor, fundId, permission: "fund.disburse" });
      const target = await loadRefundTarget(tx, fundId, { type: input.targetType, id: input.targetId });
      if (Date.now() - target.receivedAt.getTime() > REFUND_WINDOW_DAYS * 24 * 3600_000) throw badInput({ targetId: "funds.refundWindowPassed" });
      checkWithinTarget(target, input.amount);
      // Refused now rather than at approval if the fund could not pay it.
      await spendingLines(tx, fundId, input.amount, "refunds");
      const id = newId();
      await tx.insert(refundRequests).values({ id, fundId, targetType: input.targetType, targetId: input.targetId, amountFen: input.amount, reason: input.reason, evidenceKey, requestedBy: actor.userId });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "refund.request",
        entityType: "refund_request",
        entityId: id,
        toState: "pending",
        detail: { fundId, targetType: input.targetType, targetId: input.targetId, amountFen: String(input.amount), reason: input.reason, originalSeq: target.original.seq },
      });
      await announceWaiting(tx, { kind: "refund", id, fund, makerId: actor.userId, amountFen: input.amount });
      return { refundId: id, originalSeq: target.original.seq };
    }),
  );
}
