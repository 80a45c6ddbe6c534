// The dashboard's filters, from the URL: a value that is not one (a day that does not exist, an
// unknown category) is dropped, so a hand-edited address still shows the page.
import { z } from "zod";
import type { NeedCategory, Project } from "@db/schema";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { isoDate } from "~/domains/marketplace/schemas";
import { rowId } from "~/domains/places/schemas";

// Spelled out (not read from the schema) so the browser bundle never pulls in the database code.
export const PROJECT_STATUSES = ["contracting", "active", "completed", "terminated"] as const satisfies readonly Project["status"][];

export const dashboardFilterSchema = z.object({
  // Days in China time, both included: payments by the day they were released, everything else by
  // the day its project was born.
  from: isoDate.optional().catch(undefined),
  to: isoDate.optional().catch(undefined),
  category: z.enum(NEED_CATEGORIES as [NeedCategory, ...NeedCategory[]]).optional().catch(undefined),
  status: z.enum(PROJECT_STATUSES).optional().catch(undefined),
  // One community of the street (the street's dashboard only).
  communityId: rowId().optional().catch(undefined),
});

export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export function parseDashboardFilter(url: string): DashboardFilter {
  const params = Object.fromEntries([...new URL(url).searchParams].filter(([, v]) => v !== ""));
  return dashboardFilterSchema.parse(params);
}

/** Ratings (4.3) and service hours (12.5) are kept in tenths, and read with one decimal. */
export const tenthsText = (tenths: number) => (tenths / 10).toFixed(1);
