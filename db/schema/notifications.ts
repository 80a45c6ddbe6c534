import { index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/** In-app notifications, written by worker tasks. */
export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    // What caused it (e.g. "org.verified:<id>"): a retried job never notifies twice.
    dedupeKey: text("dedupe_key").notNull(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user").on(t.userId, t.createdAt), uniqueIndex("notifications_dedupe").on(t.userId, t.dedupeKey)],
);

/**
 * Every email and text message the platform sends, whichever way it went: through SMTP when
 * configured, otherwise only kept here for the development outbox page (/dev/outbox).
 * No SMS gateway is reachable from here, so text messages are always kept here for now.
 */
export const messageOutbox = pgTable("message_outbox", {
  id: text("id").primaryKey(),
  channel: text("channel").notNull(), // "email" | "sms"
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  transport: text("transport").notNull(), // "smtp" | "outbox"
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
