// Community foundations (社区基金会), micro-funds (社区微基金/公益站) and their restricted sub-funds
// (专项基金), campaigns, donations, matching pledges, offline income and disbursements.
// Money is integer fen in bigint columns; balances come only from the ledger (db/schema/ledger.ts).
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { organisations } from "./orgs";
import { deliberations } from "./needs";
import { places } from "./places";

export const fundKind = pgEnum("fund_kind", ["foundation", "micro_fund", "sub_fund"]);
export const fundRole = pgEnum("fund_role", ["manager", "accountant", "supervisor"]);

export const funds = pgTable(
  "funds",
  {
    id: text("id").primaryKey(),
    kind: fundKind("kind").notNull(),
    // The organisation that holds the money: its full name and credit code are shown on the fund's page.
    holderOrgId: text("holder_org_id")
      .notNull()
      .references(() => organisations.id),
    // A restricted sub-fund (专项基金) of a foundation.
    parentFundId: text("parent_fund_id").references((): AnyPgColumn => funds.id),
    communityId: text("community_id").references(() => places.id),
    name: text("name").notNull(),
    purpose: text("purpose").notNull(),
    spendingRules: text("spending_rules").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("funds_sub_fund_has_parent", sql`(${t.kind} = 'sub_fund') = (${t.parentFundId} is not null)`)],
);

/** Who runs a fund: managers and accountants (maker/checker) and the supervisory committee (监委会). */
export const fundRoles = pgTable(
  "fund_roles",
  {
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: fundRole("role").notNull(),
  },
  (t) => [uniqueIndex("fund_roles_unique").on(t.fundId, t.userId, t.role)],
);

export const campaignStatus = pgEnum("campaign_status", ["draft", "active", "closed"]);

export const campaigns = pgTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    title: text("title").notNull(),
    purpose: text("purpose").notNull(),
    goalFen: bigint("goal_fen", { mode: "bigint" }).notNull(),
    deadline: timestamp("deadline", { withTimezone: true }).notNull(),
    needId: text("need_id"),
    status: campaignStatus("status").notNull().default("draft"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("campaigns_goal_positive", sql`${t.goalFen} > 0`)],
);

export const donationStatus = pgEnum("donation_status", ["created", "pending", "succeeded", "failed", "expired", "refunded"]);

export const donations = pgTable(
  "donations",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    campaignId: text("campaign_id").references(() => campaigns.id),
    donorUserId: text("donor_user_id").references(() => users.id),
    // The ledger always knows who gave; the public sees 匿名 when the donor asked for it.
    donorName: text("donor_name").notNull(),
    donorEmail: text("donor_email"),
    anonymous: boolean("anonymous").notNull().default(false),
    message: text("message"),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    refundedFen: bigint("refunded_fen", { mode: "bigint" }).notNull().default(sql`0`),
    feeFen: bigint("fee_fen", { mode: "bigint" }),
    status: donationStatus("status").notNull().default("created"),
    checkoutSessionId: text("checkout_session_id").unique(),
    paymentIntentId: text("payment_intent_id").unique(),
    paymentMethod: text("payment_method"),
    // Monthly giving: the Stripe subscription this donation belongs to.
    subscriptionId: text("subscription_id"),
    receiptNumber: text("receipt_number").unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    succeededAt: timestamp("succeeded_at", { withTimezone: true }),
  },
  (t) => [
    index("donations_fund").on(t.fundId, t.createdAt),
    index("donations_donor").on(t.donorUserId),
    check("donations_amount_positive", sql`${t.amountFen} > 0`),
    check("donations_refund_within_amount", sql`${t.refundedFen} between 0 and ${t.amountFen}`),
  ],
);

/** Every webhook event, kept by its id: processing is exactly once whatever the order or repetition. */
export const paymentEvents = pgTable("payment_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  payload: jsonb("payload").notNull(),
  // processed | unmatched (no donation found: alarmed, kept for a human) | ignored
  outcome: text("outcome").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
});

export const matchingPledges = pgTable(
  "matching_pledges",
  {
    id: text("id").primaryKey(),
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    matcherName: text("matcher_name").notNull(),
    matcherOrgId: text("matcher_org_id").references(() => organisations.id),
    // Matched amount = donation × ratioNumerator / ratioDenominator (1:1 is 1/1, 1:2 is 1/2).
    ratioNumerator: integer("ratio_numerator").notNull(),
    ratioDenominator: integer("ratio_denominator").notNull(),
    capFen: bigint("cap_fen", { mode: "bigint" }).notNull(),
    perDonorCapFen: bigint("per_donor_cap_fen", { mode: "bigint" }).notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("pledges_ratio_positive", sql`${t.ratioNumerator} > 0 and ${t.ratioDenominator} > 0`),
    check("pledges_caps_positive", sql`${t.capFen} > 0 and ${t.perDonorCapFen} > 0`),
    check("pledges_window", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const matches = pgTable(
  "matches",
  {
    id: text("id").primaryKey(),
    pledgeId: text("pledge_id")
      .notNull()
      .references(() => matchingPledges.id),
    donationId: text("donation_id")
      .notNull()
      .references(() => donations.id),
    // Who the per-donor cap counts against: the donor's account, else their email, else the donation.
    donorKey: text("donor_key").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    // How much of the match was taken back because the donation it matched was refunded (in the same
    // proportion); a pledge's cap counts amount − reversed, so a refunded gift frees its share.
    reversedFen: bigint("reversed_fen", { mode: "bigint" }).notNull().default(sql`0`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("matches_once_per_donation").on(t.pledgeId, t.donationId),
    index("matches_donor").on(t.pledgeId, t.donorKey),
    check("matches_reversed_within", sql`${t.reversedFen} >= 0 and ${t.reversedFen} <= ${t.amountFen}`),
  ],
);

export const approvalStatus = pgEnum("approval_status", ["pending", "approved", "rejected"]);

/**
 * Maker-checker: money that one person puts forward (offline income, a disbursement, a manual
 * refund) waits for a second person's decision; these are its columns wherever money waits.
 */
const secondPersonDecision = () => ({
  status: approvalStatus("status").notNull().default("pending"),
  decidedBy: text("decided_by").references(() => users.id),
  decidedAt: timestamp("decided_at", { withTimezone: true }),
  rejectionReason: text("rejection_reason"),
});

/** Income that did not come through Stripe; it counts only once a second person approves it. */
export const offlineIncomes = pgTable(
  "offline_incomes",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    source: text("source").notNull(), // parking, recycling, cash_gift, enterprise_gift, other
    payerName: text("payer_name").notNull(),
    description: text("description").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    evidenceKey: text("evidence_key"),
    receivedOn: timestamp("received_on", { withTimezone: true }).notNull(),
    recordedBy: text("recorded_by")
      .notNull()
      .references(() => users.id),
    ...secondPersonDecision(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("offline_income_positive", sql`${t.amountFen} > 0`),
    // Maker-checker, enforced by the database too: the maker never approves their own entry.
    check("offline_income_four_eyes", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.recordedBy}`),
  ],
);

export const disbursementAuthority = pgEnum("disbursement_authority", ["deliberation", "board_approval"]);

/** Money leaving a fund, always linked to what authorised it. */
export const disbursements = pgTable(
  "disbursements",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    payeeName: text("payee_name").notNull(),
    payeeOrgId: text("payee_org_id").references(() => organisations.id),
    // org | individual | other: a resident paid in person is never named on the public ledger, and the
    // entry is written only at approval, so the kind of payee is kept until then.
    payeeType: text("payee_type").notNull().default("individual"),
    projectId: text("project_id"),
    purpose: text("purpose").notNull(),
    authority: disbursementAuthority("authority").notNull(),
    deliberationId: text("deliberation_id").references(() => deliberations.id),
    boardResolution: text("board_resolution"),
    evidenceKey: text("evidence_key"),
    // Maker-checker: a disbursement waits for a second person (another manager or the 监委会) and
    // reaches the ledger only when approved. A milestone payment is approved by its acceptance.
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    ...secondPersonDecision(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("disbursements_deliberation").on(t.deliberationId),
    check("disbursement_positive", sql`${t.amountFen} > 0`),
    check("disbursement_payee_type", sql`${t.payeeType} in ('org', 'individual', 'other')`),
    check("disbursement_four_eyes", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.createdBy}`),
    check(
      "disbursement_authorised",
      sql`(${t.authority} = 'deliberation' and ${t.deliberationId} is not null) or (${t.authority} = 'board_approval' and ${t.boardResolution} is not null)`,
    ),
  ],
);

/**
 * A manual refund (money paid back by bank transfer or in cash for offline income or a donation),
 * requested with evidence by a manager and posted to the ledger only when a second person approves.
 */
export const refundRequests = pgTable(
  "refund_requests",
  {
    id: text("id").primaryKey(),
    fundId: text("fund_id")
      .notNull()
      .references(() => funds.id),
    targetType: text("target_type").notNull(), // offline_income | donation
    targetId: text("target_id").notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
    reason: text("reason").notNull(),
    evidenceKey: text("evidence_key"),
    requestedBy: text("requested_by")
      .notNull()
      .references(() => users.id),
    ...secondPersonDecision(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("refund_requests_target").on(t.fundId, t.targetType, t.targetId),
    check("refund_request_positive", sql`${t.amountFen} > 0`),
    check("refund_request_four_eyes", sql`${t.decidedBy} is null or ${t.decidedBy} <> ${t.requestedBy}`),
  ],
);

export type Fund = typeof funds.$inferSelect;
export type Disbursement = typeof disbursements.$inferSelect;
export type RefundRequest = typeof refundRequests.$inferSelect;
export type Donation = typeof donations.$inferSelect;
