// Whose households may vote: the scope is a building, a grid or the whole community. These reads
// are made inside the voting and tally transactions, so they see the households as they are then.
import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "@db/client";
import type { PlaceLevel } from "@db/schema";

export const SCOPE_LEVELS: PlaceLevel[] = ["community", "grid", "building"];

/** A place that can be a scope, with the community it sits in (null for other levels). */
export async function scopePlace(placeId: string, tx: DbOrTx = db()) {
  const [row] = await tx.execute<{ id: string; name: string; level: PlaceLevel; community_id: string | null }>(sql`
    select p.id, p.name, p.level,
      case p.level when 'community' then p.id when 'grid' then g.id when 'building' then c.id end as community_id
    from places p
    left join places g on g.id = p.parent_id and g.level = 'community'
    left join places gp on gp.id = p.parent_id and gp.level = 'grid'
    left join places c on c.id = gp.parent_id and c.level = 'community'
    where p.id = ${placeId}`);
  if (!row || !SCOPE_LEVELS.includes(row.level)) return null;
  return { id: row.id, name: row.name, level: row.level, communityId: row.community_id };
}

/** Households whose building is the scope, or lies in it. */
export const householdsOfScope = (scopePlaceId: string) => sql`
  select h.id from households h
  join places b on b.id = h.building_id
  join places g on g.id = b.parent_id
  where (b.id = ${scopePlaceId} or g.id = ${scopePlaceId} or g.parent_id = ${scopePlaceId})`;

export async function scopeHouseholdIds(tx: DbOrTx, scopePlaceId: string): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(householdsOfScope(scopePlaceId));
  return rows.map((r) => r.id);
}

export async function scopeHouseholdCount(tx: DbOrTx, scopePlaceId: string): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from (${householdsOfScope(scopePlaceId)}) s`);
  return row.n;
}

export async function householdInScope(tx: DbOrTx, householdId: string, scopePlaceId: string): Promise<boolean> {
  const [row] = await tx.execute<{ ok: boolean }>(sql`select exists (${householdsOfScope(scopePlaceId)} and h.id = ${householdId}) as ok`);
  return row.ok;
}
