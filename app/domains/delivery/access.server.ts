// Who someone is to a project in delivery. The organisation delivering it reports; the community's
// staff accept; a supervisory-committee member (监委会, a supervisor of the paying fund) co-signs;
// the fund's managers and the funding organisation's admins see the money. Everyone else sees the
// public page only.
import { and, eq } from "drizzle-orm";
import { db, type DbOrTx, type Tx } from "@db/client";
import { fundRoles, milestones, projects, type Milestone, type Project } from "@db/schema";
import { notFound } from "~/utils/errors";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";

export interface DeliveryRoles {
  provider: boolean; // a member of the delivering organisation
  staff: boolean; // community staff of the project's community
  supervisor: boolean; // 监委会: a supervisor of the fund that pays
  fundManager: boolean;
  funder: boolean; // an owner or admin of the funding organisation (payment instructions)
}

export const NO_ROLES: DeliveryRoles = { provider: false, staff: false, supervisor: false, fundManager: false, funder: false };

export async function rolesOn(tx: DbOrTx, actor: Actor | null, project: Project): Promise<DeliveryRoles> {
  if (!actor) return NO_ROLES;
  const onFund = project.fundId
    ? (await tx.select({ role: fundRoles.role }).from(fundRoles).where(and(eq(fundRoles.fundId, project.fundId), eq(fundRoles.userId, actor.userId)))).map((r) => r.role)
    : [];
  return {
    provider: !!project.providerOrgId && actor.memberships.some((m) => m.orgId === project.providerOrgId),
    staff: isCommunityStaff(actor, project.communityId),
    supervisor: onFund.includes("supervisor"),
    fundManager: onFund.includes("manager"),
    funder: !!project.funderOrgId && actor.memberships.some((m) => m.orgId === project.funderOrgId && (m.role === "owner" || m.role === "admin")),
  };
}

/** Sees the working side of delivery: drafts, review comments, evidence files, payments. */
export const isInvolved = (r: DeliveryRoles) => r.provider || r.staff || r.supervisor || r.fundManager || r.funder;

/** A milestone and its project, read without locks (for pages and pre-checks). */
export async function milestoneWithProject(milestoneId: string, tx: DbOrTx = db()): Promise<{ milestone: Milestone; project: Project }> {
  const [row] = await tx.select({ milestone: milestones, project: projects }).from(milestones).innerJoin(projects, eq(projects.id, milestones.projectId)).where(eq(milestones.id, milestoneId));
  if (!row) throw notFound();
  return row;
}

/**
 * The project row, then the milestone row, locked for update — always in that order, so that two
 * transitions of one project (two acceptances, an acceptance and a rating) queue instead of deadlocking.
 */
export async function lockMilestone(tx: Tx, milestoneId: string): Promise<{ milestone: Milestone; project: Project }> {
  const { project: unlocked } = await milestoneWithProject(milestoneId, tx);
  const [project] = await tx.select().from(projects).where(eq(projects.id, unlocked.id)).for("update");
  const [milestone] = await tx.select().from(milestones).where(eq(milestones.id, milestoneId)).for("update");
  return { milestone, project };
}
