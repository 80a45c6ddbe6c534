// The funder's rating bar (民事民评 as a condition of payment): the funding organisation, or the
// managers of the paying fund, may ask that acceptance also needs the residents' rating to reach an
// average from enough households. It can be set or lifted only before the first report is
// submitted, so nobody moves the goalposts after the work is judged.
import { eq, isNotNull, and } from "drizzle-orm";
import { db } from "@db/client";
import { milestones, projects } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { rolesOn } from "./access.server";
import type { RatingBarInput } from "./schemas";

export async function setRatingBar(options: { actor: Actor | null; projectId: string; input: RatingBarInput }) {
  const { actor, input } = options;
  return db().transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, options.projectId)).for("update");
    if (!project) throw notFound();
    const roles = await rolesOn(tx, actor, project);
    if (!actor || !(roles.funder || roles.fundManager)) throw forbidden();
    if (project.status !== "active") throw conflict("delivery.projectNotActive");
    const [reported] = await tx.select({ id: milestones.id }).from(milestones).where(and(eq(milestones.projectId, project.id), isNotNull(milestones.firstSubmittedAt))).limit(1);
    if (reported) throw conflict("delivery.ratingBarLocked");
    const bar = input.ratingBar === "none" ? { ratingBarTenths: null, ratingBarHouseholds: null } : { ratingBarTenths: Math.round(Number(input.ratingBar) * 10), ratingBarHouseholds: input.ratingHouseholds! };
    await tx.update(projects).set(bar).where(eq(projects.id, project.id));
    await recordAudit(tx, { actorId: actor.userId, action: "project.rating_bar", entityType: "project", entityId: project.id, detail: { from: { tenths: project.ratingBarTenths, households: project.ratingBarHouseholds }, to: { tenths: bar.ratingBarTenths, households: bar.ratingBarHouseholds } } });
  });
}

/** Whether the actor may set the bar on this project now (for the project page). */
export async function canSetRatingBar(actor: Actor | null, projectId: string): Promise<boolean> {
  if (!actor) return false;
  const [project] = await db().select().from(projects).where(eq(projects.id, projectId));
  if (!project || project.status !== "active") return false;
  const roles = await rolesOn(db(), actor, project);
  if (!(roles.funder || roles.fundManager)) return false;
  const [reported] = await db().select({ id: milestones.id }).from(milestones).where(and(eq(milestones.projectId, project.id), isNotNull(milestones.firstSubmittedAt))).limit(1);
  return !reported;
}
