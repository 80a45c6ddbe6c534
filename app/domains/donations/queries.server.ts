// Reads for the donation pages, the donor's account and the campaign page.
import { and, asc, desc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { db } from "@db/client";
import { campaigns, donations, funds, matches, matchingPledges, organisations, paymentEvents } from "@db/schema";
import { notFound } from "~/utils/errors";
import { MIN_DONATION_FEN, PRESET_YUAN } from "./schemas";

/** The donate page: the fund (and campaign) being given to, and the form's choices. */
export async function donationPage(fundId: string, campaignId: string | null) {
  const [fund] = await db()
    .select({ id: funds.id, name: funds.name, purpose: funds.purpose, holderName: organisations.name, holderCreditCode: organisations.creditCode })
    .from(funds)
    .innerJoin(organisations, eq(organisations.id, funds.holderOrgId))
    .where(eq(funds.id, fundId));
  if (!fund) throw notFound();
  const [campaign] = campaignId
    ? await db()
        .select({ id: campaigns.id, title: campaigns.title, purpose: campaigns.purpose, status: campaigns.status, deadline: campaigns.deadline })
        .from(campaigns)
        .where(and(eq(campaigns.id, campaignId), eq(campaigns.fundId, fundId)))
    : [];
  if (campaignId && !campaign) throw notFound();
  const open = !campaign || (campaign.status === "active" && campaign.deadline.getTime() >= Date.now());
  return { fund, campaign: campaign ?? null, open, presets: PRESET_YUAN, minimumFen: String(MIN_DONATION_FEN) };
}

/**
 * A receipt, for its donor (signed in) or whoever holds the Checkout Session id Stripe sent the
 * donor back with. Anyone else gets "not found": a receipt names the donor.
 */
export async function receiptFor(donationId: string, viewer: { userId: string | null; sessionId: string | null }) {
  const [row] = await db()
    .select({
      donation: donations,
      fundName: funds.name,
      holderName: organisations.name,
      holderCreditCode: organisations.creditCode,
      campaignTitle: campaigns.title,
    })
    .from(donations)
    .innerJoin(funds, eq(funds.id, donations.fundId))
    .innerJoin(organisations, eq(organisations.id, funds.holderOrgId))
    .leftJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .where(eq(donations.id, donationId));
  if (!row) throw notFound();
  const d = row.donation;
  const isDonor = !!viewer.userId && d.donorUserId === viewer.userId;
  const holdsSession = !!viewer.sessionId && d.checkoutSessionId === viewer.sessionId;
  if (!isDonor && !holdsSession) throw notFound();
  return {
    id: d.id,
    status: d.status,
    receiptNumber: d.receiptNumber,
    donorName: d.donorName,
    anonymous: d.anonymous,
    message: d.message,
    amountFen: String(d.amountFen),
    refundedFen: String(d.refundedFen),
    paymentMethod: d.paymentMethod,
    monthly: !!d.subscriptionId,
    createdAt: d.createdAt.toISOString(),
    succeededAt: d.succeededAt?.toISOString() ?? null,
    fundId: d.fundId,
    fundName: row.fundName,
    holderName: row.holderName,
    holderCreditCode: row.holderCreditCode,
    campaignTitle: row.campaignTitle,
  };
}

/** Subscriptions whose end Stripe has told us of (customer.subscription.deleted). */
async function endedSubscriptions(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db()
    .select({ id: sql<string>`${paymentEvents.payload} -> 'data' -> 'object' ->> 'id'` })
    .from(paymentEvents)
    .where(and(eq(paymentEvents.type, "customer.subscription.deleted"), inArray(sql`${paymentEvents.payload} -> 'data' -> 'object' ->> 'id'`, ids)));
  return new Set(rows.map((r) => r.id));
}

/** A donor's gifts, newest first, and their monthly gifts with whether each still runs. */
export async function donorDonations(userId: string) {
  const rows = await db()
    .select({
      id: donations.id,
      status: donations.status,
      amountFen: donations.amountFen,
      refundedFen: donations.refundedFen,
      receiptNumber: donations.receiptNumber,
      anonymous: donations.anonymous,
      subscriptionId: donations.subscriptionId,
      createdAt: donations.createdAt,
      fundId: funds.id,
      fundName: funds.name,
      campaignTitle: campaigns.title,
    })
    .from(donations)
    .innerJoin(funds, eq(funds.id, donations.fundId))
    .leftJoin(campaigns, eq(campaigns.id, donations.campaignId))
    .where(eq(donations.donorUserId, userId))
    .orderBy(desc(donations.createdAt))
    .limit(200);
  const subscriptionIds = [...new Set(rows.flatMap((r) => (r.subscriptionId ? [r.subscriptionId] : [])))];
  const ended = await endedSubscriptions(subscriptionIds);
  const monthly = subscriptionIds.map((id) => {
    const gifts = rows.filter((r) => r.subscriptionId === id);
    const first = gifts[gifts.length - 1];
    return { subscriptionId: id, fundName: first.fundName, campaignTitle: first.campaignTitle, amountFen: String(first.amountFen), months: gifts.filter((g) => g.status === "succeeded").length, active: !ended.has(id) };
  });
  return {
    donations: rows
      .filter((r) => r.status !== "created")
      .map((r) => ({ ...r, amountFen: String(r.amountFen), refundedFen: String(r.refundedFen), createdAt: r.createdAt.toISOString(), monthly: !!r.subscriptionId })),
    monthly,
  };
}

export async function isSubscriptionEnded(subscriptionId: string) {
  return (await endedSubscriptions([subscriptionId])).has(subscriptionId);
}

/**
 * A campaign's money for its page: raised from donors (net of refunds), matched by pledges (shown
 * apart), and what each pledge has left. Amounts are fen as strings (JSON has no bigint).
 */
export async function campaignFundraising(campaignId: string) {
  const [raised] = await db()
    .select({
      raisedFen: sql<string>`coalesce(sum(${donations.amountFen} - ${donations.refundedFen}), 0)::text`,
      donors: sql<number>`count(distinct coalesce(${donations.donorUserId}, ${donations.donorEmail}, ${donations.id}))::int`,
      gifts: sql<number>`count(*)::int`,
    })
    .from(donations)
    .where(and(eq(donations.campaignId, campaignId), inArray(donations.status, ["succeeded", "refunded"]), isNotNull(donations.succeededAt)));
  const pledges = await db()
    .select({
      id: matchingPledges.id,
      matcherName: matchingPledges.matcherName,
      ratioNumerator: matchingPledges.ratioNumerator,
      ratioDenominator: matchingPledges.ratioDenominator,
      capFen: matchingPledges.capFen,
      perDonorCapFen: matchingPledges.perDonorCapFen,
      startsAt: matchingPledges.startsAt,
      endsAt: matchingPledges.endsAt,
      matchedFen: sql<string>`coalesce(sum(${matches.amountFen} - ${matches.reversedFen}), 0)::text`,
    })
    .from(matchingPledges)
    .leftJoin(matches, eq(matches.pledgeId, matchingPledges.id))
    .where(eq(matchingPledges.campaignId, campaignId))
    .groupBy(matchingPledges.id)
    .orderBy(asc(matchingPledges.startsAt));
  const matchedFen = pledges.reduce((sum, p) => sum + BigInt(p.matchedFen), 0n);
  return {
    raisedFen: raised.raisedFen,
    matchedFen: String(matchedFen),
    donors: raised.donors,
    gifts: raised.gifts,
    pledges: pledges.map((p) => ({
      ...p,
      capFen: String(p.capFen),
      perDonorCapFen: String(p.perDonorCapFen),
      remainingFen: String(p.capFen - BigInt(p.matchedFen)),
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
    })),
  };
}
