// 民事民评: a verified resident rates a reported milestone 1–5 for their household, once, during the
// window; the rating and its comment are public without names. Staff may hide an abusive comment
// with a reason (the score still counts; the reason stays in the audit log). A rating can be the
// last thing a milestone waited for: then it accepts the milestone and releases the payment.
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@db/client";
import { milestoneRatings } from "@db/schema";
import { householdInScope } from "~/domains/deliberations/scope.server";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { lockMilestone, rolesOn } from "./access.server";
import { ratingOpen } from "./milestone-states";
import { completeIfReady } from "./review.server";
import type { RatingInput } from "./schemas";

export async function rateMilestone(options: { actor: Actor | null; milestoneId: string; input: RatingInput; now?: Date }) {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  if (!actor) throw forbidden();
  const household = actor.household;
  if (!household?.verified) throw forbidden("delivery.rateNeedsHousehold");
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    if (!(await householdInScope(tx, household.householdId, project.scopePlaceId ?? project.communityId))) throw forbidden("delivery.rateOutOfScope");
    // The organisation does not rate its own work.
    if ((await rolesOn(tx, actor, project)).provider) throw forbidden("delivery.ownReport");
    if (!ratingOpen(milestone, now)) throw conflict("delivery.ratingClosed");
    const inserted = await tx
      .insert(milestoneRatings)
      .values({ milestoneId: milestone.id, householdId: household.householdId, score: input.score, comment: input.comment ?? null, ratedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ householdId: milestoneRatings.householdId });
    if (!inserted.length) throw conflict("delivery.householdAlreadyRated");
    await recordAudit(tx, { actorId: actor.userId, action: "milestone.rate", entityType: "milestone", entityId: milestone.id, detail: { householdId: household.householdId, score: input.score } });
    return completeIfReady(tx, project, milestone, null);
  });
}

export async function hideRatingComment(options: { actor: Actor | null; milestoneId: string; ratingId: string; reason: string }) {
  const { actor } = options;
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    if (!actor || !(await rolesOn(tx, actor, project)).staff) throw forbidden();
    const [hidden] = await tx
      .update(milestoneRatings)
      .set({ hiddenAt: new Date(), hiddenBy: actor.userId, hiddenReason: options.reason })
      .where(and(eq(milestoneRatings.milestoneId, milestone.id), eq(milestoneRatings.id, options.ratingId), isNull(milestoneRatings.hiddenAt)))
      .returning({ comment: milestoneRatings.comment });
    if (!hidden) throw notFound();
    // The comment itself goes into the log with the reason, so a hidden comment can be reviewed later.
    await recordAudit(tx, { actorId: actor.userId, action: "milestone.rating_hide", entityType: "milestone", entityId: milestone.id, detail: { ratingId: options.ratingId, reason: options.reason, comment: hidden.comment } });
  });
}
