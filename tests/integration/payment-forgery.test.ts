// Forged and wrong payment events, without Stripe keys (the local payment page, as in development
// and every deployment not marked production): the local page's events are signed with a secret
// made for this installation and kept in its database, and an event whose amount or currency is
// not the donation's is kept as a rejection that moves no money.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { donations, installationSecrets, journalEntries, paymentEvents } from "@db/schema";
import { startDonation } from "~/domains/donations/create-checkout.server";
import { completeLocalCheckout } from "~/domains/donations/local-checkout.server";
import { donateSchema } from "~/domains/donations/schemas";
import { chargeRefundedEvent, invoicePaidEvent, sessionEvent, type StripeEventJson } from "~/domains/donations/stripe-events";
import { signPayload } from "~/utils/stripe.server";
import { startTestApp, type TestApp } from "../factories/http";
import { actorOf, createFoundation, createUser } from "../factories";
import { useLocalPayments } from "../support/fake-stripe-api";

/** The secret every copy of the code signed local events with until it was made per installation. */
const SECRET_ONCE_IN_THE_CODE = "whsec_local_sanshe_development_only";

let app: TestApp;
beforeAll(async () => {
  useLocalPayments();
  app = await startTestApp();
});
afterAll(() => app?.stop());

async function deliver(event: StripeEventJson, secret?: string) {
  const payload = JSON.stringify(event);
  const res = await fetch(`${app.baseUrl}/webhooks/stripe`, {
    method: "POST",
    body: payload,
    headers: { "content-type": "application/json", "stripe-signature": await signPayload(payload, secret) },
  });
  return { status: res.status, body: (await res.json()) as { outcome?: string } };
}

async function give(fundId: string, yuan: number, options: { monthly?: boolean; method?: "card" | "alipay" } = {}) {
  const actor = options.monthly ? await actorOf(await createUser()) : null;
  const input = donateSchema.parse({ preset: String(yuan), method: options.method ?? "card", name: "何先生", ...(options.monthly ? { monthly: "on" } : {}) });
  const { donationId, sessionId } = await startDonation({ actor, fundId, input, baseUrl: app.baseUrl });
  return { donationId, sessionId, amountFen: BigInt(yuan * 100) };
}

const donation = async (id: string) => (await db().select().from(donations).where(eq(donations.id, id)))[0];
const entriesOf = async (fundId: string) => db().$count(journalEntries, eq(journalEntries.fundId, fundId));
const outcomeOf = async (eventId: string) => (await db().select({ outcome: paymentEvents.outcome }).from(paymentEvents).where(eq(paymentEvents.id, eventId)))[0]?.outcome;

describe("a payment event forged with the secret that was once written in the code", () => {
  it("is refused with 400 and changes nothing: the donation stays unpaid and the ledger empty", async () => {
    const { fundId } = await createFoundation();
    const gift = await give(fundId, 50);
    const forged = sessionEvent("checkout.session.completed", { id: gift.sessionId, donationId: gift.donationId, amountFen: gift.amountFen, paymentIntentId: "pi_forged" });
    const answer = await deliver(forged, SECRET_ONCE_IN_THE_CODE);
    expect(answer.status).toBe(400);
    expect(await db().$count(paymentEvents, eq(paymentEvents.id, forged.id))).toBe(0);
    expect((await donation(gift.donationId)).status).toBe("pending");
    expect(await entriesOf(fundId)).toBe(0);
  });

  it("cannot be made from the code at all: the local page signs with a random secret of this installation, kept in its database", async () => {
    const { fundId } = await createFoundation();
    const gift = await give(fundId, 30);
    await completeLocalCheckout({ sessionId: gift.sessionId, method: "card", outcome: "pay" });
    expect((await donation(gift.donationId)).status).toBe("succeeded");
    const stored = await db().select().from(installationSecrets);
    expect(stored).toHaveLength(1);
    expect(stored[0].value).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
    expect(stored[0].value).not.toBe(SECRET_ONCE_IN_THE_CODE);
    // Any process on this database (another web process, the worker) signs and checks with the same secret.
    const later = await give(fundId, 20);
    const event = sessionEvent("checkout.session.completed", { id: later.sessionId, amountFen: later.amountFen, paymentIntentId: "pi_later" });
    expect((await deliver(event, stored[0].value)).body.outcome).toBe("processed");
  });
});

describe("a signed payment event whose amount or currency is not the donation's", () => {
  it("is kept as rejected, tells the platform's admins, and neither marks the gift paid nor posts it", async () => {
    const { fundId } = await createFoundation();
    await createUser({ admin: true });
    const cases: [string, StripeEventJson][] = [];
    const cheap = await give(fundId, 500);
    cases.push(["completed for one fen", sessionEvent("checkout.session.completed", { id: cheap.sessionId, amountFen: 1n, paymentIntentId: "pi_cheap" })]);
    const wallet = await give(fundId, 88, { method: "alipay" });
    cases.push(["an Alipay success for far more", sessionEvent("checkout.session.async_payment_succeeded", { id: wallet.sessionId, amountFen: 99999999999n, paymentIntentId: "pi_wallet" })]);
    const dollars = await give(fundId, 50);
    const inDollars = sessionEvent("checkout.session.completed", { id: dollars.sessionId, amountFen: dollars.amountFen, paymentIntentId: "pi_dollars" });
    inDollars.data.object.currency = "usd";
    cases.push(["the right number of US cents", inDollars]);
    const noAmount = await give(fundId, 60);
    const withoutAmount = sessionEvent("checkout.session.completed", { id: noAmount.sessionId, amountFen: noAmount.amountFen, paymentIntentId: "pi_none" });
    delete (withoutAmount.data.object as Record<string, unknown>).amount_total;
    cases.push(["no amount at all", withoutAmount]);

    for (const [what, event] of cases) {
      const answer = await deliver(event);
      expect(answer, what).toEqual({ status: 200, body: expect.objectContaining({ outcome: "rejected" }) });
      expect(await outcomeOf(event.id), what).toBe("rejected");
    }
    for (const gift of [cheap, wallet, dollars, noAmount]) expect((await donation(gift.donationId)).status).toBe("pending");
    expect(await entriesOf(fundId)).toBe(0);
    const alarms = await db().execute<{ event: string }>(
      sql`select j.payload->'params'->>'event' as event from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify' and j.payload->>'kind' = 'payment_rejected'`,
    );
    expect(alarms.map((a) => a.event).sort()).toEqual(cases.map(([, e]) => e.id).sort());
  });

  it("refuses a refund of a charge that was not this gift's amount, leaving the gift and the ledger as they were", async () => {
    const { fundId } = await createFoundation();
    const gift = await give(fundId, 50);
    await completeLocalCheckout({ sessionId: gift.sessionId, method: "card", outcome: "pay" });
    const paid = await donation(gift.donationId);
    const before = await entriesOf(fundId);
    const refund = chargeRefundedEvent({ paymentIntentId: paid.paymentIntentId!, amountFen: 1_000_000n, amountRefundedFen: 1_000_000n });
    expect((await deliver(refund)).body.outcome).toBe("rejected");
    expect(await donation(gift.donationId)).toMatchObject({ status: "succeeded", refundedFen: 0n });
    expect(await entriesOf(fundId)).toBe(before);
  });

  it("refuses a later month of a monthly gift for another amount, with no new gift and nothing posted", async () => {
    const { fundId } = await createFoundation();
    const gift = await give(fundId, 20, { monthly: true });
    await completeLocalCheckout({ sessionId: gift.sessionId, method: "card", outcome: "pay" });
    const first = await donation(gift.donationId);
    const before = await entriesOf(fundId);
    const month = invoicePaidEvent({ id: "in_forged_month", subscriptionId: first.subscriptionId!, amountFen: 99999999999n, paymentIntentId: "pi_month" });
    expect((await deliver(month)).body.outcome).toBe("rejected");
    expect(await db().$count(donations, eq(donations.fundId, fundId))).toBe(1);
    expect(await entriesOf(fundId)).toBe(before);
    // The same month for the gift's own amount is recorded.
    const right = invoicePaidEvent({ id: "in_right_month", subscriptionId: first.subscriptionId!, amountFen: 2000n, paymentIntentId: "pi_month_2" });
    expect((await deliver(right)).body.outcome).toBe("processed");
    expect(await entriesOf(fundId)).toBe(before + 1);
  });
});

describe("the installation's secret", () => {
  it("is one secret for every process on the database, however many start at once", async () => {
    await db().delete(installationSecrets);
    // Each fresh copy of the module is a process of its own: its own cache, its own connections.
    const processes = await Promise.all(
      Array.from({ length: 6 }, async () => {
        vi.resetModules();
        return import("~/utils/installation-secrets.server");
      }),
    );
    const secrets = await Promise.all(processes.map((p) => p.installationSecret("local_webhook")));
    expect(new Set(secrets).size).toBe(1);
    expect(await db().select().from(installationSecrets)).toEqual([expect.objectContaining({ name: "local_webhook", value: secrets[0] })]);
  });
});
