// The Stripe client and which payment mode the platform runs in. Read from the environment at run
// time (not at build), so tests can point the real SDK at a local stand-in of Stripe's API.
//   real:  STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set (STRIPE_API_HOST/PORT/PROTOCOL
//          optionally point the SDK elsewhere: tests/support/fake-stripe-api.ts)
//   local: neither is set: a local payment page stands in for Checkout (never in production)
import Stripe from "stripe";
import { isProduction } from "./env.server";

export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

/** Signs the local page's events; only ever accepted when no real webhook secret is configured. */
const LOCAL_WEBHOOK_SECRET = "whsec_local_sanshe_development_only";

export type PaymentMode = "real" | "local";

export function paymentMode(): PaymentMode {
  const key = process.env.STRIPE_SECRET_KEY;
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (key && secret) return "real";
  if (key || secret) throw new Error("Set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither (local payment page).");
  if (isProduction()) throw new Error("No Stripe keys: the local payment page refuses to run in production. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.");
  return "local";
}

export function webhookSecret(): string {
  return paymentMode() === "real" ? process.env.STRIPE_WEBHOOK_SECRET! : LOCAL_WEBHOOK_SECRET;
}

let cached: { signature: string; client: Stripe } | undefined;

/** The SDK client for real mode; one per configuration. */
export function stripe(): Stripe {
  const { STRIPE_SECRET_KEY: key = "", STRIPE_API_HOST: host, STRIPE_API_PORT: port, STRIPE_API_PROTOCOL: protocol } = process.env;
  const signature = [key, host, port, protocol].join("|");
  if (cached?.signature !== signature) {
    cached = {
      signature,
      client: new Stripe(key, {
        apiVersion: STRIPE_API_VERSION,
        host,
        port,
        protocol: protocol === "http" ? "http" : protocol === "https" ? "https" : undefined,
        maxNetworkRetries: 2,
        timeout: 20_000,
        appInfo: { name: "sanshe-liandong" },
      }),
    };
  }
  return cached.client;
}

/** Signature checks need no key: a client without one is enough (and works in local mode). */
const offline = new Stripe("sk_offline_signatures_only", { apiVersion: STRIPE_API_VERSION });

export function constructEvent(rawBody: string, signatureHeader: string): Stripe.Event {
  return offline.webhooks.constructEvent(rawBody, signatureHeader, webhookSecret());
}

export function signPayload(payload: string, secret = webhookSecret()): string {
  return offline.webhooks.generateTestHeaderString({ payload, secret });
}

export type { Stripe };
