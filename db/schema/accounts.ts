// Accounts and sessions. Sessions are rows read and written only through lucia
// (app/utils/auth.server.ts), see docs/decisions/0003-remix-and-lucia-behind-seams.md.
import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    // A person signs up with a mainland mobile number or an email; at least one is present.
    phone: text("phone").unique(),
    email: text("email").unique(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    // When the person proved, by a one-time code, that they hold the number or the address.
    // Invitations, household links and anything that grants a role go only to a verified contact.
    phoneVerifiedAt: timestamp("phone_verified_at", { withTimezone: true }),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    locale: text("locale").notNull().default("zh-CN"),
    // 平台管理员 (民政局): verifies organisations, manages places.
    isPlatformAdmin: boolean("is_platform_admin").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    // When the account lost its last contact, never proved, to the person who proved it by code
    // at sign-up (docs/decisions/0011-contact-verification.md); such an account has no way in.
    contactLostAt: timestamp("contact_lost_at", { withTimezone: true }),
  },
  (t) => [check("users_contact_present", sql`${t.phone} is not null or ${t.email} is not null or ${t.contactLostAt} is not null`)],
);

export const sessions = pgTable("sessions", {
  id: text("id").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
});

/** Failed sign-ins per identifier (phone/email) and per client address, to slow and then refuse guessing. */
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export const codePurpose = pgEnum("code_purpose", [
  "verify_contact", // proves the account holds its phone number or email
  "sign_in", // lets the owner in while their account is locked by someone else's wrong guesses
]);

/**
 * One-time codes sent by text or email (docs/decisions/0011-contact-verification.md). Only a hash
 * of the code is kept; a code lives 10 minutes and allows 5 tries.
 */
export const oneTimeCodes = pgTable(
  "one_time_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: codePurpose("purpose").notNull(),
    // The number or address the code was sent to, as stored on the account.
    contact: text("contact").notNull(),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("one_time_codes_user").on(t.userId, t.purpose, t.contact, t.createdAt)],
);

/** Hits per key in fixed time windows (codes sent per number, sign-ups per address…), counted atomically. */
export const rateCounters = pgTable(
  "rate_counters",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

export type User = typeof users.$inferSelect;
