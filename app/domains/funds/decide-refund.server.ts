// Maker-checker for refunds (四眼原则): another manager or the supervisory committee (监委会) approves
// or rejects a requested refund after seeing its evidence. Approval posts the reversing entry under
// the fund's lock, with the audit row, in one transaction; a refunded gift takes its match back in
// proportion. The requester can never decide their own: refused here, and by the database's CHECK.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { donations, refundRequests } from "@db/schema";
import { reverseMatchesForRefund } from "~/domains/donations/matching.server";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { lockFund, postEntry } from "~/domains/ledger/post-entry.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { authorizeChecker } from "./access.server";
import { announceDecision } from "./approval-notices.server";
import { checkWithinTarget, loadRefundTarget, MANUAL_REFUND } from "./record-refund.server";
import type { DecideRefundInput } from "./schemas";
import { spendingLines } from "./spend.server";

export async function decideRefund(options: { actor: Actor | null; input: DecideRefundInput }) {
  const { input } = options;
  return db().transaction(async (tx) => {
    const [request] = await tx.select().from(refundRequests).where(eq(refundRequests.id, input.refundId)).for("update");
    if (!request) throw notFound();
    const { actor, fund } = await authorizeChecker(tx, { actor: options.actor, fundId: request.fundId, makerId: request.requestedBy, status: request.status });
    const decidedAt = new Date();
    const audit = { entityType: "refund_request", entityId: request.id, fromState: "pending" } as const;
    const waiting = { kind: "refund", id: request.id, fund, makerId: request.requestedBy, amountFen: request.amountFen } as const;

    if (input.decision === "reject") {
      await tx.update(refundRequests).set({ status: "rejected", decidedBy: actor.userId, decidedAt, rejectionReason: input.reason }).where(eq(refundRequests.id, request.id));
      await recordAudit(tx, { actorId: actor.userId, action: "refund.reject", ...audit, toState: "rejected", detail: { fundId: request.fundId, reason: input.reason } });
      await announceDecision(tx, waiting, { status: "rejected", reason: input.reason });
      return { fundId: request.fundId, status: "rejected" as const, entrySeq: null, originalSeq: null };
    }

    await lockFund(tx, request.fundId);
    const targetRef = { type: request.targetType, id: request.targetId };
    const target = await loadRefundTarget(tx, request.fundId, targetRef, request.id);
    checkWithinTarget(target, request.amountFen);
    const lines = await spendingLines(tx, request.fundId, request.amountFen, "refunds");
    await tx.update(refundRequests).set({ status: "approved", decidedBy: actor.userId, decidedAt }).where(eq(refundRequests.id, request.id));
    if (request.targetType === "donation") {
      const [donation] = await tx.select({ refundedFen: donations.refundedFen }).from(donations).where(eq(donations.id, request.targetId));
      const refundedFen = donation.refundedFen + request.amountFen;
      await tx
        .update(donations)
        .set({ refundedFen, ...(refundedFen === target.amountFen ? { status: "refunded" as const } : {}) })
        .where(eq(donations.id, request.targetId));
    }
    const entry = await postEntry(tx, {
      fundId: request.fundId,
      kind: "refund",
      memo: `退还第 ${target.original.seq} 笔：${request.reason}`,
      source: { type: MANUAL_REFUND, id: `${request.targetType}/${request.targetId}/${request.id}` },
      counterparty: target.original.counterparty,
      occurredAt: decidedAt,
      lines,
    });
    if (request.targetType === "donation") {
      // A refunded gift takes its match back in proportion (after the refund entry, in the ledger's order too).
      const [donation] = await tx.select().from(donations).where(eq(donations.id, request.targetId));
      await reverseMatchesForRefund(tx, donation, donation.refundedFen);
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "refund.approve",
      ...audit,
      toState: "approved",
      detail: { fundId: request.fundId, targetType: request.targetType, targetId: request.targetId, amountFen: String(request.amountFen), requestedBy: request.requestedBy, entrySeq: entry.seq, originalSeq: target.original.seq },
    });
    await announceDecision(tx, waiting, { status: "approved" });
    return { fundId: request.fundId, status: "approved" as const, entrySeq: entry.seq, originalSeq: target.original.seq };
  });
}
