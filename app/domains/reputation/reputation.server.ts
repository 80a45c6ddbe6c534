// Loads the final evaluations of completed projects and scores them (reputation.ts). One query for
// any number of organisations, so a list or a ranking never asks once per organisation.
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { db, type DbOrTx } from "@db/client";
import { projects, type ProjectEvaluation } from "@db/schema";
import { reputationFrom, type Reputation } from "./reputation";

/** The reputation of each organisation that has completed a project; those without one are absent. */
export async function reputationsOf(orgIds: string[], conn: DbOrTx = db()): Promise<Map<string, Reputation>> {
  const result = new Map<string, Reputation>();
  if (orgIds.length === 0) return result;
  const rows = await conn
    .select({ orgId: projects.providerOrgId, evaluation: projects.evaluation })
    .from(projects)
    .where(and(eq(projects.status, "completed"), isNotNull(projects.evaluation), inArray(projects.providerOrgId, orgIds)));
  const byOrg = new Map<string, ProjectEvaluation[]>();
  for (const row of rows) {
    const list = byOrg.get(row.orgId!) ?? [];
    list.push(row.evaluation!);
    byOrg.set(row.orgId!, list);
  }
  for (const [orgId, evaluations] of byOrg) result.set(orgId, reputationFrom(evaluations)!);
  return result;
}

/** One organisation's reputation; null before it has completed a project. */
export async function reputationOf(orgId: string, conn: DbOrTx = db()): Promise<Reputation | null> {
  return (await reputationsOf([orgId], conn)).get(orgId) ?? null;
}
