// 社会组织对接: communities post service needs (服务需求), verified organisations send proposals,
// the community selects one with reasons, both sides accept a service agreement, and a project with
// milestones is born (db/schema/projects.ts).
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { needCategory, needs } from "./needs";
import { organisations } from "./orgs";
import { places } from "./places";

export const fundingSource = pgEnum("funding_source", ["micro_fund", "government_purchase", "grant", "self_raised"]);

// draft → published → (deadline passes: evaluating) → selected; also withdrawn.
export const serviceNeedStatus = pgEnum("service_need_status", ["draft", "published", "evaluating", "selected", "withdrawn"]);

export const serviceNeeds = pgTable(
  "service_needs",
  {
    id: text("id").primaryKey(),
    communityId: text("community_id")
      .notNull()
      .references(() => places.id),
    // The community committee that posts it and will sign the agreement.
    postedByOrgId: text("posted_by_org_id")
      .notNull()
      .references(() => organisations.id),
    // The resident need it answers, when it comes from one (民事民决 → 社会组织对接).
    needId: text("need_id").references(() => needs.id),
    title: text("title").notNull(),
    description: text("description").notNull(),
    category: needCategory("category").notNull(),
    placeId: text("place_id")
      .notNull()
      .references(() => places.id),
    // Beneficiaries as a group and an approximate number — never names.
    beneficiaryGroup: text("beneficiary_group").notNull(),
    beneficiaryCount: integer("beneficiary_count").notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    budgetMinFen: bigint("budget_min_fen", { mode: "bigint" }).notNull(),
    budgetMaxFen: bigint("budget_max_fen", { mode: "bigint" }).notNull(),
    fundingSource: fundingSource("funding_source").notNull(),
    // Requirements a proposing organisation must meet.
    verifiedOnly: boolean("verified_only").notNull().default(true),
    minCertifiedWorkers: integer("min_certified_workers").notNull().default(0),
    requiredServiceAreaId: text("required_service_area_id").references(() => places.id),
    minReputation: integer("min_reputation"),
    proposalDeadline: timestamp("proposal_deadline", { withTimezone: true }).notNull(),
    // Selection must be approved by the residents' council (居民议事会) before it is final.
    requiresCouncilApproval: boolean("requires_council_approval").notNull().default(false),
    status: serviceNeedStatus("status").notNull().default("draft"),
    withdrawalReason: text("withdrawal_reason"),
    selectedProposalId: text("selected_proposal_id"),
    selectionReasons: text("selection_reasons"),
    councilApproval: text("council_approval"),
    searchGrams: text("search_grams")
      .array()
      .notNull()
      .generatedAlwaysAs(sql`cjk_grams(title || ' ' || description)`),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("service_needs_open").on(t.status, t.proposalDeadline),
    index("service_needs_community").on(t.communityId, t.createdAt),
    index("service_needs_published").on(t.publishedAt),
    index("service_needs_search_grams").using("gin", t.searchGrams),
    check("service_needs_budget", sql`${t.budgetMinFen} > 0 and ${t.budgetMaxFen} >= ${t.budgetMinFen}`),
    check("service_needs_period", sql`${t.periodEnd} >= ${t.periodStart}`),
    check("service_needs_beneficiaries", sql`${t.beneficiaryCount} >= 0`),
  ],
);

/** The questions every proposal must answer. */
export const serviceNeedQuestions = pgTable(
  "service_need_questions",
  {
    id: text("id").primaryKey(),
    serviceNeedId: text("service_need_id")
      .notNull()
      .references(() => serviceNeeds.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [uniqueIndex("service_need_questions_position").on(t.serviceNeedId, t.position)],
);

/** Bidders' questions before the deadline, answered publicly without revealing who asked. */
export const serviceNeedClarifications = pgTable(
  "service_need_clarifications",
  {
    id: text("id").primaryKey(),
    serviceNeedId: text("service_need_id")
      .notNull()
      .references(() => serviceNeeds.id, { onDelete: "cascade" }),
    askedByOrgId: text("asked_by_org_id")
      .notNull()
      .references(() => organisations.id),
    askedBy: text("asked_by")
      .notNull()
      .references(() => users.id),
    question: text("question").notNull(),
    answer: text("answer"),
    answeredBy: text("answered_by").references(() => users.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("clarifications_need").on(t.serviceNeedId, t.createdAt)],
);

// draft → submitted → (shortlisted →) selected | not_selected; also withdrawn.
export const proposalStatus = pgEnum("proposal_status", ["draft", "submitted", "shortlisted", "selected", "not_selected", "withdrawn"]);

export const proposals = pgTable(
  "proposals",
  {
    id: text("id").primaryKey(),
    serviceNeedId: text("service_need_id")
      .notNull()
      .references(() => serviceNeeds.id),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id),
    status: proposalStatus("status").notNull().default("draft"),
    approach: text("approach").notNull().default(""),
    // The sum of the budget lines, kept with them in one transaction and checked at submission.
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull().default(sql`0`),
    // The community's written reasons, shown to this organisation when it is decided.
    decisionReasons: text("decision_reasons"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One proposal per organisation and service need (edited until the deadline, or withdrawn).
  (t) => [uniqueIndex("proposals_one_per_org").on(t.serviceNeedId, t.orgId), index("proposals_org").on(t.orgId)],
);

export const budgetCategory = pgEnum("budget_category", ["personnel", "activities", "materials", "admin"]);

export const proposalBudgetLines = pgTable("proposal_budget_lines", {
  id: text("id").primaryKey(),
  proposalId: text("proposal_id")
    .notNull()
    .references(() => proposals.id, { onDelete: "cascade" }),
  category: budgetCategory("category").notNull(),
  description: text("description").notNull(),
  amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
});

export const proposalTeamMembers = pgTable("proposal_team_members", {
  id: text("id").primaryKey(),
  proposalId: text("proposal_id")
    .notNull()
    .references(() => proposals.id, { onDelete: "cascade" }),
  // A member of the organisation; a certified social worker when their certificate is verified.
  userId: text("user_id").references(() => users.id),
  name: text("name").notNull(),
  role: text("role").notNull(),
  certified: boolean("certified").notNull().default(false),
});

export interface Deliverable {
  indicator: string; // e.g. 服务老人
  target: number; // e.g. 200
  unit: string; // e.g. 人次
}

export const proposalMilestones = pgTable(
  "proposal_milestones",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    dueDate: date("due_date").notNull(),
    // Share of the amount paid when this milestone is accepted, in basis points (10000 = 100%).
    paymentShareBp: integer("payment_share_bp").notNull(),
    deliverables: jsonb("deliverables").$type<Deliverable[]>().notNull(),
  },
  (t) => [uniqueIndex("proposal_milestones_position").on(t.proposalId, t.position)],
);

export const proposalAnswers = pgTable(
  "proposal_answers",
  {
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    questionId: text("question_id")
      .notNull()
      .references(() => serviceNeedQuestions.id),
    answer: text("answer").notNull(),
  },
  (t) => [uniqueIndex("proposal_answers_unique").on(t.proposalId, t.questionId)],
);

/** Files attached to a proposal (plans, qualifications, past reports): sealed like the proposal itself. */
export const proposalAttachments = pgTable(
  "proposal_attachments",
  {
    id: text("id").primaryKey(),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    fileName: text("file_name").notNull(),
    contentType: text("content_type").notNull(),
    bytes: integer("bytes").notNull(),
    uploadedBy: text("uploaded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("proposal_attachments_proposal").on(t.proposalId)],
);

/** An organisation's saved browse filters; the worker sends a daily digest of new matching needs. */
export const savedSearches = pgTable("saved_searches", {
  id: text("id").primaryKey(),
  orgId: text("org_id")
    .notNull()
    .references(() => organisations.id, { onDelete: "cascade" }),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  filters: jsonb("filters").notNull(),
  lastDigestAt: timestamp("last_digest_at", { withTimezone: true }).notNull().defaultNow(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type ServiceNeed = typeof serviceNeeds.$inferSelect;
export type Proposal = typeof proposals.$inferSelect;
