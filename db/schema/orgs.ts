// Organisations: social organisations, social-worker agencies, community foundations,
// communities (居委会/村委会) and government units, with their members and social workers.
import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { places } from "./places";

export const orgKind = pgEnum("org_kind", [
  "social_org", // 社会组织
  "social_work_agency", // 社工机构
  "community_foundation", // 社区基金会
  "community_committee", // 居委会/村委会
  "government_unit", // 街道办 / 民政局
]);

// 登记 (registered with a 统一社会信用代码) or 备案 (filed with the street, a filing number).
export const orgRegistration = pgEnum("org_registration", ["registered", "filed"]);

export const orgStatus = pgEnum("org_status", ["pending", "verified", "rejected"]);

export const memberRole = pgEnum("member_role", ["owner", "admin", "member"]);

export const organisations = pgTable(
  "organisations",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    kind: orgKind("kind").notNull(),
    registration: orgRegistration("registration").notNull(),
    creditCode: text("credit_code"),
    // False when the code fails the GB 32100-2015 check digit: early pilot codes do; an admin looks by hand.
    creditCodeChecks: boolean("credit_code_checks"),
    filingNumber: text("filing_number"),
    // 备案: the street office (a place of level "street") the organisation is filed with.
    filedWithId: text("filed_with_id").references(() => places.id),
    // The place it governs (a community committee's community, a street office's street) or is filed with.
    placeId: text("place_id").references(() => places.id),
    description: text("description").notNull().default(""),
    contactPhone: text("contact_phone"),
    status: orgStatus("status").notNull().default("pending"),
    rejectionReason: text("rejection_reason"),
    reviewedBy: text("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_credit_code").on(t.creditCode).where(sql`${t.creditCode} is not null`),
    index("organisations_status").on(t.status),
  ],
);

export const orgServiceAreas = pgTable(
  "org_service_areas",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    placeId: text("place_id")
      .notNull()
      .references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.placeId] })],
);

export const memberships = pgTable(
  "memberships",
  {
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: memberRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index("memberships_user").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    // A mainland mobile number or an email, normalised.
    contact: text("contact").notNull(),
    role: memberRole("role").notNull(),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    acceptedBy: text("accepted_by").references(() => users.id),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("invitations_contact").on(t.contact)],
);

export const certificateLevel = pgEnum("certificate_level", [
  "assistant", // 助理社会工作师
  "intermediate", // 社会工作师
  "senior", // 高级社会工作师
]);

export const certificateStatus = pgEnum("certificate_status", ["pending", "verified", "rejected"]);

export const socialWorkerCertificates = pgTable(
  "social_worker_certificates",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    level: certificateLevel("level").notNull(),
    number: text("number").notNull(),
    status: certificateStatus("status").notNull().default("pending"),
    reviewedBy: text("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("certificates_number").on(t.number),
    // A verified certificate counts toward eligibility: nobody checks their own.
    check("certificates_reviewer_not_holder", sql`${t.reviewedBy} is null or ${t.reviewedBy} <> ${t.userId}`),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
export type OrgKind = (typeof orgKind.enumValues)[number];
export type MemberRole = (typeof memberRole.enumValues)[number];
