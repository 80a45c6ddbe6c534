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

export type Place = typeof places.$inferSelect;
export type PlaceLevel = (typeof placeLevel.enumValues)[number];
export type Household = typeof households.$inferSelect;
