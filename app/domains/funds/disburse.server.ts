// Money leaves a fund only as a disbursement linked to what authorised it: a passed resident
// deliberation of the fund's own community (民事民决), or a resolution of the fund's board with its
// document. The available balance is read and spent under the fund's row lock, in one transaction,
// so concurrent disbursements can never spend the same money twice. A sub-fund (专项基金) has its
// own ledger and spends only its own balance.
import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { deliberations, disbursements, organisations, type Fund } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { lockFund, postEntry } from "~/domains/ledger/post-entry.server";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { authorizeOnFund } from "./access.server";
import { withStoredEvidence, type Evidence } from "./evidence.server";
import { payeeCounterparty } from "./ledger-text";
import type { DisburseInput } from "./schemas";
import { spendingLines } from "./spend.server";

/** A passed deliberation of the fund's community, or the field error saying why not. */
async function checkDeliberation(tx: Tx, fund: Fund, deliberationId: string) {
  const [d] = await tx.select({ communityId: deliberations.communityId, status: deliberations.status, question: deliberations.question }).from(deliberations).where(eq(deliberations.id, deliberationId));
  if (!d || !fund.communityId || d.communityId !== fund.communityId) throw badInput({ deliberationId: "funds.deliberationOtherCommunity" });
  if (d.status !== "passed") throw badInput({ deliberationId: "funds.deliberationNotPassed" });
  return d;
}

async function payeeName(tx: Tx, input: DisburseInput): Promise<{ name: string; orgId: string | null }> {
  if (input.payeeType !== "org") return { name: input.payeeName!, orgId: null };
  const [org] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, input.payeeOrgId!), eq(organisations.status, "verified")));
  if (!org) throw badInput({ payeeOrgId: "funds.choosePayeeOrg" });
  return { name: org.name, orgId: org.id };
}

export async function disburse(options: { actor: Actor | null; fundId: string; input: DisburseInput; evidence: Evidence | null }) {
  const { fundId, input } = options;
  const { actor } = await authorizeOnFund(db(), { actor: options.actor, fundId, permission: "fund.disburse" });
  if (!options.evidence) throw badInput({ evidence: input.authority === "board_approval" ? "funds.boardDocumentRequired" : "funds.evidenceRequired" });

  return withStoredEvidence(fundId, "disbursement", options.evidence, (evidenceKey) =>
    db().transaction(async (tx) => {
      await lockFund(tx, fundId);
      // Checked again under the lock: a role removed a moment ago no longer spends.
      const { fund } = await authorizeOnFund(tx, { actor, fundId, permission: "fund.disburse" });
      const deliberation = input.authority === "deliberation" ? await checkDeliberation(tx, fund, input.deliberationId!) : null;
      const payee = await payeeName(tx, input);
      const lines = await spendingLines(tx, fundId, input.amount, "grants");

      const id = newId();
      await tx.insert(disbursements).values({
        id,
        fundId,
        amountFen: input.amount,
        payeeName: payee.name,
        payeeOrgId: payee.orgId,
        purpose: input.purpose,
        authority: input.authority,
        deliberationId: deliberation ? input.deliberationId! : null,
        boardResolution: input.authority === "board_approval" ? input.boardResolution! : null,
        evidenceKey,
        createdBy: actor.userId,
      });
      const authority = deliberation ? `居民议事通过：${deliberation.question}` : `理事会决议：${input.boardResolution}`;
      const entry = await postEntry(tx, {
        fundId,
        kind: "disbursement",
        memo: `${input.purpose}（${authority}）`,
        source: { type: "disbursement", id },
        counterparty: payeeCounterparty(input.payeeType, payee.name),
        lines,
      });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "disbursement.create",
        entityType: "disbursement",
        entityId: id,
        toState: "paid",
        detail: { fundId, amountFen: String(input.amount), authority: input.authority, deliberationId: input.deliberationId ?? null, entrySeq: entry.seq },
      });
      return { disbursementId: id, entrySeq: entry.seq };
    }),
  );
}
