// Chinese search over a table's generated `search_grams` column (docs/decisions/0007-chinese-search-with-character-grams.md),
// shared by needs and service needs. The index gets the query's rarest gram only (by the column's
// statistics), so the planner knows its frequency exactly; a strpos recheck keeps only rows where
// each whole word occurs. Callers run the query with plan_cache_mode = force_custom_plan so each
// search is planned for its own words.
import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@db/client";

/** Words of a query, each of which must occur whole (lowercased, like the grams). */
export function queryWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The condition for a query: the index's gram, then each word in the lowercased haystack. */
export function gramsMatch(searchGrams: AnyPgColumn, haystack: SQL, q: string, indexGrams: string[]): SQL {
  const words = queryWords(q).map((w) => sql`strpos(lower(${haystack}), ${w}) > 0`);
  // A query of punctuation alone has no gram to look up: it finds nothing rather than scanning every row.
  if (indexGrams.length === 0) return sql`false`;
  return sql`${searchGrams} @> array[${sql.join(indexGrams.map((g) => sql`${g}`), sql`, `)}]::text[] and ${sql.join(words, sql` and `)}`;
}

const STATS_TTL_MS = 5 * 60_000;
const gramStats = new Map<string, { at: number; frequency: Map<string, number> }>();

/** How often each common gram occurs in a table's search_grams, from ANALYZE's statistics (grams not listed are rarer). */
async function gramFrequencies(table: string): Promise<Map<string, number>> {
  const cached = gramStats.get(table);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.frequency;
  const [row] = await db().execute<{ elems: string[] | null; freqs: number[] | null }>(sql`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs::float8[] as freqs
    from pg_stats where schemaname = current_schema() and tablename = ${table} and attname = 'search_grams'`);
  const frequency = new Map((row?.elems ?? []).map((gram, i) => [gram, row?.freqs?.[i] ?? 0]));
  gramStats.set(table, { at: Date.now(), frequency });
  return frequency;
}

/** The gram the index should look up for a query: its rarest in this table (none for a query without letters). */
export async function indexGramsFor(conn: DbOrTx, table: string, q: string): Promise<string[]> {
  const [{ grams }] = await conn.execute<{ grams: string[] }>(sql`select cjk_query_grams(${q}) as grams`);
  if (grams.length <= 1) return grams;
  const frequency = await gramFrequencies(table);
  const rarity = (g: string) => frequency.get(g) ?? 0;
  return [grams.reduce((rarest, g) => (rarity(g) < rarity(rarest) ? g : rarest))];
}

/** Runs a search's query in its own transaction, planned for its own words (a plan cached for 治 is the wrong one for 助浴). */
export async function withCustomPlan<T>(run: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
    return run(tx);
  });
}
