import { sql } from "drizzle-orm";
import { db } from "@db/client";

export interface DatabaseHealth {
  database: "up" | "down";
  migrations: number | null;
  latencyMs: number | null;
}

/** For load balancers and scripts that wait for the app: can we reach PostgreSQL, and how migrated is it? */
export async function checkDatabase(): Promise<DatabaseHealth> {
  const started = performance.now();
  try {
    const rows = await db().execute<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return { database: "up", migrations: Number(rows[0]?.n ?? 0), latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { database: "down", migrations: null, latencyMs: null };
  }
}
