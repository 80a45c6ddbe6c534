// Reads for the community's household pages and for a resident's own household. Residents' names
// and contacts are shown only to the staff of their community (PIPL), and then half-masked.
import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@db/client";
import { householdLinkRequests, householdMembers, households, places, users } from "@db/schema";
import { trailsOf } from "~/domains/places/queries.server";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { householdInScope } from "./scope.server";

const grid = alias(places, "grid");
/** A resident as staff see them: the contact comes back masked (see `masked`). */
const person = { userId: users.id, name: users.displayName, phone: users.phone, email: users.email };
const masked = <T extends { phone: string | null; email: string | null }>({ phone, email, ...rest }: T) => ({ ...rest, contact: maskContact(phone, email) });

// Door plates and buildings read as people count: 移民小区2栋 before 移民小区10栋, 2单元 before 10单元.
const naturally = new Intl.Collator("zh-CN", { numeric: true }).compare;

/** 138****8000, w***@example.cn: enough to recognise a neighbour, not enough to copy a number. */
export function maskContact(phone: string | null, email: string | null): string {
  if (phone) return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
  if (email) {
    const [local, domain] = email.split("@");
    return `${local.slice(0, 1)}***@${domain}`;
  }
  return "";
}

/** The communities whose committee (居委会/村委会) the actor works for, with where they are. */
export async function staffCommunities(actor: Actor) {
  const ids = [...new Set(actor.memberships.filter((m) => m.placeId && isCommunityStaff(actor, m.placeId)).map((m) => m.placeId!))];
  const trails = await trailsOf(ids);
  return ids
    .map((id) => trails.get(id) ?? [])
    .filter((trail) => trail.at(-1)?.level === "community")
    .map((trail) => ({ id: trail.at(-1)!.id, name: trail.at(-1)!.name, trail: trail.map((p) => p.name).join(" / ") }));
}

const residentCount = sql<number>`count(${householdMembers.userId})::int`;
const pendingCount = sql<number>`(count(${householdMembers.userId}) filter (where not ${householdMembers.verified}))::int`;

/** A community, its grids and buildings with their numbers, and who waits for confirmation. */
export async function communityHouseholds(communityId: string) {
  const [community] = await db()
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.id, communityId), eq(places.level, "community")));
  if (!community) return null;

  const buildings = await db()
    .select({
      id: places.id,
      name: places.name,
      gridId: grid.id,
      gridName: grid.name,
      households: sql<number>`count(distinct ${households.id})::int`,
      residents: residentCount,
      pending: pendingCount,
    })
    .from(grid)
    .innerJoin(places, eq(places.parentId, grid.id))
    .leftJoin(households, eq(households.buildingId, places.id))
    .leftJoin(householdMembers, eq(householdMembers.householdId, households.id))
    .where(eq(grid.parentId, community.id))
    .groupBy(places.id, grid.id);
  buildings.sort((a, b) => naturally(a.gridName, b.gridName) || a.gridId.localeCompare(b.gridId) || naturally(a.name, b.name));

  const grids: { id: string; name: string; buildings: typeof buildings }[] = [];
  for (const b of buildings) {
    const last = grids.at(-1);
    if (last?.id === b.gridId) last.buildings.push(b);
    else grids.push({ id: b.gridId, name: b.gridName, buildings: [b] });
  }

  const waiting = await db()
    .select({
      ...person,
      householdId: households.id,
      label: households.label,
      building: places.name,
      since: householdMembers.createdAt,
    })
    .from(householdMembers)
    .innerJoin(users, eq(users.id, householdMembers.userId))
    .innerJoin(households, eq(households.id, householdMembers.householdId))
    .innerJoin(places, eq(places.id, households.buildingId))
    .innerJoin(grid, eq(grid.id, places.parentId))
    .where(and(eq(grid.parentId, community.id), eq(householdMembers.verified, false)))
    .orderBy(asc(householdMembers.createdAt))
    .limit(200);

  return {
    community,
    grids,
    waiting: waiting.map(masked),
  };
}

/** The households of one building, by door plate, with their numbers and join codes. */
export async function buildingHouseholds(buildingId: string) {
  const rows = await db()
    .select({ id: households.id, label: households.label, joinCode: households.joinCode, residents: residentCount, pending: pendingCount })
    .from(households)
    .leftJoin(householdMembers, eq(householdMembers.householdId, households.id))
    .where(eq(households.buildingId, buildingId))
    .groupBy(households.id);
  return rows.sort((a, b) => naturally(a.label, b.label));
}

/** One household with its members, for the staff who manage it. */
export async function householdDetail(householdId: string) {
  const household = await householdInScope(householdId);
  if (!household) return null;
  const linker = alias(users, "linker");
  const members = await db()
    .select({
      ...person,
      verified: householdMembers.verified,
      since: householdMembers.createdAt,
      linkedBy: linker.displayName,
    })
    .from(householdMembers)
    .innerJoin(users, eq(users.id, householdMembers.userId))
    .leftJoin(linker, eq(linker.id, householdMembers.linkedBy))
    .where(eq(householdMembers.householdId, householdId))
    .orderBy(asc(householdMembers.createdAt));
  // Those asked to join and not yet answered: the contact staff typed, masked, never a name.
  const asked = await db()
    .select({ id: householdLinkRequests.id, contact: householdLinkRequests.contactHint, since: householdLinkRequests.createdAt, requestedBy: linker.displayName })
    .from(householdLinkRequests)
    .innerJoin(linker, eq(linker.id, householdLinkRequests.requestedBy))
    .where(and(eq(householdLinkRequests.householdId, householdId), gt(householdLinkRequests.expiresAt, new Date())))
    .orderBy(asc(householdLinkRequests.createdAt));
  return { household, members: members.map(masked), asked };
}

/** The households staff have asked the resident to join, still waiting for their answer. */
export async function linkRequestsFor(userId: string) {
  const requests = await db()
    .select({
      id: householdLinkRequests.id,
      label: households.label,
      buildingId: households.buildingId,
      requestedBy: users.displayName,
      expiresAt: householdLinkRequests.expiresAt,
    })
    .from(householdLinkRequests)
    .innerJoin(households, eq(households.id, householdLinkRequests.householdId))
    .innerJoin(users, eq(users.id, householdLinkRequests.requestedBy))
    .where(and(eq(householdLinkRequests.userId, userId), gt(householdLinkRequests.expiresAt, new Date())))
    .orderBy(asc(householdLinkRequests.createdAt));
  const trails = await trailsOf([...new Set(requests.map((r) => r.buildingId))]);
  return requests.map(({ buildingId, ...r }) => ({ ...r, where: (trails.get(buildingId) ?? []).map((p) => p.name).join(" / ") }));
}

/** The resident's own household, where it is, and whether staff have confirmed them yet. */
export async function myHousehold(userId: string) {
  const [row] = await db()
    .select({ householdId: householdMembers.householdId, verified: householdMembers.verified })
    .from(householdMembers)
    .where(eq(householdMembers.userId, userId));
  if (!row) return null;
  const household = await householdInScope(row.householdId);
  if (!household) return null;
  const trail = (await trailsOf([household.buildingId])).get(household.buildingId) ?? [];
  const [{ members }] = await db().select({ members: count() }).from(householdMembers).where(eq(householdMembers.householdId, household.id));
  return {
    label: household.label,
    where: trail.map((p) => p.name).join(" / "),
    verified: row.verified,
    members,
  };
}
