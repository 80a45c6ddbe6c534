// Every award becomes a project whose milestones are reported, accepted and paid (DESIGN.md §3 steps 5–7).
import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { proposals, serviceNeeds, type Deliverable } from "./marketplace";
import { organisations } from "./orgs";
import { places } from "./places";

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
    // Where it came from: a marketplace agreement now; a tender, a grant or a micro-fund decision later.
    sourceType: text("source_type").notNull(),
    sourceId: text("source_id").notNull(),
    agreementId: text("agreement_id").references(() => serviceAgreements.id),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    status: projectStatus("status").notNull().default("contracting"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("projects_source").on(t.sourceType, t.sourceId), index("projects_community").on(t.communityId), index("projects_provider").on(t.providerOrgId)],
);

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
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("milestones_position").on(t.projectId, t.position), index("milestones_due").on(t.status, t.dueDate)],
);

export type Project = typeof projects.$inferSelect;
export type Milestone = typeof milestones.$inferSelect;
