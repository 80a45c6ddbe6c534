// 民事民评 in figures: a milestone's visible ratings (a comment hidden by staff hides the comment,
// not the score) and whether they reach the funder's bar.
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { milestoneRatings, type Project } from "@db/schema";

export interface RatingSummary {
  count: number;
  /** Mean score × 10, rounded (35 = 3.5); null without ratings. */
  averageTenths: number | null;
}

export async function ratingSummary(tx: DbOrTx, milestoneId: string): Promise<RatingSummary> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int`, average: sql<string | null>`round(avg(${milestoneRatings.score}) * 10)::text` })
    .from(milestoneRatings)
    .where(and(eq(milestoneRatings.milestoneId, milestoneId)));
  return { count: row.count, averageTenths: row.average === null ? null : Number(row.average) };
}

/** True when the project sets no bar, or enough households rated high enough. */
export function meetsBar(project: Pick<Project, "ratingBarTenths" | "ratingBarHouseholds">, summary: RatingSummary): boolean {
  if (project.ratingBarTenths === null) return true;
  return summary.count >= (project.ratingBarHouseholds ?? 1) && summary.averageTenths !== null && summary.averageTenths >= project.ratingBarTenths;
}
