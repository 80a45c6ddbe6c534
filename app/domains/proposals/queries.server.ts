// Reads for the proposal pages. Every read of a proposal goes through proposalViewer (visibility.ts):
// a proposal that the actor may not see is simply not there (the routes answer 404).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@db/client";
import { organisations, proposalAnswers, proposalBudgetLines, proposalMilestones, proposals, proposalTeamMembers, serviceAgreements, serviceNeedQuestions, serviceNeeds } from "@db/schema";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { proposalViewer, sealBroken } from "./visibility";

async function needWithClock(serviceNeedId: string) {
  const [row] = await db()
    .select({ need: serviceNeeds, closed: sql<boolean>`clock_timestamp() >= ${serviceNeeds.proposalDeadline}` })
    .from(serviceNeeds)
    .where(eq(serviceNeeds.id, serviceNeedId));
  return row ?? null;
}

async function partsOf(ids: string[]) {
  if (!ids.length) return { budget: [], team: [], milestones: [], answers: [] };
  const [budget, team, milestones, answers] = await Promise.all([
    db().select().from(proposalBudgetLines).where(inArray(proposalBudgetLines.proposalId, ids)),
    db().select().from(proposalTeamMembers).where(inArray(proposalTeamMembers.proposalId, ids)),
    db().select().from(proposalMilestones).where(inArray(proposalMilestones.proposalId, ids)).orderBy(asc(proposalMilestones.position)),
    db().select().from(proposalAnswers).where(inArray(proposalAnswers.proposalId, ids)),
  ]);
  return { budget, team, milestones, answers };
}

const questionsOf = (serviceNeedId: string) =>
  db().select({ id: serviceNeedQuestions.id, text: serviceNeedQuestions.text }).from(serviceNeedQuestions).where(eq(serviceNeedQuestions.serviceNeedId, serviceNeedId)).orderBy(asc(serviceNeedQuestions.position));

/** One proposal with its parts, or null when it does not exist or the actor may not see it. */
export async function proposalForViewer(actor: Actor | null, proposalId: string) {
  const [proposal] = await db().select().from(proposals).where(eq(proposals.id, proposalId));
  if (!proposal) return null;
  const found = await needWithClock(proposal.serviceNeedId);
  if (!found) return null;
  const viewer = proposalViewer(actor, proposal, { communityId: found.need.communityId, status: found.need.status, closed: found.closed });
  if (!viewer) return null;
  const [org] = await db().select({ id: organisations.id, name: organisations.name, status: organisations.status }).from(organisations).where(eq(organisations.id, proposal.orgId));
  const parts = await partsOf([proposal.id]);
  const [agreement] = await db().select({ id: serviceAgreements.id }).from(serviceAgreements).where(eq(serviceAgreements.proposalId, proposal.id));
  const editable = viewer === "own" && !found.closed && ["draft", "submitted", "withdrawn"].includes(proposal.status) && ["published", "evaluating"].includes(found.need.status);
  return { proposal, org, need: found.need, closed: found.closed, viewer, editable, questions: await questionsOf(proposal.serviceNeedId), agreementId: agreement?.id ?? null, ...parts };
}

/** The service need as an organisation sees it when it starts a proposal (public facts only). */
export async function needForProposing(serviceNeedId: string) {
  const found = await needWithClock(serviceNeedId);
  if (!found || found.need.status === "draft") return null;
  return { need: found.need, closed: found.closed, questions: await questionsOf(serviceNeedId) };
}

/** The proposal an organisation already has for a need (its own; nobody else's). */
export async function ownProposalId(orgId: string, serviceNeedId: string) {
  const [row] = await db().select({ id: proposals.id }).from(proposals).where(and(eq(proposals.orgId, orgId), eq(proposals.serviceNeedId, serviceNeedId)));
  return row?.id ?? null;
}

/** The proposals of the actor's organisations. */
export async function myProposals(actor: Actor) {
  const orgIds = actor.memberships.map((m) => m.orgId);
  if (!orgIds.length) return [];
  return db()
    .select({ id: proposals.id, status: proposals.status, totalFen: proposals.totalFen, updatedAt: proposals.updatedAt, orgName: organisations.name, needTitle: serviceNeeds.title, deadline: serviceNeeds.proposalDeadline })
    .from(proposals)
    .innerJoin(organisations, eq(organisations.id, proposals.orgId))
    .innerJoin(serviceNeeds, eq(serviceNeeds.id, proposals.serviceNeedId))
    .where(inArray(proposals.orgId, orgIds))
    .orderBy(desc(proposals.updatedAt));
}

/**
 * The community's view of a service need's proposals, for the list and the side-by-side comparison.
 * null (→ 404) for anyone but the staff of its community; sealed (no proposals) before the deadline,
 * and for good once the community withdrew the need.
 */
export async function proposalsForCommunity(actor: Actor | null, communityId: string, serviceNeedId: string) {
  const found = await needWithClock(serviceNeedId);
  if (!found || found.need.communityId !== communityId || !isCommunityStaff(actor, communityId)) return null;
  const sealed = !sealBroken({ status: found.need.status, closed: found.closed });
  const rows = !sealed
    ? await db()
        .select({ proposal: proposals, orgName: organisations.name, orgCreditCode: organisations.creditCode })
        .from(proposals)
        .innerJoin(organisations, eq(organisations.id, proposals.orgId))
        .where(eq(proposals.serviceNeedId, serviceNeedId))
        .orderBy(asc(proposals.totalFen))
    : [];
  const visible = rows.filter((r) => proposalViewer(actor, r.proposal, { communityId, status: found.need.status, closed: found.closed }) === "community");
  const parts = await partsOf(visible.map((r) => r.proposal.id));
  const record = await orgRecords(visible.map((r) => r.proposal.orgId));
  const [agreement] = await db().select({ id: serviceAgreements.id }).from(serviceAgreements).where(eq(serviceAgreements.serviceNeedId, serviceNeedId));
  return {
    need: found.need,
    closed: found.closed,
    sealed,
    agreementId: agreement?.id ?? null,
    questions: await questionsOf(serviceNeedId),
    proposals: visible.map((r) => ({
      ...r.proposal,
      orgName: r.orgName,
      orgCreditCode: r.orgCreditCode,
      budget: parts.budget.filter((b) => b.proposalId === r.proposal.id),
      team: parts.team.filter((t) => t.proposalId === r.proposal.id),
      milestones: parts.milestones.filter((m) => m.proposalId === r.proposal.id),
      answers: parts.answers.filter((a) => a.proposalId === r.proposal.id),
      record: record.get(r.proposal.orgId) ?? { projects: 0, amountFen: 0n },
    })),
  };
}

/** Projects won and amounts, per organisation (the record shown beside a proposal). */
async function orgRecords(orgIds: string[]) {
  const out = new Map<string, { projects: number; amountFen: bigint }>();
  if (!orgIds.length) return out;
  const rows = await db().execute<{ org_id: string; n: number; amount: string }>(
    sql`select provider_org_id as org_id, count(*)::int as n, coalesce(sum(amount_fen), 0)::text as amount from projects where provider_org_id in ${orgIds} group by provider_org_id`,
  );
  for (const r of rows) out.set(r.org_id, { projects: r.n, amountFen: BigInt(r.amount) });
  return out;
}

/** The public selection (公示): who won, the amount, the reasons — once final; nothing else. */
export async function publicSelection(serviceNeedId: string) {
  const [row] = await db()
    .select({
      needId: serviceNeeds.id,
      title: serviceNeeds.title,
      status: serviceNeeds.status,
      reasons: serviceNeeds.selectionReasons,
      councilApproval: serviceNeeds.councilApproval,
      amountFen: proposals.totalFen,
      orgId: organisations.id,
      orgName: organisations.name,
      orgCreditCode: organisations.creditCode,
    })
    .from(serviceNeeds)
    .innerJoin(proposals, eq(proposals.id, serviceNeeds.selectedProposalId))
    .innerJoin(organisations, eq(organisations.id, proposals.orgId))
    .where(and(eq(serviceNeeds.id, serviceNeedId), eq(serviceNeeds.status, "selected")));
  if (!row) return null;
  const [agreement] = await db().select({ id: serviceAgreements.id }).from(serviceAgreements).where(eq(serviceAgreements.serviceNeedId, serviceNeedId));
  const [project] = agreement ? await db().execute<{ id: string }>(sql`select id from projects where source_type = 'agreement' and source_id = ${agreement.id}`) : [];
  return { ...row, projectId: project?.id ?? null };
}
