// The local stand-in for Stripe's hosted Checkout (no keys: development, the demo, e2e tests).
// Paying sends the events Stripe would send, signed with this installation's own secret (ADR 0013),
// through the same handler the webhook route calls, so every line after Stripe runs. Never in
// production: paymentMode() refuses, and the /pay/local pages answer 404 there.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { donations, funds } from "@db/schema";
import { AppError, badInput, notFound } from "~/utils/errors";
import { paymentMode, signPayload } from "~/utils/stripe.server";
import type { PaymentGateway } from "./gateway";
import { receiveStripeWebhook } from "./handle-payment-event.server";
import { localId, localLookups } from "./payment-lookups.server";
import type { PaymentMethod } from "./schemas";
import { sessionEvent, stripeEvent, subscriptionDeletedEvent, type StripeEventJson } from "./stripe-events";

/** Local sessions for monthly gifts are told apart by their id (Stripe's by their mode). */
const MONTHLY_LOCAL_SESSION = "cs_local_monthly_";
const isMonthlySession = (sessionId: string) => sessionId.startsWith(MONTHLY_LOCAL_SESSION);

function assertLocal() {
  if (paymentMode() !== "local") throw new AppError("not_found");
}

async function deliverLocalEvent(event: StripeEventJson) {
  const payload = JSON.stringify(event);
  return receiveStripeWebhook(payload, await signPayload(payload));
}

const expiredEvent = (sessionId: string) => stripeEvent("checkout.session.expired", { id: sessionId, object: "checkout.session", status: "expired", payment_status: "unpaid" });

export const localGateway: PaymentGateway = {
  mode: "local",
  ...localLookups,
  async createCheckout(request) {
    const sessionId = request.monthly ? `${MONTHLY_LOCAL_SESSION}${localId("cs").slice(9)}` : localId("cs");
    return { sessionId, url: `/pay/local/${sessionId}` };
  },
  async expireCheckout(sessionId) {
    await deliverLocalEvent(expiredEvent(sessionId));
    return "expired";
  },
  async cancelSubscription(subscriptionId) {
    await deliverLocalEvent(subscriptionDeletedEvent(subscriptionId));
  },
  async balanceTransactions() {
    return []; // nothing to reconcile without Stripe
  },
};

/** What the local checkout page shows. */
export async function localSession(sessionId: string) {
  assertLocal();
  const [row] = await db()
    .select({ donation: donations, fundName: funds.name })
    .from(donations)
    .innerJoin(funds, eq(funds.id, donations.fundId))
    .where(eq(donations.checkoutSessionId, sessionId));
  if (!row) throw notFound();
  return { ...row, monthly: isMonthlySession(sessionId) };
}

/** The donor's choice on the local page: pay, have the wallet payment fail, or go back. */
export async function completeLocalCheckout(input: { sessionId: string; method: PaymentMethod; outcome: "pay" | "fail" | "cancel" }) {
  const { donation, monthly } = await localSession(input.sessionId);
  if (input.outcome === "cancel" || donation.status !== "pending") return donation;
  if (monthly && input.method !== "card") throw badInput({ method: "donations.monthlyCardOnly" });
  const base = { id: input.sessionId, donationId: donation.id, amountFen: donation.amountFen, method: input.method };
  if (monthly) {
    const paid = { ...base, mode: "subscription" as const, subscriptionId: localId("sub"), invoiceId: localId("in") };
    await deliverLocalEvent(sessionEvent("checkout.session.completed", paid));
  } else if (input.method === "card") {
    // Cards are declined at the page itself, so a card payment that leaves the page is paid.
    if (input.outcome === "fail") throw badInput({ method: "donations.cardDeclined" });
    await deliverLocalEvent(sessionEvent("checkout.session.completed", { ...base, paymentIntentId: localId("pi") }));
  } else {
    // Alipay and WeChat Pay confirm later: completed (unpaid), then the async outcome.
    const paymentIntentId = localId("pi");
    await deliverLocalEvent(sessionEvent("checkout.session.completed", { ...base, paymentIntentId, paymentStatus: "unpaid" }));
    const type = input.outcome === "pay" ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed";
    await deliverLocalEvent(sessionEvent(type, { ...base, paymentIntentId, paymentStatus: input.outcome === "pay" ? "paid" : "unpaid" }));
  }
  const [after] = await db().select().from(donations).where(eq(donations.id, donation.id));
  return after;
}
