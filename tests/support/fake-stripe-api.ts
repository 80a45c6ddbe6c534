// A local stand-in for Stripe's API, for tests: the real SDK is pointed at it with
// STRIPE_API_HOST/PORT/PROTOCOL. It answers the calls the platform makes (Checkout Sessions,
// PaymentIntents with their charge and balance transaction, invoices, subscriptions, balance
// transactions) with Stripe-shaped objects, keeps every request it received, and lets a test act
// as the donor (pay, refund) the way Stripe's hosted pages would.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;
export interface ReceivedRequest {
  method: string;
  path: string;
  params: Json;
  headers: http.IncomingHttpHeaders;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(10).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

/** Stripe's bracketed form encoding (a[b][0][c]=1) back into objects and arrays. */
export function decodeStripeForm(text: string): Json {
  const out: Json = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const path = key.replace(/\]/g, "").split("[");
    let node: Json = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) {
        if (part === "") (node as unknown as unknown[]).push(value);
        else node[part] = value;
        return;
      }
      const nextIsIndex = /^\d*$/.test(path[i + 1]);
      node[part] ??= nextIsIndex ? [] : {};
      node = node[part] as Json;
    });
  }
  return out;
}

interface Payment {
  paymentIntentId: string;
  chargeId: string;
  balanceTransactionId: string;
  sessionId: string | null;
  amount: number;
  fee: number;
  method: string;
  refunded: number;
}

export interface FakeStripe {
  port: number;
  requests: ReceivedRequest[];
  sessions: Map<string, Json>;
  /** Stripe's fee on a payment (default 0.6%, as for Chinese wallets), in fen. */
  feeFor: (amount: number, method: string) => number;
  /** The donor pays a session on Stripe's page: a PaymentIntent, a charge and a balance transaction. */
  pay: (sessionId: string, options?: { method?: string; at?: Date }) => Payment;
  /** Stripe refunds part or all of a payment: a refund balance transaction. */
  refund: (paymentIntentId: string, amount: number, options?: { at?: Date }) => { amountRefunded: number };
  /** A balance transaction the platform knows nothing of (a payment made outside it). */
  addStrayCharge: (amount: number, options?: { at?: Date }) => Payment;
  env: () => Record<string, string>;
  close: () => Promise<void>;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: ReceivedRequest[] = [];
  const sessions = new Map<string, Json>();
  const payments = new Map<string, Payment>();
  const balance: Json[] = [];
  const invoices = new Map<string, Json>();

  const fake: Partial<FakeStripe> = { requests, sessions, feeFor: (amount) => Math.round(amount * 0.006) };

  const balanceTransaction = (type: string, amount: number, fee: number, source: Json, at: Date) => {
    const t = { id: id("txn"), object: "balance_transaction", type, amount, fee, net: amount - fee, currency: "cny", created: Math.floor(at.getTime() / 1000), source: source.id, _source: source };
    balance.push(t);
    return t;
  };

  const charge = (p: Payment) => ({
    id: p.chargeId,
    object: "charge",
    amount: p.amount,
    amount_refunded: p.refunded,
    currency: "cny",
    payment_intent: p.paymentIntentId,
    balance_transaction: p.balanceTransactionId,
    payment_method_details: { type: p.method },
  });

  const makePayment = (sessionId: string | null, amount: number, method: string, at: Date): Payment => {
    const p: Payment = { paymentIntentId: id("pi"), chargeId: id("ch"), balanceTransactionId: "", sessionId, amount, fee: fake.feeFor!(amount, method), method, refunded: 0 };
    const t = balanceTransaction("charge", amount, p.fee, { id: p.chargeId, object: "charge", payment_intent: p.paymentIntentId }, at);
    p.balanceTransactionId = t.id as string;
    payments.set(p.paymentIntentId, p);
    return p;
  };

  fake.pay = (sessionId, options = {}) => {
    const session = sessions.get(sessionId);
    if (!session) throw new Error(`no session ${sessionId}`);
    const amount = Number(((session.line_items as Json[])[0].price_data as Json).unit_amount);
    const p = makePayment(sessionId, amount, options.method ?? "card", options.at ?? new Date());
    if (session.mode === "subscription") {
      const invoiceId = id("in");
      invoices.set(invoiceId, { id: invoiceId, object: "invoice", payments: { object: "list", data: [{ payment: { type: "payment_intent", payment_intent: p.paymentIntentId } }] } });
      Object.assign(session, { subscription: id("sub"), invoice: invoiceId });
    } else {
      session.payment_intent = p.paymentIntentId;
    }
    Object.assign(session, { status: "complete", payment_status: "paid" });
    return p;
  };
  fake.refund = (paymentIntentId, amount, options = {}) => {
    const p = payments.get(paymentIntentId);
    if (!p) throw new Error(`no payment ${paymentIntentId}`);
    p.refunded += amount;
    balanceTransaction("refund", -amount, 0, { id: id("re"), object: "refund", payment_intent: paymentIntentId }, options.at ?? new Date());
    return { amountRefunded: p.refunded };
  };
  fake.addStrayCharge = (amount, options = {}) => makePayment(null, amount, "card", options.at ?? new Date());

  const list = (data: Json[], url: string) => ({ object: "list", data, has_more: false, url });

  function answer(method: string, path: string, params: Json): [number, Json] {
    let m: RegExpMatchArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const session: Json = {
        ...params,
        id: id("cs"),
        object: "checkout.session",
        status: "open",
        payment_status: "unpaid",
        amount_total: Number((((params.line_items as Json[] | undefined)?.[0]?.price_data as Json | undefined)?.unit_amount ?? 0)),
        currency: "cny",
        payment_intent: null,
        subscription: null,
        invoice: null,
        expires_at: Number(params.expires_at),
        created: now(),
      };
      session.url = `https://checkout.stripe.test/c/pay/${session.id}`;
      sessions.set(session.id as string, session);
      return [200, session];
    }
    if (method === "GET" && path === "/v1/checkout/sessions") {
      const found = [...sessions.values()].filter((s) => !params.payment_intent || s.payment_intent === params.payment_intent);
      return [200, list(found.slice(0, Number(params.limit ?? 10)), path)];
    }
    if ((m = path.match(/^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/))) {
      const session = sessions.get(m[1]);
      if (!session) return [404, { error: { type: "invalid_request_error", message: `No such checkout.session: '${m[1]}'` } }];
      if (m[2] && method === "POST") {
        if (session.status !== "open") return [400, { error: { type: "invalid_request_error", message: "Only open sessions can be expired." } }];
        session.status = "expired";
      }
      return [200, session];
    }
    if (method === "GET" && (m = path.match(/^\/v1\/payment_intents\/([^/]+)$/))) {
      const p = payments.get(m[1]);
      if (!p) return [404, { error: { type: "invalid_request_error", message: `No such payment_intent: '${m[1]}'` } }];
      const expand = ([] as unknown[]).concat(params.expand ?? []);
      const c: Json = charge(p);
      if (expand.includes("latest_charge.balance_transaction")) c.balance_transaction = balance.find((t) => t.id === p.balanceTransactionId);
      return [200, { id: p.paymentIntentId, object: "payment_intent", amount: p.amount, currency: "cny", status: "succeeded", latest_charge: expand.length ? c : p.chargeId }];
    }
    if (method === "GET" && (m = path.match(/^\/v1\/invoices\/([^/]+)$/))) {
      const invoice = invoices.get(m[1]);
      return invoice ? [200, invoice] : [404, { error: { type: "invalid_request_error", message: "No such invoice" } }];
    }
    if (method === "DELETE" && (m = path.match(/^\/v1\/subscriptions\/([^/]+)$/))) {
      return [200, { id: m[1], object: "subscription", status: "canceled" }];
    }
    if (method === "GET" && path === "/v1/balance_transactions") {
      const created = (params.created ?? {}) as Json;
      const expandSource = ([] as unknown[]).concat(params.expand ?? []).includes("data.source");
      let rows = balance.filter((t) => (created.gte === undefined || (t.created as number) >= Number(created.gte)) && (created.lt === undefined || (t.created as number) < Number(created.lt)));
      if (params.starting_after) rows = rows.slice(rows.findIndex((t) => t.id === params.starting_after) + 1);
      const limit = Number(params.limit ?? 10);
      const page = rows.slice(0, limit).map(({ _source, ...t }) => ({ ...t, source: expandSource ? _source : t.source }));
      return [200, { ...list(page, path), has_more: rows.length > limit }];
    }
    return [404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path})` } }];
  }

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const params = decodeStripeForm(req.method === "GET" || req.method === "DELETE" ? url.search.slice(1) : body);
      requests.push({ method: req.method ?? "GET", path: url.pathname, params, headers: req.headers });
      const [status, payload] = answer(req.method ?? "GET", url.pathname, params);
      res.writeHead(status, { "content-type": "application/json", "request-id": id("req") });
      res.end(JSON.stringify(payload));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  fake.port = port;
  fake.env = () => ({
    STRIPE_SECRET_KEY: "sk_test_fake_platform",
    STRIPE_WEBHOOK_SECRET: "whsec_test_fake_platform",
    STRIPE_API_HOST: "127.0.0.1",
    STRIPE_API_PORT: String(port),
    STRIPE_API_PROTOCOL: "http",
  });
  fake.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake as FakeStripe;
}

const STRIPE_ENV = ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"];

/**
 * Points the platform's Stripe client at the fake (real mode). Test files may share a process:
 * call useLocalPayments() in afterAll to leave it as found.
 */
export function useFakeStripe(fake: FakeStripe) {
  Object.assign(process.env, fake.env());
}

/** No Stripe keys: the local payment page (the default). */
export function useLocalPayments() {
  for (const key of STRIPE_ENV) delete process.env[key];
}
