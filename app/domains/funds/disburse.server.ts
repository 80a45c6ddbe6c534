// Money leaves a fund only as a disbursement linked to what authorised it: the winning option of a
// passed resident deliberation that spends from this fund, within its ceiling (vote-authority), or
// a resolution of the fund's board with its document. A manager proposes it with evidence; it waits,
// outside the ledger, for a second person (decide-disbursement), as offline income does.
import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { disbursements, organisations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { authorizeOnFund } from "./access.server";
import { announceWaiting } from "./approval-notices.server";
import { withStoredEvidence, type Evidence } from "./evidence.server";
import type { DisburseInput } from "./schemas";
import { spendingLines } from "./spend.server";
import { lockVoteAuthority } from "./vote-authority.server";

async function payeeName(tx: Tx, input: DisburseInput): Promise<{ name: string; orgId: string | null }> {
  if (input.payeeType !== "org") return { name: input.payeeName!, orgId: null };
  const [org] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.id, input.payeeOrgId!), eq(organisations.status, "verified")));
  if (!org) throw badInput({ payeeOrgId: "funds.choosePayeeOrg" });
  return { name: org.name, orgId: org.id };
}

/** Proposes a disbursement: recorded as pending, nothing posted until a second person approves it. */
export async function disburse(options: { actor: Actor | null; fundId: string; input: DisburseInput; evidence: Evidence | null }) {
  const { fundId, input } = options;
  const { actor } = await authorizeOnFund(db(), { actor: options.actor, fundId, permission: "fund.disburse" });
  if (!options.evidence) throw badInput({ evidence: input.authority === "board_approval" ? "funds.boardDocumentRequired" : "funds.evidenceRequired" });

  return withStoredEvidence(fundId, "disbursement", options.evidence, (evidenceKey) =>
    db().transaction(async (tx) => {
      // Checked again in the transaction: a role removed a moment ago no longer proposes.
      const { fund } = await authorizeOnFund(tx, { actor, fundId, permission: "fund.disburse" });
      const vote = input.authority === "deliberation" ? await lockVoteAuthority(tx, { fund, deliberationId: input.deliberationId!, amount: input.amount }) : null;
      const payee = await payeeName(tx, input);
      // Told now what the fund cannot pay; the balance is checked again, under the fund's lock, at approval.
      await spendingLines(tx, fundId, input.amount, "grants");
      const id = newId();
      await tx.insert(disbursements).values({
        id,
        fundId,
        amountFen: input.amount,
        payeeName: payee.name,
        payeeOrgId: payee.orgId,
        payeeType: input.payeeType,
        purpose: input.purpose,
        authority: input.authority,
        deliberationId: vote ? input.deliberationId! : null,
        boardResolution: input.authority === "board_approval" ? input.boardResolution! : null,
        evidenceKey,
        status: "pending",
        createdBy: actor.userId,
      });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "disbursement.propose",
        entityType: "disbursement",
        entityId: id,
        toState: "pending",
        detail: {
          fundId,
          amountFen: String(input.amount),
          authority: input.authority,
          deliberationId: input.deliberationId ?? null,
          ...(vote ? { option: vote.option, ceilingFen: String(vote.ceilingFen), usedFen: String(vote.usedFen) } : {}),
        },
      });
      await announceWaiting(tx, { kind: "disbursement", id, fund, makerId: actor.userId, amountFen: input.amount });
      return { disbursementId: id };
    }),
  );
}
