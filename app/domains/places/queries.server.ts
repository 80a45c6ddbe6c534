// Reads for the places admin: one level of the tree at a time (a city has tens of thousands of
// places below it), the trail up to the top for breadcrumbs, and candidates for a new parent.
import { and, asc, eq, gt, ilike, isNull, ne, sql } from "drizzle-orm";
import { db } from "@db/client";
import { places, type PlaceLevel } from "@db/schema";

export const CHILDREN_PAGE_SIZE = 100;
const CANDIDATES_LIMIT = 30;

export interface PlaceCrumb {
  id: string;
  name: string;
  level: PlaceLevel;
}

export async function findPlace(placeId: string) {
  const [place] = await db().select().from(places).where(eq(places.id, placeId));
  return place ?? null;
}

/** For each id, the places from the top down to it (itself included). */
export async function trailsOf(ids: string[]): Promise<Map<string, PlaceCrumb[]>> {
  const trails = new Map<string, PlaceCrumb[]>();
  if (ids.length === 0) return trails;
  const rows = await db().execute<{ start_id: string; id: string; name: string; level: PlaceLevel }>(sql`
    with recursive up(start_id, id, parent_id, name, level, depth) as (
      select p.id, p.id, p.parent_id, p.name, p.level, 0 from places p where p.id in ${ids}
      union all
      select up.start_id, p.id, p.parent_id, p.name, p.level, up.depth + 1
      from places p join up on p.id = up.parent_id where up.depth < 10
    )
    select start_id, id, name, level from up order by start_id, depth desc`);
  for (const row of rows) {
    const trail = trails.get(row.start_id) ?? [];
    trail.push({ id: row.id, name: row.name, level: row.level });
    trails.set(row.start_id, trail);
  }
  return trails;
}

/** One page of the children of a place (or of the cities, for null), by name, each with how many children it has. */
export async function childPlaces(parentId: string | null, options: { after?: string } = {}) {
  const rows = await db()
    .select({
      id: places.id,
      name: places.name,
      level: places.level,
      childCount: sql<number>`(select count(*)::int from places c where c.parent_id = ${places.id})`,
    })
    .from(places)
    .where(and(parentId ? eq(places.parentId, parentId) : isNull(places.parentId), options.after ? gt(places.name, options.after) : undefined))
    .orderBy(asc(places.name))
    .limit(CHILDREN_PAGE_SIZE + 1);
  return {
    children: rows.slice(0, CHILDREN_PAGE_SIZE),
    nextAfter: rows.length > CHILDREN_PAGE_SIZE ? rows[CHILDREN_PAGE_SIZE - 1].name : null,
  };
}

/**
 * Where a place could move to: places of its parent's level whose name contains `q`, or without a
 * query the places beside its current parent (the usual move: to the next street, the next grid).
 */
export async function parentCandidates(place: { id: string; parentId: string | null }, parentLevel: PlaceLevel, q?: string) {
  let where;
  if (q) {
    where = and(eq(places.level, parentLevel), ilike(places.name, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  } else {
    const parent = place.parentId ? await findPlace(place.parentId) : null;
    where = and(eq(places.level, parentLevel), parent?.parentId ? eq(places.parentId, parent.parentId) : isNull(places.parentId));
  }
  const rows = await db()
    .select({ id: places.id })
    .from(places)
    .where(and(where, ne(places.id, place.id)))
    .orderBy(asc(places.name))
    .limit(CANDIDATES_LIMIT);
  const trails = await trailsOf(rows.map((r) => r.id));
  return rows.map((r) => ({ id: r.id, trail: trails.get(r.id) ?? [] }));
}
