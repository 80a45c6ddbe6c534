// Limits on how often something may happen (codes sent to a number, sign-ups from an address…).
// Each hit is counted by one INSERT … ON CONFLICT … RETURNING in a fixed time window, so a
// parallel burst cannot slip in between a read and a write: the database hands out the numbers.
import { sql } from "drizzle-orm";
import { db, type DbOrTx } from "@db/client";
import type { MessageKey } from "~/locales";
import { AppError } from "./errors";

export interface RateLimit {
  /** What is counted, e.g. `code:13800138000` or `signup-ip:10.0.0.1`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/**
 * Counts one hit against every limit and refuses (429, "try again in N minutes") when any of
 * them is now over. A refused hit still counts: hammering does not reopen the window early.
 */
export async function countHit(limits: RateLimit[], message: MessageKey = "errors.rateLimitedFor", tx: DbOrTx = db()) {
  for (const { key, limit, windowSeconds } of limits) {
    const [row] = await tx.execute<{ hits: number; seconds_left: number }>(sql`
      insert into rate_counters (key, window_start, hits)
      values (${key}, to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 1)
      on conflict (key, window_start) do update set hits = rate_counters.hits + 1
      returning hits, extract(epoch from window_start + make_interval(secs => ${windowSeconds}) - now())::int as seconds_left`);
    if (row.hits > limit) {
      throw new AppError("rate_limited", { message, params: { minutes: Math.max(1, Math.ceil(row.seconds_left / 60)) } });
    }
  }
}

/** Forgets windows that have closed (run by the worker now and then; counters are small rows). */
export async function forgetClosedWindows(olderThanHours = 48) {
  await db().execute(sql`delete from rate_counters where window_start < now() - make_interval(hours => ${olderThanHours})`);
}
