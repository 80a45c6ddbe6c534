// Every award becomes a project whose milestones are reported, accepted and paid (docs/product.md §3 steps 5–7).
import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { funds } from "./funds";
import { proposals, serviceNeeds, type Deliverable } from "./marketplace";
import { deliberations, needs } from "./needs";
import { organisations } from "./orgs";
import { households, places } from "./places";

export const agreementStatus = pgEnum("agreement_status", ["pending", "accepted", "cancelled"]);

/** 服务协议: both sides accept it in the app; accepting it on both sides makes the project active. */
export const serviceAgreements = pgTable(
  "service_agreements",
  {
    id: text("id").primaryKey(),
    serviceNeedId: text("service_need_id")
      .notNull()
      .references(() => serviceNeeds.id),
    proposalId: text("proposal_id")
      .notNull()
      .references(() => proposals.id)
      .unique(),
    purchaserOrgId: text("purchaser_org_id")
      .notNull()
      .references(() => organisations.id),
    providerOrgId: text("provider_org_id")
      .notNull()
      .references(() => organisations.id),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    periodStart: date("period_start").notNull(),
    periodEnd: date("period_end").notNull(),
    status: agreementStatus("status").notNull().default("pending"),
    purchaserAcceptedBy: text("purchaser_accepted_by").references(() => users.id),
    purchaserAcceptedAt: timestamp("purchaser_accepted_at", { withTimezone: true }),
    providerAcceptedBy: text("provider_accepted_by").references(() => users.id),
    providerAcceptedAt: timestamp("provider_accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("agreements_amount_positive", sql`${t.amountFen} > 0`)],
);

export const projectStatus = pgEnum("project_status", ["contracting", "active", "completed", "terminated"]);

export const projects = pgTable(
  "projects",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    communityId: text("community_id")
      .notNull()
      .references(() => places.id),
    providerOrgId: text("provider_org_id").references(() => organisations.id),
    // Where it came from: a marketplace agreement ("agreement") or a residents' decision to spend a
    // micro-fund ("deliberation"); tenders and grant rounds later.
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    agreementId: text("agreement_id").references(() => serviceAgreements.id),
    deliberationId: text("deliberation_id").references(() => deliberations.id),
    // The resident need the chain started from, when there is one (the timeline begins there).
    needId: text("need_id").references(() => needs.id),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    // Who pays an accepted milestone: a fund (a ledger entry) or, without one, the purchasing
    // organisation (a payment instruction, recorded as payable and then as paid).
    fundId: text("fund_id").references(() => funds.id),
    funderOrgId: text("funder_org_id").references(() => organisations.id),
    // The community's own money (a micro-fund): a supervisory-committee member co-signs acceptance.
    requiresCosign: boolean("requires_cosign").notNull().default(false),
    // Whose households rate the milestones (民事民评): the deliberation's scope or the community.
    scopePlaceId: text("scope_place_id").references(() => places.id),
    // The funder's bar for acceptance, if any: average rating in tenths (35 = 3.5) and households.
    ratingBarTenths: integer("rating_bar_tenths"),
    ratingBarHouseholds: integer("rating_bar_households"),
    ratingWindowDays: integer("rating_window_days").notNull().default(14),
    budgetLines: jsonb("budget_lines").$type<BudgetLine[]>().notNull().default([]),
    status: projectStatus("status").notNull().default("contracting"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    evaluation: jsonb("evaluation").$type<ProjectEvaluation>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("projects_source").on(t.sourceType, t.sourceId),
    index("projects_community").on(t.communityId),
    index("projects_provider").on(t.providerOrgId),
    check("projects_amount_positive", sql`${t.amountFen} > 0`),
    check("projects_rating_bar", sql`${t.ratingBarTenths} is null or (${t.ratingBarTenths} between 10 and 50 and ${t.ratingBarHouseholds} >= 1)`),
  ],
);

export interface BudgetLine {
  label: string; // e.g. 路灯材料
  amountFen: number; // integer fen
}

/** The final evaluation written when the last milestone is paid; it feeds the provider's reputation. */
export interface ProjectEvaluation {
  indicatorsAchievedPct: number; // mean over indicators of min(actual / target, 1), in percent
  budgetExecutedPct: number; // reported spending / project amount
  onTimePct: number; // milestones first submitted on or before their due date
  averageRatingTenths: number | null; // over all visible ratings
  ratingsCount: number;
}

export const milestoneStatus = pgEnum("milestone_status", ["pending", "submitted", "changes_requested", "accepted", "paid", "overdue"]);

export const milestones = pgTable(
  "milestones",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    dueDate: date("due_date").notNull(),
    paymentShareBp: integer("payment_share_bp").notNull(),
    // The share in fen, fixed when the project is born: the shares always add up to the amount exactly.
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    deliverables: jsonb("deliverables").$type<Deliverable[]>().notNull(),
    evidenceRequired: text("evidence_required").notNull().default(""),
    status: milestoneStatus("status").notNull().default("pending"),
    // The first submission (on-time measure) and the latest one.
    firstSubmittedAt: timestamp("first_submitted_at", { withTimezone: true }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    // Acceptance of the current report: staff, then (for a micro-fund) the supervisor's co-signature;
    // cleared when changes are asked for.
    staffAcceptedBy: text("staff_accepted_by").references(() => users.id),
    staffAcceptedAt: timestamp("staff_accepted_at", { withTimezone: true }),
    cosignedBy: text("cosigned_by").references(() => users.id),
    cosignedAt: timestamp("cosigned_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    overdueSince: date("overdue_since"),
    // 民事民评: opens at the first submission.
    ratingOpensAt: timestamp("rating_opens_at", { withTimezone: true }),
    ratingClosesAt: timestamp("rating_closes_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("milestones_position").on(t.projectId, t.position),
    index("milestones_due").on(t.status, t.dueDate),
    check("milestones_cosign_after_staff", sql`${t.cosignedBy} is null or ${t.staffAcceptedBy} is not null`),
    check("milestones_cosigner_not_staff", sql`${t.cosignedBy} is null or ${t.cosignedBy} <> ${t.staffAcceptedBy}`),
  ],
);

export const reportStatus = pgEnum("report_status", ["draft", "submitted", "changes_requested", "accepted"]);

export interface IndicatorActual {
  indicator: string;
  unit: string;
  target: number;
  actual: number;
}
export interface BeneficiaryCount {
  group: string; // e.g. 80岁以上老人 — a group, never a name
  count: number;
}
export interface SpendingLine {
  label: string; // a budget line of the project
  amountFen: number;
}

/** A milestone report, versioned: every submission stays; a resubmission is a new version. */
export const milestoneReports = pgTable(
  "milestone_reports",
  {
    id: text("id").primaryKey(),
    milestoneId: text("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    status: reportStatus("status").notNull().default("draft"),
    narrative: text("narrative").notNull().default(""),
    indicators: jsonb("indicators").$type<IndicatorActual[]>().notNull().default([]),
    beneficiaries: jsonb("beneficiaries").$type<BeneficiaryCount[]>().notNull().default([]),
    serviceHoursTenths: integer("service_hours_tenths").notNull().default(0),
    spending: jsonb("spending").$type<SpendingLine[]>().notNull().default([]),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    submittedBy: text("submitted_by").references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("milestone_reports_version").on(t.milestoneId, t.version),
    // At most one draft per milestone.
    uniqueIndex("milestone_reports_one_draft").on(t.milestoneId).where(sql`${t.status} = 'draft'`),
    check("milestone_reports_hours", sql`${t.serviceHoursTenths} >= 0`),
  ],
);

/** Evidence files of a report (photos, sign-in sheets), with when and where they were taken if the file says. */
export const milestoneEvidence = pgTable(
  "milestone_evidence",
  {
    id: text("id").primaryKey(),
    reportId: text("report_id")
      .notNull()
      .references(() => milestoneReports.id, { onDelete: "cascade" }),
    storageKey: text("storage_key").notNull(),
    mediaType: text("media_type").notNull(),
    fileName: text("file_name").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    takenAt: timestamp("taken_at", { withTimezone: true }),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("milestone_evidence_report").on(t.reportId)],
);

export const reviewKind = pgEnum("review_kind", ["accept", "request_changes", "cosign"]);

/** Per-item comments of a review: the keys are the report's parts. */
export interface ReviewComments {
  general?: string;
  narrative?: string;
  indicators?: string;
  beneficiaries?: string;
  spending?: string;
  evidence?: string;
}

export const milestoneReviews = pgTable(
  "milestone_reviews",
  {
    id: text("id").primaryKey(),
    milestoneId: text("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    reportId: text("report_id")
      .notNull()
      .references(() => milestoneReports.id),
    kind: reviewKind("kind").notNull(),
    comments: jsonb("comments").$type<ReviewComments>().notNull().default({}),
    reviewedBy: text("reviewed_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("milestone_reviews_milestone").on(t.milestoneId, t.createdAt)],
);

/** 民事民评: one rating per household and milestone (the primary key), public without names. */
export const milestoneRatings = pgTable(
  "milestone_ratings",
  {
    // A handle for one rating that names no household: staff hide a comment by it (issue 10).
    id: text("id")
      .notNull()
      .default(sql`gen_random_uuid()::text`),
    milestoneId: text("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    householdId: text("household_id")
      .notNull()
      .references(() => households.id),
    score: integer("score").notNull(),
    comment: text("comment"),
    ratedBy: text("rated_by")
      .notNull()
      .references(() => users.id),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }),
    hiddenBy: text("hidden_by").references(() => users.id),
    hiddenReason: text("hidden_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.householdId] }), uniqueIndex("milestone_ratings_id").on(t.id), check("milestone_ratings_score", sql`${t.score} between 1 and 5`)],
);

export const paymentMethod = pgEnum("milestone_payment_method", ["ledger", "instruction"]);
export const paymentStatus = pgEnum("milestone_payment_status", ["payable", "paid"]);

/** The release of an accepted milestone's share: once per milestone (unique), never typed by hand. */
export const milestonePayments = pgTable(
  "milestone_payments",
  {
    id: text("id").primaryKey(),
    milestoneId: text("milestone_id")
      .notNull()
      .references(() => milestones.id)
      .unique(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    method: paymentMethod("method").notNull(),
    fundId: text("fund_id").references(() => funds.id),
    entrySeq: integer("entry_seq"),
    status: paymentStatus("status").notNull(),
    bankReference: text("bank_reference"),
    paidBy: text("paid_by").references(() => users.id),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("milestone_payments_project").on(t.projectId),
    check("milestone_payments_amount", sql`${t.amountFen} > 0`),
    check("milestone_payments_paid", sql`${t.status} = 'payable' or ${t.paidAt} is not null`),
    check("milestone_payments_ledger_fund", sql`${t.method} <> 'ledger' or ${t.fundId} is not null`),
  ],
);

/** Reminders sent, one row per (milestone, kind): a restarted or repeated worker run never sends twice. */
export const milestoneReminders = pgTable(
  "milestone_reminders",
  {
    milestoneId: text("milestone_id")
      .notNull()
      .references(() => milestones.id, { onDelete: "cascade" }),
    // due_in_7_days, due_in_1_day, overdue, overdue_week_1, overdue_week_2…
    kind: text("kind").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.milestoneId, t.kind] })],
);

export type Project = typeof projects.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
export type MilestoneReport = typeof milestoneReports.$inferSelect;
export type MilestoneRating = typeof milestoneRatings.$inferSelect;
