// Stripe's webhook events, processed exactly once by event id, in any order, however often they
// come. The event row and everything it causes commit in one transaction: a retried delivery finds
// the row and changes nothing; a failed one rolls back whole and Stripe tries again.
//
// Money is recorded only here. A donation posts once (postEntry is idempotent per cause), and the
// states move only forward: created → pending → succeeded | failed | expired, succeeded → refunded.
// So an async success before its checkout.session.completed, or a refund before the success,
// still ends with the donation (its fee a line of the same entry) and the refund each in the ledger once.
import { and, asc, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { campaigns, donations, journalEntries, journalLines, paymentEvents, users, type Donation } from "@db/schema";
import { accountId, lockFund, postEntry } from "~/domains/ledger/post-entry.server";
import { AppError } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { constructEvent, webhookSecret } from "~/utils/stripe.server";
import type { PaymentDetails } from "./gateway";
import { paymentLookups } from "./payment-lookups.server";
import { applyMatches, reverseMatchesForRefund } from "./matching.server";
import { nextReceiptNumber } from "./receipts.server";

export type EventOutcome = "processed" | "unmatched" | "rejected" | "ignored" | "duplicate";

/** The fields of Stripe's objects that the platform reads. */
interface Ref {
  id: string;
}
interface SessionObject {
  id: string;
  mode?: string;
  payment_status?: string;
  amount_total?: number | null;
  payment_intent?: string | Ref | null;
  subscription?: string | Ref | null;
  invoice?: string | Ref | null;
  metadata?: Record<string, string> | null;
  payment_method_types?: string[];
  currency?: string | null;
}
interface ChargeObject {
  id: string;
  amount: number;
  amount_refunded: number;
  currency?: string | null;
  payment_intent?: string | Ref | null;
}
interface InvoiceObject {
  id: string;
  amount_paid: number;
  currency?: string | null;
  billing_reason?: string | null;
  subscription?: string | Ref | null;
  parent?: { subscription_details?: { subscription?: string | Ref | null } | null } | null;
  payments?: { data?: { payment?: { type?: string; payment_intent?: string | Ref | null } }[] } | null;
}
export interface PaymentEvent {
  id: string;
  type: string;
  created: number;
  data: { object: unknown };
}

const idOf = (value: string | Ref | null | undefined) => (value == null ? null : typeof value === "string" ? value : value.id);
const SESSION_EVENTS = new Set([
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
]);
const ANONYMOUS = "匿名";
const CURRENCY = "cny";

/** An amount in fen as Stripe states it (a whole number), or null for anything else. */
const fenOf = (amount: unknown) => (typeof amount === "number" && Number.isSafeInteger(amount) ? BigInt(amount) : null);

/**
 * Whether what an event says was paid is the donation: its amount in fen and in yuan (CNY). An
 * event that moves money must state both; one that moves none (pending, failed, expired) must
 * agree with whatever it states. A signed event that does not is refused, never posted.
 */
function agreesWith(donation: Donation, stated: { amount: unknown; currency: unknown }, movesMoney: boolean): boolean {
  if (movesMoney && (stated.amount == null || stated.currency == null)) return false;
  if (stated.amount != null && fenOf(stated.amount) !== donation.amountFen) return false;
  return stated.currency == null || (typeof stated.currency === "string" && stated.currency.toLowerCase() === CURRENCY);
}

/** The webhook route's whole job: check the signature on the raw body, then handle the event. */
export async function receiveStripeWebhook(rawBody: string, signatureHeader: string | null): Promise<{ eventId: string; outcome: EventOutcome }> {
  const secret = await webhookSecret(); // outside the try: a database that cannot be read is a fault, not a bad signature
  let event: PaymentEvent;
  try {
    if (!signatureHeader) throw new Error("no signature");
    event = constructEvent(rawBody, signatureHeader, secret) as unknown as PaymentEvent;
  } catch {
    throw new AppError("bad_input", { message: "donations.webhookBadSignature" });
  }
  return { eventId: event.id, outcome: await handlePaymentEvent(event) };
}

/** Thrown to roll back an event's work when a concurrent delivery of it committed first. */
class DeliveredTwice extends Error {}

export async function handlePaymentEvent(event: PaymentEvent): Promise<EventOutcome> {
  // Questions for Stripe (the fee, a refund's session) are asked before the transaction, which
  // then holds its locks only as long as the database needs. An event already stored is answered
  // without asking; one that arrives twice at once is settled by the event row's primary key.
  const lookups = await lookUp(event);
  if (lookups === "seen") return "duplicate";
  try {
    return await db().transaction(async (tx) => {
      // The event row is written first and its answer read last, so the insert travels with the
      // statements after it. A concurrent delivery of the same event waits at this insert until
      // the first commits, then finds the row taken and rolls back whatever it did.
      const storing = tx
        .insert(paymentEvents)
        .values({ id: event.id, type: event.type, payload: event, outcome: "processed" })
        .onConflictDoNothing()
        .returning({ id: paymentEvents.id })
        .then((rows) => rows.length > 0);
      storing.catch(() => {}); // awaited below, where its failure fails the transaction
      let outcome: Exclude<EventOutcome, "duplicate">;
      try {
        outcome = await apply(tx, event, lookups);
      } catch (error) {
        await storing; // a failed insert is the cause of what failed after it
        throw error;
      }
      if (!(await storing)) throw new DeliveredTwice();
      if (outcome !== "processed") await tx.update(paymentEvents).set({ outcome }).where(eq(paymentEvents.id, event.id));
      if (outcome === "unmatched" || outcome === "rejected") await alarm(tx, event, outcome);
      return outcome;
    });
  } catch (error) {
    if (error instanceof DeliveredTwice) return "duplicate";
    throw error;
  }
}

interface Lookups {
  details: PaymentDetails | null;
  sessionId: string | null;
}

/**
 * Whether the event is stored already and, for the events that may need Stripe's answers, the
 * status of the donation they concern, in one read; then what Stripe has to say, when it is needed.
 */
async function lookUp(event: PaymentEvent): Promise<Lookups | "seen"> {
  const gateway = paymentLookups();
  const none: Lookups = { details: null, sessionId: null };
  const known = async (where: SQL | undefined) => {
    const [row] = await db().execute<{ seen: boolean; status: Donation["status"] | null }>(sql`
      select exists (select 1 from ${paymentEvents} where ${paymentEvents.id} = ${event.id}) as seen,
             ${where ? sql`(select ${donations.status} from ${donations} where ${where} limit 1)` : sql`null`} as status`);
    return row.seen ? ("seen" as const) : { status: row.status };
  };
  if (event.type === "checkout.session.completed" || event.type === "checkout.session.async_payment_succeeded") {
    const s = event.data.object as SessionObject;
    const paid = event.type === "checkout.session.async_payment_succeeded" || s.payment_status === "paid";
    const found = await known(paid ? bySession(s.id, s.metadata?.donation_id) : undefined);
    if (found === "seen") return found;
    if (!paid || !found.status || found.status === "succeeded" || found.status === "refunded") return none; // unmatched, or already recorded
    const details = await gateway.paymentDetails({ paymentIntentId: idOf(s.payment_intent), invoiceId: idOf(s.invoice), amountFen: fenOf(s.amount_total) ?? 0n });
    return { details, sessionId: null };
  }
  if (event.type === "charge.refunded") {
    const c = event.data.object as ChargeObject;
    const paymentIntentId = idOf(c.payment_intent);
    const found = await known(paymentIntentId ? eq(donations.paymentIntentId, paymentIntentId) : undefined);
    if (found === "seen") return found;
    if (!paymentIntentId) return none;
    if (found.status === "succeeded" || found.status === "refunded") return none;
    // The refund came before the payment's own events: it still proves the payment, so find it.
    const details = await gateway.paymentDetails({ paymentIntentId, amountFen: fenOf(c.amount) ?? 0n });
    return { details, sessionId: found.status ? null : await gateway.sessionOfPaymentIntent(paymentIntentId) };
  }
  if ((await known(undefined)) === "seen") return "seen";
  if (event.type === "invoice.paid") {
    const i = event.data.object as InvoiceObject;
    if (i.billing_reason === "subscription_create") return none;
    const paymentIntentId = idOf(i.payments?.data?.find((p) => p.payment?.type === "payment_intent")?.payment?.payment_intent);
    return { details: await gateway.paymentDetails({ paymentIntentId, invoiceId: i.id, amountFen: fenOf(i.amount_paid) ?? 0n }), sessionId: null };
  }
  return none;
}

async function lockedDonation(tx: Tx, where: SQL | undefined): Promise<Donation | null> {
  const [row] = await tx.select().from(donations).where(where).orderBy(asc(donations.createdAt)).limit(1).for("update");
  return row ?? null;
}

const bySession = (sessionId: string, donationId?: string | null) =>
  donationId ? or(eq(donations.checkoutSessionId, sessionId), and(eq(donations.id, donationId), isNull(donations.checkoutSessionId))) : eq(donations.checkoutSessionId, sessionId);

async function apply(tx: Tx, event: PaymentEvent, lookups: Lookups): Promise<Exclude<EventOutcome, "duplicate">> {
  const at = new Date(event.created * 1000);
  if (SESSION_EVENTS.has(event.type)) {
    const s = event.data.object as SessionObject;
    const found = await lockedDonation(tx, bySession(s.id, s.metadata?.donation_id));
    if (!found) return "unmatched";
    const paid = event.type === "checkout.session.async_payment_succeeded" || (event.type === "checkout.session.completed" && s.payment_status === "paid");
    if (!agreesWith(found, { amount: s.amount_total, currency: s.currency }, paid)) return "rejected";
    const links = newLinks(found, {
      checkoutSessionId: s.id,
      paymentIntentId: idOf(s.payment_intent),
      subscriptionId: idOf(s.subscription),
    });
    const method = s.payment_method_types?.length === 1 ? s.payment_method_types[0] : null;
    if (paid) {
      await recordSuccess(tx, found, links, at, lookups.details, method);
    } else if (event.type === "checkout.session.async_payment_failed") {
      await moveOn(tx, found, links, "failed");
    } else if (event.type === "checkout.session.expired") {
      await moveOn(tx, found, links, "expired");
    } else {
      await moveOn(tx, found, links, "pending"); // completed, the money (Alipay, WeChat Pay) still on its way
    }
    return "processed";
  }

  if (event.type === "charge.refunded") {
    const c = event.data.object as ChargeObject;
    const paymentIntentId = idOf(c.payment_intent);
    let donation = paymentIntentId ? await lockedDonation(tx, eq(donations.paymentIntentId, paymentIntentId)) : null;
    let links: Partial<Donation> = {};
    if (!donation && lookups.sessionId) {
      donation = await lockedDonation(tx, eq(donations.checkoutSessionId, lookups.sessionId));
      if (donation) links = newLinks(donation, { paymentIntentId });
    }
    if (!donation) return "unmatched";
    const refundedFen = fenOf(c.amount_refunded);
    if (!agreesWith(donation, { amount: c.amount, currency: c.currency }, true) || refundedFen === null || refundedFen < 0n || refundedFen > donation.amountFen) return "rejected";
    donation = await recordSuccess(tx, donation, links, at, lookups.details, null);
    await recordRefund(tx, donation, refundedFen, { eventId: event.id, at });
    return "processed";
  }

  if (event.type === "invoice.paid") {
    const i = event.data.object as InvoiceObject;
    if (i.billing_reason === "subscription_create") return "ignored"; // the checkout session carries the first month
    const subscriptionId = idOf(i.parent?.subscription_details?.subscription) ?? idOf(i.subscription);
    const first = subscriptionId ? await lockedDonation(tx, eq(donations.subscriptionId, subscriptionId)) : null;
    if (!first) return "unmatched";
    // Every month of a monthly gift is the amount the donor chose.
    if (!agreesWith(first, { amount: i.amount_paid, currency: i.currency }, true)) return "rejected";
    const [month] = await tx
      .insert(donations)
      .values({
        id: newId(),
        fundId: first.fundId,
        campaignId: first.campaignId,
        donorUserId: first.donorUserId,
        donorName: first.donorName,
        donorEmail: first.donorEmail,
        anonymous: first.anonymous,
        amountFen: first.amountFen,
        status: "pending",
        paymentIntentId: lookups.details?.paymentIntentId ?? null,
        paymentMethod: "card",
        subscriptionId,
        createdAt: at,
      })
      .returning();
    await recordSuccess(tx, month, {}, at, lookups.details, "card");
    return "processed";
  }

  if (event.type === "customer.subscription.deleted") {
    const s = event.data.object as Ref;
    const [gift] = await tx.select({ id: donations.id }).from(donations).where(eq(donations.subscriptionId, s.id)).limit(1);
    // The event row itself is the record that the monthly gift has ended (see queries.server.ts).
    return gift ? "processed" : "ignored";
  }
  return "ignored";
}

/** The payment's ids the donation does not know yet; written with the status change they come with. */
function newLinks(donation: Donation, ids: { checkoutSessionId?: string; paymentIntentId?: string | null; subscriptionId?: string | null }): Partial<Donation> {
  const changes: Partial<Donation> = {};
  if (ids.checkoutSessionId && !donation.checkoutSessionId) changes.checkoutSessionId = ids.checkoutSessionId;
  if (ids.paymentIntentId && !donation.paymentIntentId) changes.paymentIntentId = ids.paymentIntentId;
  if (ids.subscriptionId && !donation.subscriptionId) changes.subscriptionId = ids.subscriptionId;
  return changes;
}

/** One UPDATE for all of a donation's changes in this event (none when there are none); the row as it now is. */
async function updateDonation(tx: Tx, donation: Donation, changes: Partial<Donation>): Promise<Donation> {
  if (Object.keys(changes).length === 0) return donation;
  await tx.update(donations).set(changes).where(eq(donations.id, donation.id));
  return { ...donation, ...changes };
}

const ORDER: Record<Donation["status"], number> = { created: 0, pending: 1, succeeded: 2, failed: 2, expired: 2, refunded: 3 };

/** A state change that never goes back: a late "completed" leaves a failed or paid donation as it is. */
async function moveOn(tx: Tx, donation: Donation, links: Partial<Donation>, to: "pending" | "failed" | "expired") {
  await updateDonation(tx, donation, ORDER[donation.status] >= ORDER[to] ? links : { ...links, status: to });
}

/**
 * The donation is paid: its status, receipt number and fee, and one ledger entry for the gift,
 * whose Stripe fee is a line of its own (an expense), so what reaches Stripe's clearing account is
 * the gift less the fee, as in Stripe's balance.
 */
async function recordSuccess(tx: Tx, donation: Donation, links: Partial<Donation>, at: Date, details: PaymentDetails | null, method: string | null): Promise<Donation> {
  if (donation.status === "succeeded" || donation.status === "refunded") return updateDonation(tx, donation, links);
  // Read before the fund's lock, which is then held no longer than the ledger needs.
  const campaign = donation.campaignId ? (await tx.select({ title: campaigns.title }).from(campaigns).where(eq(campaigns.id, donation.campaignId)))[0] : undefined;
  await lockFund(tx, donation.fundId);
  const feeFen = details?.feeFen ?? 0n;
  if (feeFen < 0n) throw new Error(`Stripe reported a negative fee (${feeFen} fen) on donation ${donation.id}`);
  const changes: Partial<Donation> = {
    ...links,
    status: "succeeded",
    succeededAt: at,
    feeFen,
    paymentIntentId: links.paymentIntentId ?? donation.paymentIntentId ?? details?.paymentIntentId ?? null,
    paymentMethod: details?.method ?? method ?? donation.paymentMethod,
  };
  const gift = { ...donation, ...changes };
  const netFen = gift.amountFen - feeFen;
  // Under the fund's lock, the receipt number and the entry are read and written side by side
  // (pipelined on the transaction's connection): neither needs the other.
  const [paid] = await Promise.all([
    nextReceiptNumber(tx, gift.fundId, at).then((receiptNumber) => updateDonation(tx, donation, { ...changes, receiptNumber })),
    postEntry(tx, {
      fundId: gift.fundId,
      kind: "donation",
      memo: campaign ? `在线捐赠：${campaign.title}` : gift.subscriptionId ? "在线捐赠（月捐）" : "在线捐赠",
      source: { type: "donation", id: gift.id },
      counterparty: gift.anonymous ? ANONYMOUS : gift.donorName,
      occurredAt: at,
      lines: [
        // A fee above the gift (never for amounts Checkout accepts) would leave Stripe's balance short.
        ...(netFen > 0n ? [{ account: "stripe_clearing" as const, debit: netFen }] : netFen < 0n ? [{ account: "stripe_clearing" as const, credit: -netFen }] : []),
        ...(feeFen > 0n ? [{ account: "processing_fees" as const, debit: feeFen }] : []),
        { account: "donations", credit: gift.amountFen },
      ],
    }),
  ]);
  await applyMatches(tx, paid, at);
  if (paid.donorUserId) {
    await enqueueJob(tx, "notify", {
      key: `donation-succeeded:${paid.id}`,
      kind: "donation_succeeded",
      title: "donations.thanksTitle",
      body: "donations.thanksBody",
      params: { receipt: paid.receiptNumber ?? "" },
      link: `/receipts/${paid.id}`,
      userIds: [paid.donorUserId],
    });
  }
  return paid;
}

/** What Stripe has refunded of this payment so far, as the ledger has it (manual refunds apart). */
async function stripeRefundedFen(tx: Tx, donation: Donation): Promise<bigint> {
  if (!donation.paymentIntentId) return 0n;
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${journalLines.debitFen}), 0)::text` })
    .from(journalEntries)
    .innerJoin(journalLines, and(eq(journalLines.entryId, journalEntries.id), eq(journalLines.accountId, accountId(donation.fundId, "refunds"))))
    .innerJoin(paymentEvents, eq(paymentEvents.id, journalEntries.sourceId))
    .where(
      and(
        eq(journalEntries.sourceType, "refund"),
        eq(journalEntries.fundId, donation.fundId),
        sql`${paymentEvents.payload} -> 'data' -> 'object' ->> 'payment_intent' = ${donation.paymentIntentId}`,
      ),
    );
  return BigInt(row?.total ?? "0");
}

/**
 * Stripe reports the total refunded so far; the entry is what is new since the refunds already
 * posted, so refunds arriving out of order or twice never refund more than Stripe did.
 */
async function recordRefund(tx: Tx, donation: Donation, totalRefundedFen: bigint, cause: { eventId: string; at: Date }) {
  let newly = totalRefundedFen - (await stripeRefundedFen(tx, donation));
  if (newly <= 0n) return;
  const left = donation.amountFen - donation.refundedFen;
  if (newly > left) {
    // A manager recorded part of it by hand as well: reconciliation will show the difference.
    console.error(`[payments] Stripe refunded ${newly} fen of donation ${donation.id} but only ${left} fen is left unrefunded in the ledger`);
    newly = left;
  }
  if (newly <= 0n) return;
  const refundedFen = donation.refundedFen + newly;
  await postEntry(tx, {
    fundId: donation.fundId,
    kind: "refund",
    memo: refundedFen === donation.amountFen ? "捐赠全额退款" : "捐赠部分退款",
    source: { type: "refund", id: cause.eventId },
    counterparty: donation.anonymous ? ANONYMOUS : donation.donorName,
    occurredAt: cause.at,
    lines: [
      { account: "refunds", debit: newly },
      { account: "stripe_clearing", credit: newly },
    ],
  });
  // As for refunds recorded by hand: "refunded" once nothing is left, the amount in refundedFen.
  await tx
    .update(donations)
    .set({ refundedFen, ...(refundedFen === donation.amountFen ? { status: "refunded" as const } : {}) })
    .where(eq(donations.id, donation.id));
  await reverseMatchesForRefund(tx, donation, refundedFen, cause.at);
}

/**
 * An event we cannot place, or one whose amount is not its donation's, is kept (outcome unmatched
 * or rejected) and a person is told: money is never silently lost, nor silently made up.
 */
async function alarm(tx: Tx, event: PaymentEvent, outcome: "unmatched" | "rejected") {
  console.error(
    outcome === "unmatched"
      ? `[payments] Stripe event ${event.id} (${event.type}) matches no donation: kept as unmatched for a person to resolve`
      : `[payments] Stripe event ${event.id} (${event.type}) states an amount or currency that is not its donation's: kept as rejected, nothing posted`,
  );
  const admins = await tx.select({ id: users.id }).from(users).where(eq(users.isPlatformAdmin, true));
  if (admins.length === 0) return;
  await enqueueJob(tx, "notify", {
    key: `payment-${outcome}:${event.id}`,
    kind: `payment_${outcome}`,
    title: outcome === "unmatched" ? "donations.unmatchedTitle" : "donations.rejectedTitle",
    body: outcome === "unmatched" ? "donations.unmatchedBody" : "donations.rejectedBody",
    params: { event: event.id, type: event.type },
    userIds: admins.map((a) => a.id),
  });
}
