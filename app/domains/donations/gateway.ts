// What the donation code asks of a payment processor: the interface that the Stripe gateway, the
// local stand-in and the webhook handler all depend on, so that none of them depends on another.
import type { PaymentMode } from "~/utils/stripe.server";
import type { PaymentMethod } from "./schemas";

export interface CheckoutRequest {
  donationId: string;
  description: string;
  amountFen: bigint;
  monthly: boolean;
  method: PaymentMethod;
  donorEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

export interface PaymentDetails {
  feeFen: bigint;
  paymentIntentId: string | null;
  method: string | null;
}

/** One line of Stripe's balance (money in, a fee, money out), for reconciliation. */
export interface BalanceLine {
  id: string;
  type: string; // charge | payment | refund | payment_refund | …
  amountFen: bigint; // negative for money out
  feeFen: bigint;
  paymentIntentId: string | null;
  createdAt: Date;
}

export interface PaymentGateway extends PaymentLookups {
  mode: PaymentMode;
  createCheckout(request: CheckoutRequest): Promise<{ sessionId: string; url: string }>;
  /** Closes an open session; answers the state it is left in. */
  expireCheckout(sessionId: string): Promise<"expired" | "complete" | "open">;
  cancelSubscription(subscriptionId: string): Promise<void>;
  balanceTransactions(from: Date, to: Date): Promise<BalanceLine[]>;
}

/** What the webhook handler asks the processor about a payment it is told of. */
export interface PaymentLookups {
  /** The fee Stripe kept and the method used, for a payment or a subscription's invoice. */
  paymentDetails(ref: { paymentIntentId?: string | null; invoiceId?: string | null; amountFen: bigint }): Promise<PaymentDetails>;
  /** The Checkout Session a payment came from (a refund can arrive before the session's events). */
  sessionOfPaymentIntent(paymentIntentId: string): Promise<string | null>;
}
