// Checkout Sessions that were never paid end as expired donations. Stripe expires its own and
// sends checkout.session.expired; this sweep is the safety net behind that event, and the only
// source of it for the local payment page.
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { db } from "@db/client";
import { donations } from "@db/schema";
import { CHECKOUT_LIFETIME_MS } from "./create-checkout.server";
import { paymentGateway } from "./gateway.server";

const GRACE_MS = 10 * 60 * 1000;

export async function expireStaleDonations(now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - CHECKOUT_LIFETIME_MS - GRACE_MS);
  // A row whose session was never opened (the processor refused) has nothing to wait for.
  await db()
    .update(donations)
    .set({ status: "failed" })
    .where(and(eq(donations.status, "created"), isNull(donations.checkoutSessionId), lt(donations.createdAt, before)));
  const stale = await db()
    .select({ id: donations.id, sessionId: donations.checkoutSessionId })
    .from(donations)
    .where(and(inArray(donations.status, ["created", "pending"]), lt(donations.createdAt, before)))
    .limit(500);
  const gateway = paymentGateway();
  let expired = 0;
  for (const d of stale) {
    if (!d.sessionId) continue;
    const state = await gateway.expireCheckout(d.sessionId);
    if (state !== "expired") continue; // complete: its payment events are on their way
    expired++;
    // Locally the expiry went through the webhook handler already; with Stripe, its event may
    // still be on the way, and no money moves here, so the state is set now.
    if (gateway.mode === "real") {
      await db()
        .update(donations)
        .set({ status: "expired" })
        .where(and(eq(donations.id, d.id), inArray(donations.status, ["created", "pending"])));
    }
  }
  return expired;
}
