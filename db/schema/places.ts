// 区 → 街道/镇 → 社区/村 → 网格 → 楼栋/院落, and households (户) under buildings.
import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const placeLevel = pgEnum("place_level", ["city", "district", "street", "community", "grid", "building"]);

export const places = pgTable(
  "places",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id").references((): AnyPgColumn => places.id),
    level: placeLevel("level").notNull(),
    name: text("name").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Two places of one parent never share a name; top-level names are unique among themselves.
    uniqueIndex("places_parent_name").on(sql`coalesce(${t.parentId}, '')`, t.name),
    index("places_parent").on(t.parentId),
  ],
);

export const households = pgTable(
  "households",
  {
    id: text("id").primaryKey(),
    buildingId: text("building_id")
      .notNull()
      .references(() => places.id),
    // The door plate, e.g. "2单元 301".
    label: text("label").notNull(),
    // Handed out by staff so residents can join the household themselves.
    joinCode: text("join_code").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("households_building_label").on(t.buildingId, t.label)],
);

/** A resident belongs to at most one household; that link is what "one household, one vote" counts. */
export const householdMembers = pgTable("household_members", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  householdId: text("household_id")
    .notNull()
    .references(() => households.id),
  // Linked by staff, or joined by code and then confirmed by staff.
  verified: boolean("verified").notNull().default(false),
  linkedBy: text("linked_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Staff asked a person, found by a contact they proved, to join a household; they join only when
 * they accept (docs/decisions/0011-contact-verification.md). Until then staff see the contact they
 * typed, masked, never the name. A row lives only while the request is pending: accepting,
 * declining and cancelling delete it (the audit log keeps each step); past `expires_at` it counts
 * for nothing.
 */
export const householdLinkRequests = pgTable(
  "household_link_requests",
  {
    id: text("id").primaryKey(),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The phone or email staff typed, masked (139****0001): what staff see while it is pending.
    contactHint: text("contact_hint").notNull(),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("household_link_requests_household_user").on(t.householdId, t.userId), index("household_link_requests_user").on(t.userId)],
);

export type Place = typeof places.$inferSelect;
export type PlaceLevel = (typeof placeLevel.enumValues)[number];
export type Household = typeof households.$inferSelect;
