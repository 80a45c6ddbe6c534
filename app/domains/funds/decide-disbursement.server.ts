// Maker-checker for money going out (四眼原则): a second person — another manager or the supervisory
// committee (监委会) — approves or rejects a proposed disbursement, having seen its evidence. Only
// approval posts it to the ledger, in the same transaction as the audit row; the vote's ceiling and
// the fund's balance are checked again under their locks (vote first, then fund). The proposer can
// never decide their own: refused here with a message, and by the database's CHECK.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { disbursements } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { lockFund, postEntry } from "~/domains/ledger/post-entry.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { authorizeChecker } from "./access.server";
import { announceDecision } from "./approval-notices.server";
import { payeeCounterparty } from "./ledger-text";
import type { DecideDisbursementInput, PayeeType } from "./schemas";
import { spendingLines } from "./spend.server";
import { lockVoteAuthority } from "./vote-authority.server";

export async function decideDisbursement(options: { actor: Actor | null; input: DecideDisbursementInput }) {
  const { input } = options;
  return db().transaction(async (tx) => {
    // The row lock makes two approvers clicking at once decide it once.
    const [proposal] = await tx.select().from(disbursements).where(eq(disbursements.id, input.disbursementId)).for("update");
    if (!proposal) throw notFound();
    const { actor, fund } = await authorizeChecker(tx, { actor: options.actor, fundId: proposal.fundId, makerId: proposal.createdBy, status: proposal.status });

    const decidedAt = new Date();
    const waiting = { kind: "disbursement", id: proposal.id, fund, makerId: proposal.createdBy, amountFen: proposal.amountFen } as const;
    if (input.decision === "reject") {
      await tx.update(disbursements).set({ status: "rejected", decidedBy: actor.userId, decidedAt, rejectionReason: input.reason }).where(eq(disbursements.id, proposal.id));
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "disbursement.reject",
        entityType: "disbursement",
        entityId: proposal.id,
        fromState: "pending",
        toState: "rejected",
        detail: { fundId: proposal.fundId, reason: input.reason },
      });
      await announceDecision(tx, waiting, { status: "rejected", reason: input.reason });
      return { fundId: proposal.fundId, status: "rejected" as const, entrySeq: null };
    }

    const vote = proposal.deliberationId ? await lockVoteAuthority(tx, { fund, deliberationId: proposal.deliberationId, amount: proposal.amountFen, besides: proposal.id }) : null;
    await lockFund(tx, proposal.fundId);
    const lines = await spendingLines(tx, proposal.fundId, proposal.amountFen, "grants");
    await tx.update(disbursements).set({ status: "approved", decidedBy: actor.userId, decidedAt }).where(eq(disbursements.id, proposal.id));
    const authority = vote ? `居民议事通过：${vote.question}（${vote.option}）` : `理事会决议：${proposal.boardResolution}`;
    const entry = await postEntry(tx, {
      fundId: proposal.fundId,
      kind: "disbursement",
      memo: `${proposal.purpose}（${authority}）`,
      source: { type: "disbursement", id: proposal.id },
      counterparty: payeeCounterparty(proposal.payeeType as PayeeType, proposal.payeeName),
      occurredAt: decidedAt,
      lines,
    });
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "disbursement.approve",
      entityType: "disbursement",
      entityId: proposal.id,
      fromState: "pending",
      toState: "approved",
      detail: { fundId: proposal.fundId, amountFen: String(proposal.amountFen), proposedBy: proposal.createdBy, deliberationId: proposal.deliberationId, entrySeq: entry.seq },
    });
    await announceDecision(tx, waiting, { status: "approved" });
    return { fundId: proposal.fundId, status: "approved" as const, entrySeq: entry.seq };
  });
}
