import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Secrets made for this installation on first use (app/utils/installation-secrets.server.ts), kept
 * with its data so that every web and worker process on one database shares them. Never shown on
 * a page and never written by anything else.
 */
export const installationSecrets = pgTable("installation_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
