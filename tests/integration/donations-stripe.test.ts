// Donations in real mode: the Stripe SDK pointed at a local stand-in for Stripe's API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { donations } from "@db/schema";
import { cancelMonthlyGift } from "~/domains/donations/cancel-monthly-gift.server";
import { startDonation } from "~/domains/donations/create-checkout.server";
import { expireStaleDonations } from "~/domains/donations/expire-donations.server";
import { handlePaymentEvent } from "~/domains/donations/handle-payment-event.server";
import { donorDonations } from "~/domains/donations/queries.server";
import { reconcileDay } from "~/domains/donations/reconcile-payments.server";
import { donateSchema } from "~/domains/donations/schemas";
import { postEntry } from "~/domains/ledger/post-entry.server";
import { chargeRefundedEvent, invoicePaidEvent, sessionEvent, subscriptionDeletedEvent } from "~/domains/donations/stripe-events";
import { actorOf, createCampaign, createFoundation, createUser, refusalOf as refusal } from "../factories";
import { startFakeStripe, useFakeStripe, useLocalPayments, type FakeStripe } from "../support/fake-stripe-api";

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  useFakeStripe(fake);
});
afterAll(async () => {
  await fake?.close();
  useLocalPayments();
});

const form = (fields: Record<string, string>) => donateSchema.parse({ method: "card", name: "何先生", ...fields });
const lastSessionRequest = () => [...fake.requests].reverse().find((r) => r.method === "POST" && r.path === "/v1/checkout/sessions")!;

describe("a donor giving through Stripe", () => {
  it("opens a Checkout Session in CNY with card, Alipay and WeChat Pay (web client), the donation in its metadata", async () => {
    const { fundId } = await createFoundation({ name: "民泰社区基金" });
    const before = Date.now();
    const { donationId, sessionId, url } = await startDonation({ actor: null, fundId, input: form({ preset: "50", method: "wechat_pay" }), baseUrl: "https://sanshe.example" });
    const params = lastSessionRequest().params as Record<string, any>;
    expect(params.mode).toBe("payment");
    expect(params.allowed_payment_method_types).toEqual(["card", "alipay", "wechat_pay"]);
    expect(params.payment_method_options).toEqual({ wechat_pay: { client: "web" } });
    expect(params.line_items[0].price_data).toMatchObject({ currency: "cny", unit_amount: "5000" });
    expect(params.metadata).toEqual({ donation_id: donationId });
    expect(params.payment_intent_data.metadata).toEqual({ donation_id: donationId });
    expect(params.success_url).toBe(`https://sanshe.example/receipts/${donationId}?session={CHECKOUT_SESSION_ID}`);
    expect(Number(params.expires_at) * 1000).toBeGreaterThan(before + 30 * 60_000);
    expect(Number(params.expires_at) * 1000).toBeLessThan(before + 24 * 3600_000);
    expect(lastSessionRequest().headers["stripe-version"]).toBe("2026-10-28.endive");
    expect(url).toContain(sessionId);
    const [row] = await db().select().from(donations).where(eq(donations.id, donationId));
    expect(row).toMatchObject({ status: "pending", checkoutSessionId: sessionId, amountFen: 5000n, receiptNumber: null });
  });

  it("gives monthly by card only, through a subscription, and only with an account", async () => {
    const { fundId } = await createFoundation();
    const donor = await createUser({ name: "刘阿姨" });
    await startDonation({ actor: await actorOf(donor), fundId, input: form({ preset: "20", monthly: "on" }), baseUrl: "https://sanshe.example" });
    const params = lastSessionRequest().params as Record<string, any>;
    expect(params.mode).toBe("subscription");
    expect(params.allowed_payment_method_types).toEqual(["card"]);
    expect(params.line_items[0].price_data.recurring).toEqual({ interval: "month" });

    expect((await refusal(startDonation({ actor: null, fundId, input: form({ preset: "20", monthly: "on" }), baseUrl: "x" }))).messageKey).toBe("donations.monthlyNeedsAccount");
    expect(donateSchema.safeParse({ preset: "20", monthly: "on", method: "alipay", name: "x" }).error?.issues[0]).toMatchObject({ path: ["method"], message: "donations.monthlyCardOnly" });
  });

  it("refuses amounts under ¥4, over ¥999,999.99 or not amounts, with a message beside the field", () => {
    const issue = (fields: Record<string, string>) => donateSchema.safeParse({ method: "card", ...fields }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issue({ preset: "custom", customAmount: "3.99" })).toEqual([["customAmount", "donations.amountTooSmall"]]);
    expect(issue({ preset: "custom", customAmount: "1000000" })).toEqual([["customAmount", "donations.amountTooLarge"]]);
    expect(issue({ preset: "custom", customAmount: "五十" })).toEqual([["customAmount", "donations.amountInvalid"]]);
    expect(issue({ preset: "custom" })).toEqual([["customAmount", "donations.amountRequired"]]);
    expect(form({ preset: "custom", customAmount: "88.8" }).amountFen).toBe(8880n);
  });

  it("refuses a closed campaign before any session is opened", async () => {
    const { fundId, manager } = await createFoundation();
    const closed = await createCampaign(fundId, manager.id, { status: "closed" });
    const sessions = fake.sessions.size;
    expect((await refusal(startDonation({ actor: null, fundId, input: form({ preset: "50", campaignId: closed.id }), baseUrl: "x" }))).messageKey).toBe("donations.campaignClosed");
    expect(fake.sessions.size).toBe(sessions);
  });

  it("marks the donation failed and says payments are unavailable when Stripe cannot be reached", async () => {
    const { fundId } = await createFoundation();
    process.env.STRIPE_API_PORT = "1";
    const errors = console.error;
    console.error = () => {};
    try {
      const error = await refusal(startDonation({ actor: null, fundId, input: form({ preset: "50" }), baseUrl: "x" }));
      expect(error.messageKey).toBe("donations.paymentUnavailable");
    } finally {
      console.error = errors;
      useFakeStripe(fake);
    }
    const rows = await db().select().from(donations).where(eq(donations.fundId, fundId));
    expect(rows.map((r) => r.status)).toEqual(["failed"]);
  });

  it("records Stripe's own fee from the payment's balance transaction", async () => {
    const { fundId } = await createFoundation();
    fake.feeFor = (amount) => Math.round(amount * 0.034) + 200;
    try {
      const { donationId, sessionId } = await startDonation({ actor: null, fundId, input: form({ preset: "100" }), baseUrl: "x" });
      const paid = fake.pay(sessionId);
      await handlePaymentEvent(sessionEvent("checkout.session.completed", { id: sessionId, amountFen: 10000n, paymentIntentId: paid.paymentIntentId }));
      const [row] = await db().select().from(donations).where(eq(donations.id, donationId));
      expect(row).toMatchObject({ status: "succeeded", feeFen: 540n, paymentIntentId: paid.paymentIntentId, paymentMethod: "card" });
    } finally {
      fake.feeFor = (amount) => Math.round(amount * 0.006);
    }
  });

  it("records each later month of a monthly gift, and the donor cancels it", async () => {
    const { fundId } = await createFoundation();
    const donor = await createUser({ name: "刘阿姨" });
    const actor = await actorOf(donor);
    const { sessionId } = await startDonation({ actor, fundId, input: form({ preset: "20", monthly: "on" }), baseUrl: "x" });
    fake.pay(sessionId);
    const session = fake.sessions.get(sessionId)!;
    await handlePaymentEvent(sessionEvent("checkout.session.completed", { id: sessionId, amountFen: 2000n, mode: "subscription", subscriptionId: session.subscription as string, invoiceId: session.invoice as string }));
    const month2 = fake.addStrayCharge(2000);
    await handlePaymentEvent(invoicePaidEvent({ id: "in_test_month2", subscriptionId: session.subscription as string, amountFen: 2000n, paymentIntentId: month2.paymentIntentId }));
    let mine = await donorDonations(donor.id);
    expect(mine.monthly).toEqual([expect.objectContaining({ subscriptionId: session.subscription, months: 2, active: true, amountFen: "2000" })]);
    expect(mine.donations.map((d) => d.receiptNumber?.slice(-6))).toEqual(expect.arrayContaining(["000001", "000002"]));

    await cancelMonthlyGift({ actor, subscriptionId: session.subscription as string });
    expect(fake.requests.some((r) => r.method === "DELETE" && r.path === `/v1/subscriptions/${session.subscription}`)).toBe(true);
    await handlePaymentEvent(subscriptionDeletedEvent(session.subscription as string));
    mine = await donorDonations(donor.id);
    expect(mine.monthly[0].active).toBe(false);
    expect((await refusal(cancelMonthlyGift({ actor, subscriptionId: session.subscription as string }))).messageKey).toBe("donations.monthlyAlreadyEnded");
    const stranger = await actorOf(await createUser());
    expect((await refusal(cancelMonthlyGift({ actor: stranger, subscriptionId: session.subscription as string }))).code).toBe("not_found");
  });

  it("expires a session nobody paid within its lifetime", async () => {
    const { fundId } = await createFoundation();
    const { donationId, sessionId } = await startDonation({ actor: null, fundId, input: form({ preset: "50" }), baseUrl: "x" });
    expect(await expireStaleDonations(new Date(Date.now() + 30 * 60_000))).toBe(0);
    expect(await expireStaleDonations(new Date(Date.now() + 2 * 3600_000))).toBeGreaterThanOrEqual(1);
    expect(fake.sessions.get(sessionId)!.status).toBe("expired");
    const [row] = await db().select().from(donations).where(eq(donations.id, donationId));
    expect(row.status).toBe("expired");
  });
});

describe("nightly reconciliation with Stripe", () => {
  it("finds the day's payments, fees and refunds in the ledger, and reports what differs to the fund's managers", async () => {
    const { fundId, manager } = await createFoundation();
    const day = new Date("2026-09-09T12:00:00+08:00");
    const at = new Date("2026-09-09T10:00:00+08:00");
    const pay = async (yuan: number) => {
      const { sessionId } = await startDonation({ actor: null, fundId, input: form({ preset: String(yuan) }), baseUrl: "x" });
      const paid = fake.pay(sessionId, { at });
      await handlePaymentEvent(sessionEvent("checkout.session.completed", { id: sessionId, amountFen: BigInt(yuan * 100), paymentIntentId: paid.paymentIntentId }, { created: at }));
      return paid;
    };
    await pay(50);
    const refunded = await pay(200);
    fake.refund(refunded.paymentIntentId, 5000, { at });
    await handlePaymentEvent(chargeRefundedEvent({ paymentIntentId: refunded.paymentIntentId, amountFen: 20000n, amountRefundedFen: 5000n }, { created: at }));
    // A payment posted as it was before the fee became a line of the gift's entry: a fee entry of its own.
    const earlier = await startDonation({ actor: null, fundId, input: form({ preset: "30" }), baseUrl: "x" });
    const paidEarlier = fake.pay(earlier.sessionId, { at });
    await db().transaction(async (tx) => {
      const fee = BigInt(paidEarlier.fee);
      await tx.update(donations).set({ status: "succeeded", succeededAt: at, feeFen: fee, paymentIntentId: paidEarlier.paymentIntentId }).where(eq(donations.id, earlier.donationId));
      const source = { type: "donation", id: earlier.donationId };
      await postEntry(tx, { fundId, kind: "donation", memo: "在线捐赠", source, counterparty: "何先生", occurredAt: at, lines: [{ account: "stripe_clearing", debit: 3000n }, { account: "donations", credit: 3000n }] });
      await postEntry(tx, { fundId, kind: "fee", memo: "支付手续费", source, counterparty: "Stripe", occurredAt: at, lines: [{ account: "processing_fees", debit: fee }, { account: "stripe_clearing", credit: fee }] });
    });
    expect((await reconcileDay(day)).differences).toEqual([]);

    // Stripe refunded again but the event never arrived; and a payment came that no donation knows.
    fake.refund(refunded.paymentIntentId, 1000, { at });
    const stray = fake.addStrayCharge(3000, { at });
    const result = await reconcileDay(day);
    expect(result.differences).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: "refund", paymentIntentId: refunded.paymentIntentId, fundId, stripeFen: "6000", ledgerFen: "5000" }),
        expect.objectContaining({ problem: "missing_in_ledger", paymentIntentId: stray.paymentIntentId, stripeFen: "3000", ledgerFen: "0" }),
      ]),
    );
    const jobs = await db().execute<{ payload: { userIds: string[]; params: { count: number } } }>(
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify' and j.payload->>'kind' = 'reconciliation'`,
    );
    expect(jobs.some((j) => j.payload.userIds.includes(manager.id))).toBe(true);
  });
});
