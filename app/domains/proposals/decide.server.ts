// The community's decisions after the deadline: shortlist, select with reasons, and — where the
// service need requires it — record the residents' council's approval that makes the selection
// final. Only staff of the service need's own community, only after the deadline (database clock),
// under an exclusive lock on the service need so two selections never both win.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { proposals, serviceNeeds, type ServiceNeed } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { createAgreement } from "~/domains/projects/create-agreement.server";
import { conflict, forbidden, notFound } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { isOpenNeed, lockNeed } from "./need-lock.server";

const DECIDABLE = ["submitted", "shortlisted"];

/** The locked need, once the actor is its community's staff and the deadline has passed. */
async function needForDecision(tx: Tx, actor: Actor | null, serviceNeedId: string) {
  const { need, closed } = await lockNeed(tx, serviceNeedId, "update");
  // Another community's staff learn nothing about this need's proposals.
  if (!actor || !isCommunityStaff(actor, need.communityId)) throw notFound();
  if (!closed) throw conflict("proposals.beforeDeadline");
  if (!isOpenNeed(need.status)) throw conflict("proposals.alreadyDecided");
  return need;
}

async function decidableProposal(tx: Tx, serviceNeedId: string, proposalId: string) {
  const [proposal] = await tx.select().from(proposals).where(and(eq(proposals.id, proposalId), eq(proposals.serviceNeedId, serviceNeedId))).for("update");
  if (!proposal || !DECIDABLE.includes(proposal.status)) throw notFound();
  return proposal;
}

export async function shortlistProposal(options: { actor: Actor | null; serviceNeedId: string; proposalId: string }) {
  const { actor, serviceNeedId, proposalId } = options;
  return db().transaction(async (tx) => {
    await needForDecision(tx, actor, serviceNeedId);
    const proposal = await decidableProposal(tx, serviceNeedId, proposalId);
    if (proposal.status === "shortlisted") return proposal;
    const [shortlisted] = await tx.update(proposals).set({ status: "shortlisted" }).where(eq(proposals.id, proposalId)).returning();
    await recordAudit(tx, { actorId: actor!.userId, action: "proposal.shortlist", entityType: "proposal", entityId: proposalId, fromState: proposal.status, toState: "shortlisted" });
    return shortlisted;
  });
}

/** Selects one proposal with written reasons; final at once unless the residents' council must approve. */
export async function selectProposal(options: { actor: Actor | null; serviceNeedId: string; proposalId: string; reasons: string }) {
  const { actor, serviceNeedId, proposalId, reasons } = options;
  return db().transaction(async (tx) => {
    const need = await needForDecision(tx, actor, serviceNeedId);
    if (need.selectedProposalId) throw conflict("proposals.selectionPending");
    const proposal = await decidableProposal(tx, serviceNeedId, proposalId);
    const [pending] = await tx
      .update(serviceNeeds)
      .set({ selectedProposalId: proposal.id, selectionReasons: reasons })
      .where(eq(serviceNeeds.id, serviceNeedId))
      .returning();
    await recordAudit(tx, {
      actorId: actor!.userId,
      action: "service_need.select",
      entityType: "service_need",
      entityId: serviceNeedId,
      fromState: need.status,
      toState: need.requiresCouncilApproval ? "awaiting_council" : "selected",
      detail: { proposalId, reasons },
    });
    if (need.requiresCouncilApproval) return { final: false as const, need: pending };
    return { final: true as const, ...(await finalise(tx, pending, actor!.userId)) };
  });
}

/** Staff record the residents' council's approval (date and minute reference): the selection is final. */
export async function approveByCouncil(options: { actor: Actor | null; serviceNeedId: string; approvedOn: string; minuteRef: string }) {
  const { actor, serviceNeedId, approvedOn, minuteRef } = options;
  return db().transaction(async (tx) => {
    const need = await needForDecision(tx, actor, serviceNeedId);
    if (!need.requiresCouncilApproval) throw conflict("proposals.noCouncilNeeded");
    if (!need.selectedProposalId) throw conflict("proposals.nothingSelected");
    const [approved] = await tx
      .update(serviceNeeds)
      .set({ councilApproval: `${approvedOn} · ${minuteRef}` })
      .where(eq(serviceNeeds.id, serviceNeedId))
      .returning();
    await recordAudit(tx, {
      actorId: actor!.userId,
      action: "service_need.council_approve",
      entityType: "service_need",
      entityId: serviceNeedId,
      fromState: "awaiting_council",
      toState: "selected",
      detail: { approvedOn, minuteRef, proposalId: need.selectedProposalId },
    });
    return finalise(tx, approved, actor!.userId);
  });
}

/** The winner is selected, the others not, each told with the reasons; the agreement is drawn up. */
async function finalise(tx: Tx, need: ServiceNeed, actorId: string) {
  const winnerId = need.selectedProposalId!;
  const reasons = need.selectionReasons ?? "";
  const [winner] = await tx.update(proposals).set({ status: "selected", decisionReasons: reasons, updatedAt: sql`now()` }).where(eq(proposals.id, winnerId)).returning();
  const others = await tx
    .update(proposals)
    .set({ status: "not_selected", decisionReasons: reasons, updatedAt: sql`now()` })
    .where(and(eq(proposals.serviceNeedId, need.id), ne(proposals.id, winnerId), inArray(proposals.status, ["submitted", "shortlisted"])))
    .returning({ id: proposals.id, orgId: proposals.orgId, status: proposals.status });
  await tx.update(serviceNeeds).set({ status: "selected" }).where(eq(serviceNeeds.id, need.id));
  for (const p of others)
    await recordAudit(tx, { actorId, action: "proposal.not_selected", entityType: "proposal", entityId: p.id, toState: "not_selected", detail: { serviceNeedId: need.id } });
  await recordAudit(tx, { actorId, action: "proposal.selected", entityType: "proposal", entityId: winnerId, toState: "selected", detail: { serviceNeedId: need.id } });
  const agreement = await createAgreement(tx, need, winner, actorId);

  await enqueueJob(tx, "notify", {
    key: `proposal-selected:${winnerId}`,
    kind: "proposal_selected",
    title: "proposals.notice.selectedTitle",
    body: "proposals.notice.selectedBody",
    params: { title: need.title, reasons },
    link: `/agreements/${agreement.id}`,
    orgAdminsOf: [winner.orgId],
  });
  for (const p of others)
    await enqueueJob(tx, "notify", {
      key: `proposal-not-selected:${p.id}`,
      kind: "proposal_not_selected",
      title: "proposals.notice.notSelectedTitle",
      body: "proposals.notice.notSelectedBody",
      params: { title: need.title, reasons },
      link: `/proposals/${p.id}`,
      orgAdminsOf: [p.orgId],
    });
  return { winner, agreement, notSelected: others.length };
}
