// Maker-checker (四眼原则): a second person — another manager, or the supervisory committee (监委会) —
// approves or rejects recorded offline income. Only approval puts it in the ledger. The maker can
// never decide their own entry: refused here with a message, and by the database's CHECK.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { offlineIncomes } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { postEntry } from "~/domains/ledger/post-entry.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { authorizeChecker } from "./access.server";
import { announceDecision } from "./approval-notices.server";
import { offlineIncomeCounterparty, offlineIncomeMemo } from "./ledger-text";
import type { DecideOfflineIncomeInput } from "./schemas";

export async function decideOfflineIncome(options: { actor: Actor | null; input: DecideOfflineIncomeInput }) {
  const { input } = options;
  return db().transaction(async (tx) => {
    // The row lock makes two approvers clicking at once decide it once.
    const [income] = await tx.select().from(offlineIncomes).where(eq(offlineIncomes.id, input.incomeId)).for("update");
    if (!income) throw notFound();
    const { actor, fund } = await authorizeChecker(tx, { actor: options.actor, fundId: income.fundId, makerId: income.recordedBy, status: income.status });

    const approved = input.decision === "approve";
    const decidedAt = new Date();
    await tx
      .update(offlineIncomes)
      .set({ status: approved ? "approved" : "rejected", decidedBy: actor.userId, decidedAt, rejectionReason: approved ? null : input.reason })
      .where(eq(offlineIncomes.id, income.id));
    const entry = approved
      ? await postEntry(tx, {
          fundId: income.fundId,
          kind: "offline_income",
          memo: offlineIncomeMemo(income),
          source: { type: "offline_income", id: income.id },
          counterparty: offlineIncomeCounterparty(income),
          occurredAt: decidedAt,
          lines: [
            { account: "cash", debit: income.amountFen },
            { account: "offline_income", credit: income.amountFen },
          ],
        })
      : null;
    await recordAudit(tx, {
      actorId: actor.userId,
      action: approved ? "offline_income.approve" : "offline_income.reject",
      entityType: "offline_income",
      entityId: income.id,
      fromState: "pending",
      toState: approved ? "approved" : "rejected",
      detail: { fundId: income.fundId, ...(entry ? { entrySeq: entry.seq } : { reason: input.reason }) },
    });
    const waiting = { kind: "offline_income", id: income.id, fund, makerId: income.recordedBy, amountFen: income.amountFen } as const;
    await announceDecision(tx, waiting, approved ? { status: "approved" } : { status: "rejected", reason: input.reason });
    return { fundId: income.fundId, status: approved ? ("approved" as const) : ("rejected" as const), entrySeq: entry?.seq ?? null };
  });
}
