// What the webhook handler asks about a payment: Stripe in real mode; in local mode the answers are
// made up here (there is no Stripe to ask), without the local page's event delivery, which itself
// goes through the handler.
import { randomBytes } from "node:crypto";
import { paymentMode } from "~/utils/stripe.server";
import type { PaymentLookups } from "./gateway";
import { stripeGateway } from "./stripe-gateway.server";

/** Stripe's usual rate for Chinese wallets and cards, 0.6%, rounded to the fen. */
export const localFee = (amountFen: bigint) => (amountFen * 6n + 500n) / 1000n;

export const localId = (prefix: string) => `${prefix}_local_${randomBytes(18).toString("base64url")}`;

export const localLookups: PaymentLookups = {
  async paymentDetails(ref) {
    return { feeFen: localFee(ref.amountFen), paymentIntentId: ref.paymentIntentId ?? null, method: null };
  },
  async sessionOfPaymentIntent() {
    return null; // the local page always sends the session's events first
  },
};

export function paymentLookups(): PaymentLookups {
  return paymentMode() === "real" ? stripeGateway : localLookups;
}
