// The daily digest: each saved search's owner hears of service needs published since the last
// digest that match it. Each search moves its mark forward in its own transaction with its
// notification job, so a search is never told twice about the same needs, nor skipped.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { savedSearches } from "@db/schema";
import { enqueueJob } from "~/utils/jobs.server";
import { marketSearchQuery } from "./queries.server";
import { filtersOf, marketQueryString } from "./saved-searches.server";

export async function sendDigests(now = new Date()): Promise<number> {
  const searches = await db().select({ id: savedSearches.id }).from(savedSearches);
  let sent = 0;
  for (const { id } of searches) {
    const told = await db().transaction(async (tx) => {
      const [search] = await tx.select().from(savedSearches).where(eq(savedSearches.id, id)).for("update");
      if (!search) return false;
      const found = await marketSearchQuery({ ...filtersOf(search.filters), publishedAfter: search.lastDigestAt, now }, tx);
      await tx.update(savedSearches).set({ lastDigestAt: now }).where(eq(savedSearches.id, id));
      if (!found.length) return false;
      const count = found.length > 20 ? "20+" : String(found.length);
      await enqueueJob(tx, "notify", {
        key: `marketplace.digest:${id}:${now.toISOString()}`,
        kind: "marketplace.digest",
        title: "marketplace.notifyDigestTitle",
        body: "marketplace.notifyDigestBody",
        params: { name: search.name, count, first: found[0].title },
        link: `/market?${marketQueryString(search.filters)}`,
        userIds: [search.userId],
      });
      return true;
    });
    if (told) sent++;
  }
  return sent;
}
