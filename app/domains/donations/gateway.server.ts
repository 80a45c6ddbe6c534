// Which payment gateway the platform talks to. Real mode talks to Stripe through its SDK
// (./stripe-gateway.server.ts); local mode stands in for Stripe's hosted Checkout with
// /pay/local/<session> (./local-checkout.server.ts), whose events go through the same webhook
// handler, signed, so that everything after Stripe runs as it would for real.
import { paymentMode } from "~/utils/stripe.server";
import type { PaymentGateway } from "./gateway";
import { localGateway } from "./local-checkout.server";
import { stripeGateway } from "./stripe-gateway.server";

export function paymentGateway(): PaymentGateway {
  return paymentMode() === "real" ? stripeGateway : localGateway;
}
