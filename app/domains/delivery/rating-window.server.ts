// When a milestone's rating window closes and the residents' ratings have not reached the funder's
// bar, the milestone cannot be accepted as it stands. Staff and the organisation are told once per
// window (a resubmission opens a new window: ADR 0010), with the figures, so they can act — the
// organisation improves the work, staff send the report back — instead of waiting for nothing.
import { and, eq, isNotNull, lte } from "drizzle-orm";
import { db } from "@db/client";
import { milestoneReminders, milestones, projects } from "@db/schema";
import { staffOf } from "~/domains/needs/steps.server";
import { enqueueJob } from "~/utils/jobs.server";
import { meetsBar, ratingSummary } from "./ratings.server";

export async function runRatingWindowSweep(now: Date = new Date()): Promise<number> {
  const closed = await db()
    .select({ milestone: milestones, project: projects })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .where(and(eq(milestones.status, "submitted"), lte(milestones.ratingClosesAt, now), isNotNull(projects.ratingBarTenths), eq(projects.status, "active")));
  let told = 0;
  for (const { milestone, project } of closed) {
    const summary = await ratingSummary(db(), milestone.id);
    if (meetsBar(project, summary)) continue;
    // One notice per window: the window's end is part of the reminder's kind.
    const kind = `rating_short:${milestone.ratingClosesAt!.toISOString()}`;
    await db().transaction(async (tx) => {
      const [claimed] = await tx.insert(milestoneReminders).values({ milestoneId: milestone.id, kind }).onConflictDoNothing().returning({ kind: milestoneReminders.kind });
      if (!claimed) return;
      await enqueueJob(tx, "notify", {
        key: `milestone-${kind}:${milestone.id}`,
        kind: "milestone_rating_short",
        title: "delivery.notify.ratingShortTitle",
        body: "delivery.notify.ratingShortBody",
        params: {
          project: project.title,
          milestone: milestone.title,
          count: summary.count,
          average: summary.averageTenths === null ? "–" : (summary.averageTenths / 10).toFixed(1),
          bar: (project.ratingBarTenths! / 10).toFixed(1),
          households: project.ratingBarHouseholds ?? 1,
        },
        link: `/projects/${project.id}/milestones/${milestone.id}`,
        userIds: await staffOf(tx, "community_committee", project.communityId),
        orgAdminsOf: project.providerOrgId ? [project.providerOrgId] : undefined,
      });
      told++;
    });
  }
  return told;
}
