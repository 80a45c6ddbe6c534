// A manager records money paid back (by bank transfer or in cash) for an approved offline income
// or a donation, within policy: not more than what is left of it unrefunded, within 180 days of
// receiving it, and out of the fund's available balance. The refund is a reversing entry of its
// own (Dr refunds / Cr cash); the original entry stays as it was.
import { and, eq, like, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { donations, journalEntries, journalLines, offlineIncomes } from "@db/schema";
import { reverseMatchesForRefund } from "~/domains/donations/matching.server";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { accountId, lockFund, postEntry } from "~/domains/ledger/post-entry.server";
import { AppError, badInput } from "~/utils/errors";
import { formatFen } from "~/utils/money";
import type { Actor } from "~/utils/permissions.server";
import { authorizeOnFund } from "./access.server";
import type { RefundInput } from "./schemas";
import { spendingLines } from "./spend.server";

export const REFUND_WINDOW_DAYS = 180;
export const MANUAL_REFUND = "manual_refund";

interface RefundTarget {
  amountFen: bigint;
  alreadyRefunded: bigint;
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

/** Manual refunds already recorded against a target: how many, and how much. */
async function manualRefunds(tx: Tx, fundId: string, targetKey: string) {
  const [row] = await tx
    .select({ count: sql<number>`count(distinct ${journalEntries.id})::int`, total: sql<string>`coalesce(sum(${journalLines.debitFen}), 0)::text` })
    .from(journalEntries)
    .innerJoin(journalLines, and(eq(journalLines.entryId, journalEntries.id), eq(journalLines.accountId, accountId(fundId, "refunds"))))
    .where(and(eq(journalEntries.fundId, fundId), eq(journalEntries.sourceType, MANUAL_REFUND), like(journalEntries.sourceId, `${targetKey}/%`)));
  return { count: row?.count ?? 0, total: BigInt(row?.total ?? "0") };
}

async function loadTarget(tx: Tx, fundId: string, input: RefundInput, previous: bigint): Promise<RefundTarget> {
  const missing = () => badInput({ targetId: "funds.chooseRefundTarget" });
  if (input.targetType === "offline_income") {
    const [income] = await tx.select().from(offlineIncomes).where(and(eq(offlineIncomes.id, input.targetId), eq(offlineIncomes.fundId, fundId)));
    const original = income?.status === "approved" ? await originalEntry(tx, "offline_income", income.id) : null;
    if (!income || !original) throw missing();
    return { amountFen: income.amountFen, alreadyRefunded: previous, receivedAt: income.decidedAt ?? income.receivedOn, original };
  }
  const [donation] = await tx.select().from(donations).where(and(eq(donations.id, input.targetId), eq(donations.fundId, fundId))).for("update");
  const original = donation && (donation.status === "succeeded" || donation.status === "refunded") ? await originalEntry(tx, "donation", donation.id) : null;
  if (!donation || !original) throw missing();
  return { amountFen: donation.amountFen, alreadyRefunded: donation.refundedFen, receivedAt: donation.succeededAt ?? donation.createdAt, original };
}

export async function recordRefund(options: { actor: Actor | null; fundId: string; input: RefundInput }) {
  const { fundId, input } = options;
  await authorizeOnFund(db(), { actor: options.actor, fundId, permission: "fund.disburse" });
  return db().transaction(async (tx) => {
    await lockFund(tx, fundId);
    const { actor } = await authorizeOnFund(tx, { actor: options.actor, fundId, permission: "fund.disburse" });
    const targetKey = `${input.targetType}/${input.targetId}`;
    const previous = await manualRefunds(tx, fundId, targetKey);
    const target = await loadTarget(tx, fundId, input, previous.total);

    if (Date.now() - target.receivedAt.getTime() > REFUND_WINDOW_DAYS * 24 * 3600_000) throw badInput({ targetId: "funds.refundWindowPassed" });
    const remaining = target.amountFen - target.alreadyRefunded;
    if (input.amount > remaining) {
      throw new AppError("bad_input", { fieldErrors: { amount: "funds.refundOverOriginal" }, message: "funds.refundOverOriginalForm", params: { remaining: formatFen(remaining) } });
    }
    const lines = await spendingLines(tx, fundId, input.amount, "refunds");
    if (input.targetType === "donation") {
      const refundedFen = target.alreadyRefunded + input.amount;
      await tx
        .update(donations)
        .set({ refundedFen, ...(refundedFen === target.amountFen ? { status: "refunded" as const } : {}) })
        .where(eq(donations.id, input.targetId));
    }
    const sourceId = `${targetKey}/${previous.count + 1}`;
    const entry = await postEntry(tx, {
      fundId,
      kind: "refund",
      memo: `退还第 ${target.original.seq} 笔：${input.reason}`,
      source: { type: MANUAL_REFUND, id: sourceId },
      counterparty: target.original.counterparty,
      lines,
    });
    if (input.targetType === "donation") {
      // A refunded gift takes its match back in proportion (after the refund entry, in the ledger's order too).
      const [donation] = await tx.select().from(donations).where(eq(donations.id, input.targetId));
      await reverseMatchesForRefund(tx, donation, donation.refundedFen);
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "refund.record",
      entityType: input.targetType,
      entityId: input.targetId,
      detail: { fundId, amountFen: String(input.amount), reason: input.reason, entrySeq: entry.seq, originalSeq: target.original.seq },
    });
    return { entrySeq: entry.seq, originalSeq: target.original.seq };
  });
}
