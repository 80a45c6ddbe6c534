import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, households, memberships, organisations, places } from "@db/schema";

/** What the account page shows its owner: their organisations and their household. */
export async function accountOverview(userId: string) {
  const [orgs, household] = await Promise.all([
    db()
      .select({ id: organisations.id, name: organisations.name, kind: organisations.kind, status: organisations.status, role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.userId, userId)),
    db()
      .select({ label: households.label, building: places.name, verified: householdMembers.verified })
      .from(householdMembers)
      .innerJoin(households, eq(households.id, householdMembers.householdId))
      .innerJoin(places, eq(places.id, households.buildingId))
      .where(eq(householdMembers.userId, userId)),
  ]);
  return { orgs, household: household[0] ?? null };
}
