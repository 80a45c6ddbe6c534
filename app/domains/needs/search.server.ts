// The one query behind every list of needs: the public list, a community's inbox, a street's
// inbox, a community's public page. Chinese words are found through the character-gram index
// (docs/decisions/0007-chinese-search-with-character-grams.md): `search_grams @> cjk_query_grams(q)`
// is answered by the GIN index, and a recheck keeps only needs where each word occurs whole.
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@db/client";
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

/** Words of a query, each of which must occur whole (lowercased, like the grams). */
export function queryWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

function matches(q: string): SQL {
  const haystack = sql`lower(${needs.title} || ' ' || ${needs.description})`;
  const words = queryWords(q).map((w) => sql`strpos(${haystack}, ${w}) > 0`);
  return sql`${needs.searchGrams} @> cjk_query_grams(${q}) and ${sql.join(words, sql` and `)}`;
}

const community = alias(places, "community");

/** The query of one page (one row more, to tell whether there is a next page); EXPLAIN-able. */
export function needSearchQuery(search: NeedSearch) {
  const pageSize = search.pageSize ?? INBOX_PAGE_SIZE;
  const page = search.page ?? 1;
  const where = and(
    search.q && queryWords(search.q).length ? matches(search.q) : undefined,
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
  return db()
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
}

export async function searchNeeds(search: NeedSearch) {
  const pageSize = search.pageSize ?? INBOX_PAGE_SIZE;
  const page = search.page ?? 1;
  const rows = await needSearchQuery(search);
  return { needs: rows.slice(0, pageSize), page, hasMore: rows.length > pageSize };
}

export type NeedListItem = Awaited<ReturnType<typeof searchNeeds>>["needs"][number];
