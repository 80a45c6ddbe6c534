// Reads for agreement and project pages. The public project page carries no personal data: no team
// names, no acceptors' names — organisations by full name, the amount, milestones and indicators.
import { asc, desc, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { funds, milestonePayments, milestones, organisations, places, projects, proposalMilestones, proposalTeamMembers, serviceAgreements, serviceNeeds } from "@db/schema";
import type { Actor } from "~/utils/permissions.server";
import { agreementSides } from "./sides";

const orgName = async (id: string) => (await db().select({ id: organisations.id, name: organisations.name, creditCode: organisations.creditCode }).from(organisations).where(eq(organisations.id, id)))[0];

/** The agreement for its two parties; null (→ 404) for anyone else. */
export async function agreementForParty(actor: Actor | null, agreementId: string) {
  const [agreement] = await db().select().from(serviceAgreements).where(eq(serviceAgreements.id, agreementId));
  if (!agreement) return null;
  const sides = agreementSides(actor, agreement);
  if (!sides.party) return null;
  const [need] = await db().select({ id: serviceNeeds.id, title: serviceNeeds.title, communityId: serviceNeeds.communityId }).from(serviceNeeds).where(eq(serviceNeeds.id, agreement.serviceNeedId));
  const plan = await db().select().from(proposalMilestones).where(eq(proposalMilestones.proposalId, agreement.proposalId)).orderBy(asc(proposalMilestones.position));
  const [project] = await db().select({ id: projects.id }).from(projects).where(eq(projects.agreementId, agreement.id));
  const canAccept =
    agreement.status === "pending" && ((sides.purchaser && !agreement.purchaserAcceptedAt) || (sides.provider && !agreement.providerAcceptedAt));
  return { agreement, need, purchaser: await orgName(agreement.purchaserOrgId), provider: await orgName(agreement.providerOrgId), plan, projectId: project?.id ?? null, canAccept };
}

/** A project for everyone; the parties also see the team named in the proposal. */
export async function projectView(actor: Actor | null, projectId: string) {
  const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
  if (!project) return null;
  const [community] = await db().select({ name: places.name }).from(places).where(eq(places.id, project.communityId));
  const list = await db()
    .select({ id: milestones.id, position: milestones.position, title: milestones.title, dueDate: milestones.dueDate, paymentShareBp: milestones.paymentShareBp, amountFen: milestones.amountFen, deliverables: milestones.deliverables, status: milestones.status })
    .from(milestones)
    .where(eq(milestones.projectId, projectId))
    .orderBy(asc(milestones.position));
  const [agreement] = project.agreementId ? await db().select().from(serviceAgreements).where(eq(serviceAgreements.id, project.agreementId)) : [];
  const isParty = !!agreement && agreementSides(actor, agreement).party;
  const team = isParty
    ? await db().select({ name: proposalTeamMembers.name, role: proposalTeamMembers.role, certified: proposalTeamMembers.certified }).from(proposalTeamMembers).where(eq(proposalTeamMembers.proposalId, agreement.proposalId))
    : null;
  const [fund] = project.fundId ? await db().select({ id: funds.id, name: funds.name }).from(funds).where(eq(funds.id, project.fundId)) : [];
  const [released] = await db()
    .select({ fen: sql<string>`coalesce(sum(${milestonePayments.amountFen}) filter (where ${milestonePayments.status} = 'paid'), 0)::text` })
    .from(milestonePayments)
    .where(eq(milestonePayments.projectId, projectId));
  return {
    project,
    community: community?.name ?? "",
    fund: fund ?? null,
    funder: project.funderOrgId ? await orgName(project.funderOrgId) : null,
    releasedFen: BigInt(released?.fen ?? "0"),
    provider: project.providerOrgId ? await orgName(project.providerOrgId) : null,
    purchaser: agreement ? await orgName(agreement.purchaserOrgId) : null,
    period: agreement ? { start: agreement.periodStart, end: agreement.periodEnd } : null,
    agreementId: isParty ? agreement.id : null,
    milestones: list,
    team,
  };
}

/** The organisation's record on its public page: projects it delivers and the amounts won. */
export async function projectsOfOrg(orgId: string) {
  const list = await db()
    .select({ id: projects.id, title: projects.title, amountFen: projects.amountFen, status: projects.status, createdAt: projects.createdAt })
    .from(projects)
    .where(eq(projects.providerOrgId, orgId))
    .orderBy(desc(projects.createdAt));
  const [total] = await db().select({ fen: sql<string>`coalesce(sum(${projects.amountFen}), 0)::text` }).from(projects).where(eq(projects.providerOrgId, orgId));
  return { list, totalFen: BigInt(total?.fen ?? "0") };
}
