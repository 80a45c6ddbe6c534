// The payment gateway for real mode: Stripe through its SDK (tests point the same SDK at
// tests/support/fake-stripe-api.ts).
import { stripe, type Stripe } from "~/utils/stripe.server";
import type { BalanceLine, PaymentGateway } from "./gateway";

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const idOf = (value: string | { id: string } | null | undefined) => (value == null ? null : typeof value === "string" ? value : value.id);

export const stripeGateway: PaymentGateway = {
  mode: "real",

  async createCheckout(request) {
    const metadata = { donation_id: request.donationId };
    const priceData = {
      currency: "cny",
      unit_amount: Number(request.amountFen),
      product_data: { name: request.description },
    };
    const common = {
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      expires_at: seconds(request.expiresAt),
      client_reference_id: request.donationId,
      customer_email: request.donorEmail ?? undefined,
      metadata,
    };
    const params: Stripe.Checkout.SessionCreateParams = request.monthly
      ? {
          ...common,
          mode: "subscription",
          allowed_payment_method_types: ["card"],
          line_items: [{ quantity: 1, price_data: { ...priceData, recurring: { interval: "month" } } }],
          subscription_data: { metadata },
        }
      : {
          ...common,
          mode: "payment",
          submit_type: "donate",
          allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
          payment_method_options: { wechat_pay: { client: "web" } },
          line_items: [{ quantity: 1, price_data: priceData }],
          payment_intent_data: { metadata, description: request.description },
        };
    const session = await stripe().checkout.sessions.create(params, { idempotencyKey: `checkout-${request.donationId}` });
    if (!session.url) throw new Error(`Stripe gave checkout session ${session.id} no url`);
    return { sessionId: session.id, url: session.url };
  },

  async expireCheckout(sessionId) {
    const state = (status: string | null) => (status === "expired" || status === "complete" ? status : "open");
    const session = await stripe().checkout.sessions.retrieve(sessionId);
    if (state(session.status) !== "open") return state(session.status);
    return state((await stripe().checkout.sessions.expire(sessionId)).status);
  },

  async paymentDetails(ref) {
    let paymentIntentId = ref.paymentIntentId ?? null;
    if (!paymentIntentId && ref.invoiceId) {
      const invoice = await stripe().invoices.retrieve(ref.invoiceId, { expand: ["payments"] });
      const payment = invoice.payments?.data.find((p) => p.payment.type === "payment_intent");
      paymentIntentId = idOf(payment?.payment.payment_intent);
    }
    if (!paymentIntentId) return { feeFen: 0n, paymentIntentId: null, method: null };
    const intent = await stripe().paymentIntents.retrieve(paymentIntentId, { expand: ["latest_charge.balance_transaction"] });
    const charge = typeof intent.latest_charge === "object" ? intent.latest_charge : null;
    const balance = charge && typeof charge.balance_transaction === "object" ? charge.balance_transaction : null;
    return { feeFen: BigInt(balance?.fee ?? 0), paymentIntentId, method: charge?.payment_method_details?.type ?? null };
  },

  async sessionOfPaymentIntent(paymentIntentId) {
    const list = await stripe().checkout.sessions.list({ payment_intent: paymentIntentId, limit: 1 });
    return list.data[0]?.id ?? null;
  },

  async cancelSubscription(subscriptionId) {
    await stripe().subscriptions.cancel(subscriptionId);
  },

  async balanceTransactions(from, to) {
    const lines: BalanceLine[] = [];
    const pages = stripe().balanceTransactions.list({ created: { gte: seconds(from), lt: seconds(to) }, limit: 100, expand: ["data.source"] });
    for await (const t of pages) {
      const source = t.source && typeof t.source === "object" ? (t.source as { payment_intent?: string | { id: string } | null }) : null;
      lines.push({
        id: t.id,
        type: t.type,
        amountFen: BigInt(t.amount),
        feeFen: BigInt(t.fee),
        paymentIntentId: idOf(source?.payment_intent),
        createdAt: new Date(t.created * 1000),
      });
    }
    return lines;
  },
};
