// Where a need can be: a community, or a grid or building of it. Staff permissions, the place
// filter of the inboxes and the street a 大事 goes to all turn on these facts.
import { and, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@db/client";
import { places } from "@db/schema";

const grid = alias(places, "grid");
const naturally = new Intl.Collator("zh-CN", { numeric: true }).compare;

export interface CommunityPlaces {
  community: { id: string; name: string; streetId: string | null };
  /** Grids, each with its buildings, in the order people count them. */
  grids: { id: string; name: string; buildings: { id: string; name: string }[] }[];
}

/** A community with its street and its grids and buildings; null when the id is no community. */
export async function communityPlaces(communityId: string): Promise<CommunityPlaces | null> {
  const street = alias(places, "street");
  const [community] = await db()
    .select({ id: places.id, name: places.name, streetId: street.id })
    .from(places)
    .leftJoin(street, and(eq(street.id, places.parentId), eq(street.level, "street")))
    .where(and(eq(places.id, communityId), eq(places.level, "community")));
  if (!community) return null;
  const rows = await db()
    .select({ gridId: grid.id, gridName: grid.name, buildingId: places.id, buildingName: places.name })
    .from(grid)
    .leftJoin(places, and(eq(places.parentId, grid.id), eq(places.level, "building")))
    .where(and(eq(grid.parentId, communityId), eq(grid.level, "grid")));
  const grids = new Map<string, CommunityPlaces["grids"][number]>();
  for (const row of rows) {
    const g = grids.get(row.gridId) ?? { id: row.gridId, name: row.gridName, buildings: [] };
    if (row.buildingId && row.buildingName) g.buildings.push({ id: row.buildingId, name: row.buildingName });
    grids.set(row.gridId, g);
  }
  const sorted = [...grids.values()].sort((a, b) => naturally(a.name, b.name));
  for (const g of sorted) g.buildings.sort((a, b) => naturally(a.name, b.name));
  return { community, grids: sorted };
}

/** Whether a place is the community itself or one of its grids or buildings. */
export function isPlaceOf(scope: CommunityPlaces, placeId: string): boolean {
  return placeId === scope.community.id || scope.grids.some((g) => g.id === placeId || g.buildings.some((b) => b.id === placeId));
}

/** The ids a place filter covers: a grid covers its buildings. */
export function placeFilterIds(scope: CommunityPlaces, placeId: string): string[] {
  const g = scope.grids.find((x) => x.id === placeId);
  return g ? [g.id, ...g.buildings.map((b) => b.id)] : [placeId];
}

/** For the place selects: the community, then each grid followed by its buildings. */
export function placeOptions(scope: CommunityPlaces): { value: string; label: string }[] {
  return scope.grids.flatMap((g) => [{ value: g.id, label: g.name }, ...g.buildings.map((b) => ({ value: b.id, label: `${g.name} / ${b.name}` }))]);
}

/** Names of places, by id. */
export async function placeNames(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db().select({ id: places.id, name: places.name }).from(places).where(inArray(places.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
