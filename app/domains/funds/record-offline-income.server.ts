// The accountant (or a manager) records income that did not come through Stripe: parking revenue,
// recycling, a cash or company gift. It waits, outside the ledger, for a second person's approval.
import { db } from "@db/client";
import { offlineIncomes } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { authorizeOnFund } from "./access.server";
import { announceWaiting } from "./approval-notices.server";
import { withStoredEvidence, type Evidence } from "./evidence.server";
import type { RecordOfflineIncomeInput } from "./schemas";

export async function recordOfflineIncome(options: { actor: Actor | null; fundId: string; input: RecordOfflineIncomeInput; evidence: Evidence | null }) {
  const { fundId, input } = options;
  const { actor, fund } = await authorizeOnFund(db(), { actor: options.actor, fundId, permission: "fund.manage" });
  if (!options.evidence) throw badInput({ evidence: "funds.evidenceRequired" });
  return withStoredEvidence(fundId, "offline_income", options.evidence, (evidenceKey) =>
    db().transaction(async (tx) => {
      const id = newId();
      await tx.insert(offlineIncomes).values({
        id,
        fundId,
        source: input.source,
        payerName: input.payerName,
        description: input.description,
        amountFen: input.amount,
        evidenceKey,
        receivedOn: input.receivedOn,
        recordedBy: actor.userId,
      });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "offline_income.record",
        entityType: "offline_income",
        entityId: id,
        toState: "pending",
        detail: { fundId, source: input.source, amountFen: String(input.amount) },
      });
      await announceWaiting(tx, { kind: "offline_income", id, fund, makerId: actor.userId, amountFen: input.amount });
      return { incomeId: id };
    }),
  );
}
