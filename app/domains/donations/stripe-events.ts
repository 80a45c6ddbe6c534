// Stripe-shaped events, as Stripe's servers send them (only the fields the platform reads, and the
// envelope). Used by the local payment page, the worker's local expiry and the tests.
import { randomBytes } from "node:crypto";
import { STRIPE_API_VERSION } from "~/utils/stripe.server";

export interface SessionFields {
  id: string;
  donationId?: string;
  amountFen: bigint;
  mode?: "payment" | "subscription";
  paymentStatus?: "paid" | "unpaid";
  status?: "open" | "complete" | "expired";
  paymentIntentId?: string | null;
  subscriptionId?: string | null;
  invoiceId?: string | null;
  method?: string;
}

const eventId = () => `evt_${randomBytes(12).toString("hex")}`;

export function stripeEvent(type: string, object: Record<string, unknown>, options: { id?: string; created?: Date } = {}) {
  return {
    id: options.id ?? eventId(),
    object: "event",
    api_version: STRIPE_API_VERSION,
    created: Math.floor((options.created ?? new Date()).getTime() / 1000),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

export type StripeEventJson = ReturnType<typeof stripeEvent>;

export function checkoutSession(s: SessionFields) {
  return {
    id: s.id,
    object: "checkout.session",
    mode: s.mode ?? "payment",
    status: s.status ?? "complete",
    payment_status: s.paymentStatus ?? "paid",
    amount_total: Number(s.amountFen),
    currency: "cny",
    payment_intent: s.paymentIntentId ?? null,
    subscription: s.subscriptionId ?? null,
    invoice: s.invoiceId ?? null,
    client_reference_id: s.donationId ?? null,
    metadata: s.donationId ? { donation_id: s.donationId } : {},
    // A finished local session names the one method the donor used.
    payment_method_types: s.method ? [s.method] : ["card", "alipay", "wechat_pay"],
  };
}

export const sessionEvent = (
  type: "checkout.session.completed" | "checkout.session.async_payment_succeeded" | "checkout.session.async_payment_failed" | "checkout.session.expired",
  s: SessionFields,
  options?: { id?: string; created?: Date },
) => stripeEvent(type, checkoutSession(s), options);

/** charge.refunded: `amountRefundedFen` is the total refunded so far, as Stripe reports it. */
export function chargeRefundedEvent(c: { paymentIntentId: string; amountFen: bigint; amountRefundedFen: bigint }, options?: { id?: string; created?: Date }) {
  return stripeEvent(
    "charge.refunded",
    {
      id: `ch_${randomBytes(10).toString("hex")}`,
      object: "charge",
      amount: Number(c.amountFen),
      amount_refunded: Number(c.amountRefundedFen),
      currency: "cny",
      payment_intent: c.paymentIntentId,
      refunded: c.amountRefundedFen === c.amountFen,
    },
    options,
  );
}

/** A later month of a monthly gift (Stripe's invoice.paid for a subscription cycle). */
export function invoicePaidEvent(i: { id: string; subscriptionId: string; amountFen: bigint; paymentIntentId?: string | null; billingReason?: string }, options?: { id?: string; created?: Date }) {
  return stripeEvent(
    "invoice.paid",
    {
      id: i.id,
      object: "invoice",
      amount_paid: Number(i.amountFen),
      currency: "cny",
      billing_reason: i.billingReason ?? "subscription_cycle",
      parent: { type: "subscription_details", subscription_details: { subscription: i.subscriptionId } },
      payments: i.paymentIntentId
        ? { object: "list", data: [{ object: "invoice_payment", payment: { type: "payment_intent", payment_intent: i.paymentIntentId } }] }
        : { object: "list", data: [] },
    },
    options,
  );
}

export const subscriptionDeletedEvent = (subscriptionId: string) =>
  stripeEvent("customer.subscription.deleted", { id: subscriptionId, object: "subscription", status: "canceled" });
