// Which community a building or a household belongs to: the fact every staff permission turns on.
// A building sits under a grid, the grid under its community (the levels are enforced on write).
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type DbOrTx, type Tx } from "@db/client";
import { householdMembers, households, places } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";

const grid = alias(places, "grid");
const community = alias(places, "community");
const communityIdOf = sql<string | null>`case when ${community.level} = 'community' then ${community.id} end`;

export async function buildingInScope(buildingId: string) {
  const [row] = await db()
    .select({ id: places.id, name: places.name, level: places.level, communityId: communityIdOf })
    .from(places)
    .leftJoin(grid, eq(grid.id, places.parentId))
    .leftJoin(community, eq(community.id, grid.parentId))
    .where(eq(places.id, buildingId));
  return row && row.level === "building" ? row : null;
}

export async function householdInScope(householdId: string, tx: DbOrTx = db()) {
  const [row] = await tx
    .select({
      id: households.id,
      label: households.label,
      joinCode: households.joinCode,
      buildingId: households.buildingId,
      buildingName: places.name,
      communityId: communityIdOf,
    })
    .from(households)
    .innerJoin(places, eq(places.id, households.buildingId))
    .leftJoin(grid, eq(grid.id, places.parentId))
    .leftJoin(community, eq(community.id, grid.parentId))
    .where(eq(households.id, householdId));
  return row ?? null;
}

/** The household a person belongs to (with its community), or null; read for update inside a transaction. */
export async function membershipOf(tx: DbOrTx, userId: string) {
  const [row] = await tx
    .select({ householdId: householdMembers.householdId, verified: householdMembers.verified })
    .from(householdMembers)
    .where(eq(householdMembers.userId, userId))
    .for("update");
  if (!row) return null;
  const household = await householdInScope(row.householdId, tx);
  return { ...row, household };
}

/** The household, if the actor may manage it: 404 when there is no such household, 403 when it is another community's. */
export async function managedHousehold(actor: Actor | null, householdId: string) {
  const household = await householdInScope(householdId);
  if (!household) throw notFound();
  authorize(actor, "households.manage", { communityId: household.communityId ?? undefined });
  return { actor, household };
}

/** Takes a person out of their household (of `householdId`, where given) with its audit row; false if they were not in it. */
export async function endMembership(tx: Tx, options: { actorId: string; action: string; userId: string; householdId?: string }): Promise<boolean> {
  const [ended] = await tx
    .delete(householdMembers)
    .where(and(eq(householdMembers.userId, options.userId), options.householdId ? eq(householdMembers.householdId, options.householdId) : undefined))
    .returning({ householdId: householdMembers.householdId, verified: householdMembers.verified });
  if (!ended) return false;
  await recordAudit(tx, {
    actorId: options.actorId,
    action: options.action,
    entityType: "household",
    entityId: ended.householdId,
    fromState: ended.verified ? "verified" : "unverified",
    toState: "removed",
    detail: { userId: options.userId },
  });
  return true;
}
