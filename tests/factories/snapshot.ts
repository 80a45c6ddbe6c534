// What every table of the test's database holds, in brief: its row count and the newest row version
// (PostgreSQL gives every inserted or updated row version the writing transaction's id, xmin), so a
// test can say that a request wrote nothing (no row added, removed or changed) or only where it may.
import { sql } from "drizzle-orm";
import { db } from "@db/client";

export type Snapshot = Record<string, { rows: number; hash: string }>; // hash: "rows:newest xmin"

let query = "";

/** Every table of the public schema, and graphile-worker's jobs (a request that queues work writes there). */
export async function snapshotTables(): Promise<Snapshot> {
  if (!query) {
    const tables = await db().execute<{ name: string; label: string }>(sql`
      select format('%I.%I', table_schema, table_name) as name, case when table_schema = 'public' then table_name else table_schema || '.' || table_name end as label
      from information_schema.tables
      where table_type = 'BASE TABLE' and (table_schema = 'public' or (table_schema = 'graphile_worker' and table_name = '_private_jobs'))
      order by 1`);
    query = `select ${tables
      .map((t) => `(select count(*)::int || ':' || coalesce(max(xmin::text::bigint), 0) from ${t.name}) as "${t.label}"`)
      .join(", ")}`;
  }
  const [row] = await db().execute<Record<string, string>>(sql.raw(query));
  return Object.fromEntries(Object.entries(row).map(([table, value]) => [table, { rows: Number(value.split(":")[0]), hash: value }]));
}

/** The tables that differ between two snapshots, described as "table (rows 3→4)" or "table (a row changed)". */
export function changedTables(before: Snapshot, after: Snapshot, allowed: Iterable<string> = []): string[] {
  const may = new Set(allowed);
  return Object.keys(after)
    .filter((t) => !may.has(t) && before[t]?.hash !== after[t].hash)
    .map((t) => (before[t]?.rows !== after[t].rows ? `${t} (rows ${before[t]?.rows ?? 0}→${after[t].rows})` : `${t} (a row changed)`));
}
