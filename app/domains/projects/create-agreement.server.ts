// 服务协议: drawn up when a selection is final, inside the same transaction. The amount is the
// proposal's total, the period the service need's, and the milestone plan the proposal's.
import type { Tx } from "@db/client";
import { serviceAgreements, type Proposal, type ServiceNeed } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { newId } from "~/utils/ids";

export async function createAgreement(tx: Tx, need: ServiceNeed, proposal: Proposal, actorId: string) {
  const [agreement] = await tx
    .insert(serviceAgreements)
    .values({
      id: newId(),
      serviceNeedId: need.id,
      proposalId: proposal.id,
      purchaserOrgId: need.postedByOrgId,
      providerOrgId: proposal.orgId,
      amountFen: proposal.totalFen,
      periodStart: need.periodStart,
      periodEnd: need.periodEnd,
    })
    .returning();
  await recordAudit(tx, {
    actorId,
    action: "agreement.create",
    entityType: "service_agreement",
    entityId: agreement.id,
    toState: "pending",
    detail: { serviceNeedId: need.id, proposalId: proposal.id, amountFen: proposal.totalFen.toString() },
  });
  return agreement;
}
