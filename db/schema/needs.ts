// 民事民提 → 三事分流 → 民事民议/民决: needs, their triage and timeline, deliberations and votes.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { funds } from "./funds";
import { households, places } from "./places";

export const needCategory = pgEnum("need_category", [
  "elderly_care", // 养老服务
  "children", // 儿童关爱
  "disability", // 助残服务
  "correction_rehab", // 社区矫正与康复
  "environment", // 环境卫生
  "public_facilities", // 公共设施
  "culture_sport", // 文体活动
  "neighbour_disputes", // 邻里纠纷
  "other", // 其他
]);

// docs/product.md §4: submitted → triaged → in_deliberation → decided → published → matched → in_delivery →
// evaluated → closed; also referred (私事), rejected, withdrawn, and merged (a duplicate folded into another).
export const needStatus = pgEnum("need_status", [
  "submitted",
  "triaged",
  "in_deliberation",
  "decided",
  "published",
  "matched",
  "in_delivery",
  "evaluated",
  "closed",
  "referred",
  "rejected",
  "withdrawn",
  "merged",
]);

// 三事分流: 大事 (government's job, escalated), 小事 (the community's own), 私事 (private, referred).
export const triageClass = pgEnum("triage_class", ["big", "small", "private"]);

export const needs = pgTable(
  "needs",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    description: text("description").notNull(),
    category: needCategory("category").notNull(),
    communityId: text("community_id")
      .notNull()
      .references(() => places.id),
    // The most precise place given: the community itself, a grid or a building of it.
    placeId: text("place_id")
      .notNull()
      .references(() => places.id),
    // The resident whose need it is; staff may file it for them at the counter (filedBy ≠ raisedBy).
    raisedBy: text("raised_by").references(() => users.id),
    filedBy: text("filed_by")
      .notNull()
      .references(() => users.id),
    isPublic: boolean("is_public").notNull().default(false),
    status: needStatus("status").notNull().default("submitted"),
    triage: triageClass("triage"),
    // 大事: escalated to the street with a note; 私事: a note on who should handle it.
    escalatedToId: text("escalated_to_id").references(() => places.id),
    triageNote: text("triage_note"),
    mergedIntoId: text("merged_into_id").references((): AnyPgColumn => needs.id),
    // Unigrams and bigrams of the Chinese text (and lowercased latin words), kept by the database
    // itself: see docs/decisions/0007-chinese-search-with-character-grams.md.
    searchGrams: text("search_grams")
      .array()
      .notNull()
      .generatedAlwaysAs(sql`cjk_grams(title || ' ' || description)`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("needs_inbox").on(t.communityId, t.status, t.createdAt),
    index("needs_created").on(t.createdAt),
    index("needs_escalated").on(t.escalatedToId, t.createdAt).where(sql`${t.escalatedToId} is not null`),
    index("needs_raised_by").on(t.raisedBy),
    index("needs_search_grams").using("gin", t.searchGrams),
    check("needs_merged_has_target", sql`(${t.status} = 'merged') = (${t.mergedIntoId} is not null)`),
  ],
);

export const needPhotos = pgTable("need_photos", {
  id: text("id").primaryKey(),
  needId: text("need_id")
    .notNull()
    .references(() => needs.id, { onDelete: "cascade" }),
  storageKey: text("storage_key").notNull(),
  contentType: text("content_type").notNull(),
  bytes: integer("bytes").notNull(),
  position: integer("position").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const needFollowers = pgTable(
  "need_followers",
  {
    needId: text("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.needId, t.userId] }), index("need_followers_user").on(t.userId)],
);

/** The need's public timeline; the audit log keeps the same facts for oversight. */
export const needEvents = pgTable(
  "need_events",
  {
    id: text("id").primaryKey(),
    needId: text("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id),
    kind: text("kind").notNull(), // raised, triaged, escalated, referred, merged, deliberation_opened, decided…
    fromStatus: needStatus("from_status"),
    toStatus: needStatus("to_status"),
    note: text("note"),
    detail: jsonb("detail").notNull().default(sql`'{}'::jsonb`),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("need_events_need").on(t.needId, t.at)],
);

export const deliberationStatus = pgEnum("deliberation_status", ["draft", "open", "closed", "passed", "failed", "no_quorum"]);
export const voteThreshold = pgEnum("vote_threshold", ["simple_majority", "two_thirds"]);
export const voteChannel = pgEnum("vote_channel", ["online", "paper"]);

export const deliberations = pgTable(
  "deliberations",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => places.id),
    question: text("question").notNull(),
    // A building, a grid or the whole community: whose households may vote.
    scopePlaceId: text("scope_place_id")
      .notNull()
      .references(() => places.id),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    // Share of the scope's households that must vote, in percent (e.g. 50).
    quorumPercent: integer("quorum_percent").notNull(),
    threshold: voteThreshold("threshold").notNull(),
    status: deliberationStatus("status").notNull().default("draft"),
    // Several rounds on one matter (scenarios 1 and 6): each round points to the one before.
    round: integer("round").notNull().default(1),
    previousRoundId: text("previous_round_id").references((): AnyPgColumn => deliberations.id),
    // Written by the tally, once: counts per option, eligible and voting households, the rule applied.
    result: jsonb("result"),
    winningOptionId: text("winning_option_id"),
    talliedAt: timestamp("tallied_at", { withTimezone: true }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("deliberations_community").on(t.communityId, t.createdAt),
    index("deliberations_due").on(t.closesAt).where(sql`${t.status} = 'open'`),
    check("deliberations_window", sql`${t.closesAt} > ${t.opensAt}`),
    check("deliberations_quorum", sql`${t.quorumPercent} between 0 and 100`),
  ],
);

export const deliberationNeeds = pgTable(
  "deliberation_needs",
  {
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id, { onDelete: "cascade" }),
    needId: text("need_id")
      .notNull()
      .references(() => needs.id),
  },
  (t) => [primaryKey({ columns: [t.deliberationId, t.needId] }), index("deliberation_needs_need").on(t.needId)],
);

export const deliberationOptions = pgTable(
  "deliberation_options",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id, { onDelete: "cascade" }),
    label: text("label").notNull(),
    position: integer("position").notNull(),
    // An option that spends money says from which fund and up to how much (fen), shown to residents
    // while they vote; only a winning option with these authorises disbursements (ADR 0012). Fixed
    // once the deliberation leaves draft (a trigger refuses later changes).
    spendFundId: text("spend_fund_id").references((): AnyPgColumn => funds.id),
    spendCeilingFen: bigint("spend_ceiling_fen", { mode: "bigint" }),
  },
  (t) => [
    uniqueIndex("deliberation_options_position").on(t.deliberationId, t.position),
    check("deliberation_options_spend_whole", sql`(${t.spendFundId} is null) = (${t.spendCeilingFen} is null)`),
    check("deliberation_options_spend_positive", sql`${t.spendCeilingFen} is null or ${t.spendCeilingFen} > 0`),
  ],
);

/**
 * One row per household and deliberation: the primary key is what makes a second household vote
 * impossible, whichever resident casts it and however many requests race. Changing one's vote
 * updates the row.
 */
export const votes = pgTable(
  "votes",
  {
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id),
    optionId: text("option_id")
      .notNull()
      .references(() => deliberationOptions.id),
    channel: voteChannel("channel").notNull(),
    // Online: the resident who voted; paper: the staff member who recorded the ballot.
    castBy: text("cast_by")
      .notNull()
      .references(() => users.id),
    castAt: timestamp("cast_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.deliberationId, t.householdId] })],
);

export const deliberationComments = pgTable(
  "deliberation_comments",
  {
    id: text("id").primaryKey(),
    deliberationId: text("deliberation_id")
      .notNull()
      .references(() => deliberations.id, { onDelete: "cascade" }),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deliberation_comments_deliberation").on(t.deliberationId, t.createdAt)],
);

export type Need = typeof needs.$inferSelect;
export type NeedStatus = (typeof needStatus.enumValues)[number];
export type NeedCategory = (typeof needCategory.enumValues)[number];
export type Deliberation = typeof deliberations.$inferSelect;
