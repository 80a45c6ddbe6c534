// The Stripe client and which payment mode the platform runs in. Read from the environment at run
// time (not at build), so tests can point the real SDK at a local stand-in of Stripe's API.
//   real:  STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set (STRIPE_API_HOST/PORT/PROTOCOL
//          optionally point the SDK elsewhere: tests/support/fake-stripe-api.ts)
//   local: neither is set: a local payment page stands in for Checkout (never in production); its
//          events are signed with a secret made for this installation, kept in its database
import Stripe from "stripe";
import { isProduction } from "./env.server";
import { installationSecret } from "./installation-secrets.server";

export const STRIPE_API_VERSION = "2026-10-28.endive" as const;

export type PaymentMode = "real" | "local";

export function paymentMode(): PaymentMode {
  const key = process.env.STRIPE_SECRET_KEY;
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (key && secret) return "real";
  if (key || secret) throw new Error("Set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither (local payment page).");
  if (isProduction()) throw new Error("No Stripe keys: the local payment page refuses to run in production. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET.");
  return "local";
}

/** Stripe's secret in real mode; in local mode this installation's own, which the code never holds. */
export async function webhookSecret(): Promise<string> {
  return paymentMode() === "real" ? process.env.STRIPE_WEBHOOK_SECRET! : installationSecret("local_webhook");
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

/** The event in a webhook's raw body, if its signature is the secret's; throws otherwise. */
export function constructEvent(rawBody: string, signatureHeader: string, secret: string): Stripe.Event {
  return offline.webhooks.constructEvent(rawBody, signatureHeader, secret);
}

export async function signPayload(payload: string, secret?: string): Promise<string> {
  return offline.webhooks.generateTestHeaderString({ payload, secret: secret ?? (await webhookSecret()) });
}

export type { Stripe };
