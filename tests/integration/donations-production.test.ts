// In production the local checkout stand-in does not exist: without Stripe keys nobody can pay
// through a fake page, and the webhook yardstick route is gone too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@db/client";
import { donations } from "@db/schema";
import { client, startTestApp, type TestApp } from "../factories/http";
import { createFoundation, createPendingDonation } from "../factories";
import { useLocalPayments } from "../support/fake-stripe-api";

let app: TestApp;
const nodeEnv = process.env.NODE_ENV;
beforeAll(async () => {
  useLocalPayments();
  process.env.NODE_ENV = "production";
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
  process.env.NODE_ENV = nodeEnv;
});

describe("payments in production without Stripe keys", () => {
  it("answers 404 for the local checkout page, even for a real pending session", async () => {
    const { fundId } = await createFoundation();
    const pending = await createPendingDonation(fundId, { checkoutSessionId: "cs_local_real_looking" });
    const visitor = client(app);
    expect((await visitor.get(`/pay/local/${pending.checkoutSessionId}`)).status).toBe(404);
    expect((await visitor.post(`/pay/local/${pending.checkoutSessionId}`, { method: "card", outcome: "pay" })).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/webhooks/noop`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("refuses to open a local checkout: the donor is told payments are unavailable", async () => {
    const { fundId } = await createFoundation();
    const errors = console.error;
    const logged: string[] = [];
    console.error = (...args: unknown[]) => void logged.push(args.map(String).join(" "));
    try {
      const res = await client(app).post(`/donate/${fundId}`, { preset: "50", name: "何先生", method: "card" });
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("donations.paymentUnavailable");
    } finally {
      console.error = errors;
    }
    expect(logged.join("\n")).toContain("refuses to run in production");
    expect((await db().select().from(donations)).filter((d) => d.fundId === fundId).map((d) => d.status)).toEqual(["failed"]);
  });
});
