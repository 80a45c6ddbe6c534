// The one query behind every list of needs: the public list, a community's inbox, a street's
// inbox, a community's public page. Chinese words are found through the character-gram index
// (docs/decisions/0007-chinese-search-with-character-grams.md): `search_grams @> grams` is answered
// by the GIN index, and a recheck keeps only needs where each word occurs whole.
//
// Which grams go to the index is chosen with the planner in mind. Its estimate for several grams
// multiplies their frequencies as if they were independent, but the bigrams of one word (养老, 老服,
// 服务) come together: it then expects a handful of rows for 养老服务, reads thousands through the
// index and sorts them (≈150 ms on 200,000 needs). So the index gets the query's rarest gram only
// (by the column's statistics): a necessary condition whose frequency the planner knows exactly, so
// it reads a common word's newest needs in date order and looks a rare one up in the index. The
// recheck of the whole words keeps the result exact either way.
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@db/client";
import { gramsMatch, indexGramsFor as rarestGramOf, queryWords, withCustomPlan } from "~/domains/search/cjk-search.server";
import { needs, places, type NeedCategory, type NeedStatus } from "@db/schema";
import { INBOX_PAGE_SIZE, type NeedSort } from "./schemas";

export interface NeedSearch {
  q?: string;
  category?: NeedCategory;
  communityId?: string;
  /** The need's place is one of these (a grid and its buildings, or one building). */
  placeIds?: string[];
  statuses?: NeedStatus[];
  excludeStatuses?: NeedStatus[];
  publicOnly?: boolean;
  escalatedToId?: string;
  sort?: NeedSort;
  page?: number;
  pageSize?: number;
}

function matches(q: string, indexGrams: string[]): SQL {
  return gramsMatch(needs.searchGrams, sql`${needs.title} || ' ' || ${needs.description}`, q, indexGrams);
}

const community = alias(places, "community");

/**
 * The query of one page (one row more, to tell whether there is a next page), wrapped so it is not
 * run yet: the benchmark and tests EXPLAIN it.
 */
export async function needSearchQuery(search: NeedSearch, conn: DbOrTx = db()) {
  const pageSize = search.pageSize ?? INBOX_PAGE_SIZE;
  const page = search.page ?? 1;
  const q = search.q && queryWords(search.q).length ? search.q : undefined;
  const where = and(
    q ? matches(q, await rarestGramOf(conn, "needs", q)) : undefined,
    search.category ? eq(needs.category, search.category) : undefined,
    search.communityId ? eq(needs.communityId, search.communityId) : undefined,
    search.placeIds?.length ? inArray(needs.placeId, search.placeIds) : undefined,
    search.statuses?.length ? inArray(needs.status, search.statuses) : undefined,
    search.excludeStatuses?.length ? notInArray(needs.status, search.excludeStatuses) : undefined,
    search.publicOnly ? eq(needs.isPublic, true) : undefined,
    search.escalatedToId ? eq(needs.escalatedToId, search.escalatedToId) : undefined,
  );
  const order = search.sort === "oldest" ? [asc(needs.createdAt), asc(needs.id)] : [desc(needs.createdAt), desc(needs.id)];
  // One row more than a page tells whether there is a next page without counting every match.
  const query = conn
    .select({
      id: needs.id,
      title: needs.title,
      excerpt: sql<string>`left(${needs.description}, 120)`,
      category: needs.category,
      status: needs.status,
      triage: needs.triage,
      isPublic: needs.isPublic,
      communityId: needs.communityId,
      communityName: community.name,
      placeId: needs.placeId,
      placeName: places.name,
      triageNote: needs.triageNote,
      createdAt: needs.createdAt,
    })
    .from(needs)
    .innerJoin(community, eq(community.id, needs.communityId))
    .innerJoin(places, eq(places.id, needs.placeId))
    .where(where)
    .orderBy(...order)
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize);
  return { query };
}

export async function searchNeeds(search: NeedSearch) {
  const pageSize = search.pageSize ?? INBOX_PAGE_SIZE;
  const page = search.page ?? 1;
  const rows = search.q
    ? await withCustomPlan(async (tx) => (await needSearchQuery(search, tx)).query)
    : await (await needSearchQuery(search)).query;
  return { needs: rows.slice(0, pageSize), page, hasMore: rows.length > pageSize };
}

export type NeedListItem = Awaited<ReturnType<typeof searchNeeds>>["needs"][number];
