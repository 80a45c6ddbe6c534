// An organisation member saves the browse filters; the daily digest (digest.server.ts) tells them
// of service needs published since, that match.
import { and, desc, eq } from "drizzle-orm";
import { db } from "@db/client";
import { savedSearches } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { providerOrgOf } from "./ask-question.server";
import { marketFilterSchema, type MarketFilter } from "./schemas";

/** Only the filters; the page is not part of a saved search. Amounts are kept as fen text (JSON has no bigint). */
export function storedFilters(filter: Partial<MarketFilter>): Record<string, string> {
  const out: Record<string, string> = {};
  if (filter.q) out.q = filter.q;
  if (filter.category) out.category = filter.category;
  if (filter.placeId) out.placeId = filter.placeId;
  if (filter.budgetMin !== undefined) out.budgetMinFen = String(filter.budgetMin);
  if (filter.budgetMax !== undefined) out.budgetMaxFen = String(filter.budgetMax);
  if (filter.deadlineBy) out.deadlineBy = filter.deadlineBy;
  return out;
}

/** Stored filters back as a search (a filter that no longer parses is dropped, not an error). */
export function filtersOf(stored: unknown): Partial<MarketFilter> {
  const s = (stored ?? {}) as Record<string, string | undefined>;
  const fen = (v?: string) => (v && /^\d+$/.test(v) ? BigInt(v) : undefined);
  const { page: _page, ...rest } = marketFilterSchema.parse({ q: s.q, category: s.category, placeId: s.placeId, deadlineBy: s.deadlineBy });
  return { ...rest, budgetMin: fen(s.budgetMinFen), budgetMax: fen(s.budgetMaxFen) };
}

/** The browse URL's query string for stored filters (links in pages and digests). */
export function marketQueryString(stored: unknown): string {
  const s = (stored ?? {}) as Record<string, string | undefined>;
  const yuan = (v?: string) => (v && /^\d+$/.test(v) ? (Number(v) / 100).toString() : undefined);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ q: s.q, category: s.category, placeId: s.placeId, budgetMin: yuan(s.budgetMinFen), budgetMax: yuan(s.budgetMaxFen), deadlineBy: s.deadlineBy })) if (v) params.set(k, v);
  return params.toString();
}

export async function saveSearch(options: { actor: Actor | null; name: string; orgId?: string; filter: Partial<MarketFilter> }) {
  const { actor } = options;
  authorize(actor, "account.use");
  const orgId = providerOrgOf(actor, options.orgId);
  return db().transaction(async (tx) => {
    const id = newId();
    await tx.insert(savedSearches).values({ id, orgId, userId: actor.userId, name: options.name, filters: storedFilters(options.filter) });
    await recordAudit(tx, { actorId: actor.userId, action: "saved_search.create", entityType: "saved_search", entityId: id });
    return { id };
  });
}

/** Deletes one's own saved search; somebody else's does not exist for them (404). */
export async function deleteSavedSearch(options: { actor: Actor | null; savedSearchId: string }) {
  const { actor } = options;
  authorize(actor, "account.use");
  await db().transaction(async (tx) => {
    const deleted = await tx.delete(savedSearches).where(and(eq(savedSearches.id, options.savedSearchId), eq(savedSearches.userId, actor.userId))).returning({ id: savedSearches.id });
    if (!deleted.length) throw notFound();
    await recordAudit(tx, { actorId: actor.userId, action: "saved_search.delete", entityType: "saved_search", entityId: options.savedSearchId });
  });
}

export async function mySavedSearches(userId: string) {
  const rows = await db().select().from(savedSearches).where(eq(savedSearches.userId, userId)).orderBy(desc(savedSearches.createdAt));
  return rows.map((r) => ({ id: r.id, name: r.name, query: marketQueryString(r.filters) }));
}
