// One postgres.js pool per process, created on first use from DATABASE_URL
// (set by the operator, or by scripts/start.ts and the test harness for the embedded cluster).
import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Database = PostgresJsDatabase<typeof schema>;
/** A transaction handle; every use case that writes takes one or opens one. */
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DbOrTx = Database | Tx;

let client: postgres.Sql | undefined;
let database: Database | undefined;

export function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start the platform with `npm start`, which provides one.");
  return url;
}

export function sqlClient(): postgres.Sql {
  client ??= postgres(databaseUrl(), {
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    onnotice: () => {},
    // Timestamps are compared and shown in Asia/Shanghai by the app; the wire stays UTC.
    connection: { TimeZone: "UTC" },
  });
  return client;
}

export function db(): Database {
  database ??= drizzle(sqlClient(), { schema });
  return database;
}

export async function closeDb() {
  const c = client;
  client = undefined;
  database = undefined;
  await c?.end({ timeout: 5 });
}

export { schema };
