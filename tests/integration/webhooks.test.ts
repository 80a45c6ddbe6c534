// Stripe's webhook through the real route (the built app over HTTP), with the real SDK pointed at
// a local stand-in for Stripe's API: every event is processed exactly once, whatever the order and
// however often it comes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { donations, journalEntries, paymentEvents } from "@db/schema";
import { startDonation } from "~/domains/donations/create-checkout.server";
import { donateSchema } from "~/domains/donations/schemas";
import { chargeRefundedEvent, sessionEvent, type StripeEventJson } from "~/domains/donations/stripe-events";
import { verifyChain } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { balanceOf } from "~/domains/ledger/post-entry.server";
import { signPayload } from "~/utils/stripe.server";
import { startTestApp, type TestApp } from "../factories/http";
import { createFoundation, createUser } from "../factories";
import { startFakeStripe, useFakeStripe, useLocalPayments, type FakeStripe } from "../support/fake-stripe-api";

let app: TestApp;
let fake: FakeStripe;

beforeAll(async () => {
  fake = await startFakeStripe();
  useFakeStripe(fake);
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
  await fake?.close();
  useLocalPayments();
});

async function deliver(event: StripeEventJson, signature?: string) {
  const payload = JSON.stringify(event);
  const res = await fetch(`${app.baseUrl}/webhooks/stripe`, {
    method: "POST",
    body: payload,
    headers: { "content-type": "application/json", "stripe-signature": signature ?? (await signPayload(payload)) },
  });
  return { status: res.status, body: await res.text() };
}

/** A donor starts a gift through the real SDK: a donation row and a Checkout Session at "Stripe". */
async function give(fundId: string, yuan: number, method: "card" | "alipay" | "wechat_pay" = "card") {
  const input = donateSchema.parse({ preset: String(yuan), method, name: `捐赠人${yuan}` });
  const { donationId, sessionId } = await startDonation({ actor: null, fundId, input, baseUrl: app.baseUrl });
  return { donationId, sessionId, amountFen: BigInt(yuan * 100) };
}

const shuffle = <T>(items: T[]) => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

const entries = async (fundId: string) => {
  const out = [];
  for await (const e of ledgerEntries(fundId)) out.push(e);
  return out;
};

describe("Stripe's webhook", () => {
  it("posts each of a batch of events exactly once when every event comes three times, shuffled and at once", async () => {
    const { fundId } = await createFoundation();
    const card = await give(fundId, 50);
    const cardRefunded = await give(fundId, 200);
    const alipay = await give(fundId, 88, "alipay");
    const wechatFailed = await give(fundId, 66, "wechat_pay");
    const expired = await give(fundId, 30, "wechat_pay");
    const refundedFirst = await give(fundId, 120);

    const paidCard = fake.pay(card.sessionId);
    const paidRefunded = fake.pay(cardRefunded.sessionId);
    const paidAlipay = fake.pay(alipay.sessionId, { method: "alipay" });
    const paidRefundedFirst = fake.pay(refundedFirst.sessionId);
    fake.refund(paidRefunded.paymentIntentId, 5000);
    fake.refund(paidRefunded.paymentIntentId, 3000);
    fake.refund(paidRefundedFirst.paymentIntentId, 12000);

    const events = [
      sessionEvent("checkout.session.completed", { id: card.sessionId, amountFen: card.amountFen, paymentIntentId: paidCard.paymentIntentId }),
      sessionEvent("checkout.session.completed", { id: cardRefunded.sessionId, amountFen: cardRefunded.amountFen, paymentIntentId: paidRefunded.paymentIntentId }),
      // Two partial refunds: Stripe reports the running total, 50 then 80 of 200.
      chargeRefundedEvent({ paymentIntentId: paidRefunded.paymentIntentId, amountFen: 20000n, amountRefundedFen: 5000n }),
      chargeRefundedEvent({ paymentIntentId: paidRefunded.paymentIntentId, amountFen: 20000n, amountRefundedFen: 8000n }),
      sessionEvent("checkout.session.completed", { id: alipay.sessionId, amountFen: alipay.amountFen, paymentIntentId: paidAlipay.paymentIntentId, paymentStatus: "unpaid" }),
      sessionEvent("checkout.session.async_payment_succeeded", { id: alipay.sessionId, amountFen: alipay.amountFen, paymentIntentId: paidAlipay.paymentIntentId }),
      sessionEvent("checkout.session.completed", { id: wechatFailed.sessionId, amountFen: wechatFailed.amountFen, paymentIntentId: "pi_test_failed", paymentStatus: "unpaid" }),
      sessionEvent("checkout.session.async_payment_failed", { id: wechatFailed.sessionId, amountFen: wechatFailed.amountFen, paymentIntentId: "pi_test_failed", paymentStatus: "unpaid" }),
      sessionEvent("checkout.session.expired", { id: expired.sessionId, amountFen: expired.amountFen, status: "expired", paymentStatus: "unpaid" }),
      // A refund whose payment's own events come later (or, shuffled, before it).
      chargeRefundedEvent({ paymentIntentId: paidRefundedFirst.paymentIntentId, amountFen: 12000n, amountRefundedFen: 12000n }),
      sessionEvent("checkout.session.completed", { id: refundedFirst.sessionId, amountFen: refundedFirst.amountFen, paymentIntentId: paidRefundedFirst.paymentIntentId }),
    ];
    const deliveries = shuffle(events.flatMap((e) => [e, e, e]));
    const answers = await Promise.all(deliveries.map((e) => deliver(e)));
    expect(answers.map((a) => a.status)).toEqual(deliveries.map(() => 200));

    expect(await db().$count(paymentEvents)).toBe(events.length);
    const status = async (id: string) => (await db().select().from(donations).where(eq(donations.id, id)))[0];
    expect((await status(card.donationId)).status).toBe("succeeded");
    expect(await status(cardRefunded.donationId)).toMatchObject({ status: "succeeded", refundedFen: 8000n });
    expect(await status(alipay.donationId)).toMatchObject({ status: "succeeded", paymentMethod: "alipay" });
    expect((await status(wechatFailed.donationId)).status).toBe("failed");
    expect((await status(expired.donationId)).status).toBe("expired");
    expect(await status(refundedFirst.donationId)).toMatchObject({ status: "refunded", refundedFen: 12000n });

    const ledger = await entries(fundId);
    const count = (kind: string) => ledger.filter((e) => e.kind === kind).length;
    expect(count("donation")).toBe(4);
    // Stripe's fee is an expense line of each gift's own entry, not an entry of its own.
    expect(count("fee")).toBe(0);
    const feeLines = ledger.filter((e) => e.kind === "donation").map((e) => e.lines.find((l) => l.account === "processing_fees")?.debit);
    expect(feeLines.sort()).toEqual([paidCard, paidRefunded, paidAlipay, paidRefundedFirst].map((p) => String(p.fee)).sort());
    // Two refunds of one payment that arrive newest first post as one entry of their total.
    expect(count("refund")).toBeGreaterThanOrEqual(2);
    expect(verifyChain(ledger)).toMatchObject({ intact: true, entries: 4 + count("refund") });

    const given = [card, cardRefunded, alipay, refundedFirst].reduce((sum, d) => sum + d.amountFen, 0n);
    const fees = [paidCard, paidRefunded, paidAlipay, paidRefundedFirst].reduce((sum, p) => sum + BigInt(p.fee), 0n);
    const balances = await db().transaction(async (tx) => ({
      clearing: await balanceOf(tx, fundId, ["stripe_clearing"]),
      donations: -(await balanceOf(tx, fundId, ["donations"])),
      fees: await balanceOf(tx, fundId, ["processing_fees"]),
      refunds: await balanceOf(tx, fundId, ["refunds"]),
    }));
    expect(balances).toEqual({ clearing: given - fees - 20000n, donations: given, fees, refunds: 20000n });

    const receipts = (await db().select({ n: donations.receiptNumber }).from(donations).where(eq(donations.fundId, fundId))).flatMap((r) => (r.n ? [r.n.slice(-6)] : []));
    expect(receipts.sort()).toEqual(["000001", "000002", "000003", "000004"]);
  });

  it("refuses an event with a bad signature with 400 and writes nothing", async () => {
    const { fundId } = await createFoundation();
    const gift = await give(fundId, 50);
    const event = sessionEvent("checkout.session.completed", { id: gift.sessionId, amountFen: gift.amountFen });
    const before = await db().$count(paymentEvents);
    const forged = await deliver(event, await signPayload(JSON.stringify(event), "whsec_someone_else"));
    const unsigned = await fetch(`${app.baseUrl}/webhooks/stripe`, { method: "POST", body: JSON.stringify(event) });
    const tampered = await deliver({ ...event, id: "evt_tampered" }, await signPayload(JSON.stringify(event)));
    expect([forged.status, unsigned.status, tampered.status]).toEqual([400, 400, 400]);
    expect(await db().$count(paymentEvents)).toBe(before);
    expect((await db().select().from(donations).where(eq(donations.id, gift.donationId)))[0].status).toBe("pending");
    expect(await entries(fundId)).toHaveLength(0);
  });

  it("refuses a body far larger than any Stripe event with 413, without reading it into memory", async () => {
    const before = await db().$count(paymentEvents);
    const huge = await fetch(`${app.baseUrl}/webhooks/stripe`, { method: "POST", body: "x".repeat(2 * 1024 * 1024), headers: { "stripe-signature": "t=1,v1=0" } });
    expect(huge.status).toBe(413);
    expect(await db().$count(paymentEvents)).toBe(before);
  });

  it("keeps an event for a session nobody knows as unmatched, tells the platform's admins, and answers 200", async () => {
    const admin = await createUser({ admin: true, name: "平台管理员" });
    const event = sessionEvent("checkout.session.completed", { id: "cs_test_nobody_knows", amountFen: 5000n, paymentIntentId: "pi_test_nobody" });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args.join(" "));
    try {
      expect((await deliver(event)).status).toBe(200);
      expect((await deliver(event)).status).toBe(200);
    } finally {
      console.error = original;
    }
    const [stored] = await db().select().from(paymentEvents).where(eq(paymentEvents.id, event.id));
    expect(stored).toMatchObject({ type: "checkout.session.completed", outcome: "unmatched" });
    const alarms = await db().execute<{ payload: { userIds: string[]; params: { event: string } } }>(
      sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify' and j.payload->>'kind' = 'payment_unmatched'`,
    );
    expect(alarms.map((a) => a.payload.params.event)).toEqual([event.id]);
    expect(alarms[0].payload.userIds).toContain(admin.id);
    expect(errors.join("\n")).toContain(event.id);
  });

  it("posts a gift whose fee Stripe reports above it as one balanced entry, Stripe's clearing account short by the difference", async () => {
    const { fundId } = await createFoundation();
    const gift = await give(fundId, 10);
    const feeFor = fake.feeFor;
    fake.feeFor = (amount) => amount + 150;
    const paid = fake.pay(gift.sessionId);
    fake.feeFor = feeFor;
    expect((await deliver(sessionEvent("checkout.session.completed", { id: gift.sessionId, amountFen: gift.amountFen, paymentIntentId: paid.paymentIntentId }))).status).toBe(200);
    const [entry] = await entries(fundId);
    expect(entry.lines).toEqual(
      expect.arrayContaining([
        { account: "stripe_clearing", debit: "0", credit: "150" },
        { account: "processing_fees", debit: "1150", credit: "0" },
        { account: "donations", debit: "0", credit: "1000" },
      ]),
    );
    expect(entry.lines).toHaveLength(3);
  });

  it("answers events it has no use for with 200 and keeps them as ignored", async () => {
    const event = { ...sessionEvent("checkout.session.completed", { id: "cs_x", amountFen: 1n }), type: "payment_intent.created" };
    expect((await deliver(event)).status).toBe(200);
    const [stored] = await db().select().from(paymentEvents).where(and(eq(paymentEvents.id, event.id)));
    expect(stored.outcome).toBe("ignored");
  });

  it("keeps many parallel donations to one fund balanced, numbered once each, and chained", async () => {
    const { fundId } = await createFoundation();
    const gifts = await Promise.all(Array.from({ length: 30 }, (_, i) => give(fundId, 10 + i)));
    const events = gifts.map((g) => {
      const paid = fake.pay(g.sessionId);
      return sessionEvent("checkout.session.completed", { id: g.sessionId, amountFen: g.amountFen, paymentIntentId: paid.paymentIntentId });
    });
    await Promise.all(events.map((e) => deliver(e)));
    const ledger = await entries(fundId);
    expect(ledger.filter((e) => e.kind === "donation")).toHaveLength(30);
    expect(verifyChain(ledger)).toMatchObject({ intact: true, entries: 30 });
    const unbalanced = await db().execute(sql`
      select e.id from journal_entries e join journal_lines l on l.entry_id = e.id
      where e.fund_id = ${fundId} group by e.id having sum(l.debit_fen) <> sum(l.credit_fen) or count(*) < 2`);
    expect(unbalanced).toHaveLength(0);
    const numbers = await db().select({ n: donations.receiptNumber }).from(donations).where(eq(donations.fundId, fundId));
    expect(new Set(numbers.map((r) => r.n)).size).toBe(30);
    expect(await db().$count(journalEntries, eq(journalEntries.fundId, fundId))).toBe(30);
  });
});
