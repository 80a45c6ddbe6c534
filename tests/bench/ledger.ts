// `npm run bench:ledger` — a benchmark, not a test. Its own embedded PostgreSQL and the real web
// server (local payment mode: signed with the local webhook secret, the fee computed locally, no
// network call to Stripe). Prints:
//  1. sustained webhook ingestion: signed checkout.session.completed events for distinct donations
//     posted by N concurrent senders to /webhooks/stripe, against a no-op POST route (/webhooks/noop,
//     same middleware, absent in production) measured in the same run; exactly-once checked after;
//  2. verifying a hash chain of 1,000,000 entries made in memory with the ledger's own entryHash.
// The web tier runs as it does in production: BENCH_WEB_PROCESSES stateless server processes
// (default 2, one per core here) behind which the senders spread their requests, each process
// started by `scripts/start.ts --web-only`; the senders run in this process.
import { spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../../db/embedded";
import { startBenchDatabase } from "./data";

const WEB_PROCESSES = Math.max(1, Number(process.env.BENCH_WEB_PROCESSES ?? 2));

/** Starts the web processes on free ports and waits until each answers /healthz. */
async function startWebTier(databaseUrl: string): Promise<{ baseUrls: string[]; stop: () => Promise<void> }> {
  const children: ChildProcess[] = [];
  const baseUrls: string[] = [];
  for (let i = 0; i < WEB_PROCESSES; i++) {
    const port = await freePort();
    children.push(
      spawn("node_modules/.bin/tsx", ["scripts/start.ts", "--web-only", "--no-seed"], {
        env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "test" },
        stdio: ["ignore", "ignore", "inherit"],
      }),
    );
    baseUrls.push(`http://127.0.0.1:${port}`);
  }
  for (const url of baseUrls) {
    for (let attempt = 0; ; attempt++) {
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (attempt > 300) throw new Error(`web process at ${url} did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    baseUrls,
    stop: async () => {
      await Promise.all(children.map((c) => new Promise((resolve) => (c.exitCode !== null ? resolve(null) : (c.once("exit", resolve), c.kill("SIGTERM"))))));
    },
  };
}

const EVENTS = Number(process.env.BENCH_EVENTS ?? 4000);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 32);
const FUNDS = Number(process.env.BENCH_FUNDS ?? 20);
const CHAIN = 1_000_000;

for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"]) delete process.env[key];
process.env.NODE_ENV = "test";
process.env.DATABASE_POOL_SIZE ??= "24";

const bench = await startBenchDatabase("ledger");
try {
  process.env.DATABASE_URL = bench.url;
  const { sessionEvent } = await import("../../app/domains/donations/stripe-events");
  const { signPayload } = await import("../../app/utils/stripe.server");
  const { openFund } = await import("../../app/domains/funds/open-fund.server");
  const { verifyChain, entryHash, GENESIS } = await import("../../app/domains/ledger/chain");
  const { ledgerEntries } = await import("../../app/domains/ledger/export.server");
  const { db, closeDb } = await import("../../db/client");

  await bench.sql`insert into users (id, phone, display_name, password_hash) values ('u', '13900009999', '压测', 'x')`;
  await bench.sql`insert into organisations (id, name, kind, registration, status, created_by) values ('o', '重庆民泰社区公益事业发展基金会', 'social_org', 'registered', 'verified', 'u')`;
  const fundIds: string[] = [];
  for (let f = 0; f < FUNDS + 1; f++) {
    fundIds.push(await db().transaction((tx) => openFund(tx, null, { id: `fund${f}`, kind: "foundation", holderOrgId: "o", name: `基金${f}`, purpose: "压测", spendingRules: "压测", roles: [] })));
  }
  const app = await startWebTier(bench.url);

  /** Pending donations straight in the database, then their signed events, ready to send. */
  async function prepare(prefix: string, count: number, funds: string[]) {
    await bench.sql`
      insert into donations (id, fund_id, donor_name, amount_fen, status, checkout_session_id, payment_method)
      select ${prefix} || i, (${funds}::text[])[1 + i % ${funds.length}], '压测捐赠人' || i, 1000 + i % 50000, 'pending', 'cs_' || ${prefix} || i, 'card'
      from generate_series(0, ${count - 1}) i`;
    return Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const payload = JSON.stringify(sessionEvent("checkout.session.completed", { id: `cs_${prefix}${i}`, amountFen: BigInt(1000 + (i % 50000)), paymentIntentId: `pi_${prefix}${i}` }));
        return { payload, signature: await signPayload(payload) };
      }),
    );
  }

  async function send(path: string, events: { payload: string; signature: string }[]) {
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        for (let i = next++; i < events.length; i = next++) {
          const res = await fetch(app.baseUrls[i % app.baseUrls.length] + path, { method: "POST", body: events[i].payload, headers: { "content-type": "application/json", "stripe-signature": events[i].signature } });
          await res.arrayBuffer();
          if (res.status !== 200) failures++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (failures) throw new Error(`${failures} of ${events.length} posts to ${path} failed`);
    return events.length / seconds;
  }

  const warm = await prepare("w", 300, fundIds.slice(1));
  await send("/webhooks/stripe", warm);
  await send("/webhooks/noop", warm);

  const results: { label: string; rate: number; noop: number }[] = [];
  for (const [label, prefix, funds] of [
    [`${FUNDS} funds`, "m", fundIds.slice(1)],
    ["one fund", "s", fundIds.slice(0, 1)],
  ] as const) {
    const events = await prepare(prefix, EVENTS, [...funds]);
    const noop = await send("/webhooks/noop", events);
    const rate = await send("/webhooks/stripe", events);
    // Every event again: exactly once means nothing more is posted.
    await send("/webhooks/stripe", events.slice(0, 500));
    results.push({ label, rate, noop });
  }

  const [{ entries, donationsPosted, events }] = await bench.sql`
    select (select count(*)::int from journal_entries where kind = 'donation') as "donationsPosted",
           (select count(*)::int from journal_entries) as entries,
           (select count(*)::int from payment_events) as events`;
  const expected = 300 + 2 * EVENTS;
  let intact = true;
  for (const fundId of fundIds) {
    const list = [];
    for await (const e of ledgerEntries(fundId)) list.push(e);
    intact &&= verifyChain(list).intact;
  }
  console.log(`\nwebhook ingestion (${SENDERS} concurrent senders, ${WEB_PROCESSES} web process(es), ${EVENTS.toLocaleString("en")} distinct donations per run, local payment mode):`);
  for (const r of results) {
    console.log(`  ${r.label.padEnd(9)} ${r.rate.toFixed(0).padStart(5)} events/s   no-op route ${r.noop.toFixed(0).padStart(5)} req/s   ratio ${(r.rate / r.noop).toFixed(2)}`);
  }
  console.log(`  exactly once: ${donationsPosted} donation entries for ${expected} donations, ${events} stored events, ${entries} entries in all (the fee a line of each); chains ${intact ? "verify" : "BROKEN"}`);
  if (donationsPosted !== expected || events !== expected || entries !== expected || !intact) process.exitCode = 1;
  await app.stop();
  await closeDb();

  // ---- a chain of a million entries ----------------------------------------------------------
  let started = performance.now();
  const chain = new Array(CHAIN);
  let prev = GENESIS;
  const base = Date.parse("2026-01-01T00:00:00Z");
  for (let i = 0; i < CHAIN; i++) {
    const gift = 1000 + (i % 50000);
    const fee = Math.round(gift * 0.006); // as the webhook posts it: Stripe's fee a line of the gift's entry
    const entry = {
      fundId: "fund-bench",
      seq: i + 1,
      kind: "donation",
      memo: "在线捐赠",
      sourceType: "donation",
      sourceId: `d${i}`,
      counterparty: i % 3 ? "匿名" : "何先生",
      occurredAt: new Date(base + i * 1000).toISOString(),
      lines: [
        { account: "stripe_clearing", debit: String(gift - fee), credit: "0" },
        { account: "processing_fees", debit: String(fee), credit: "0" },
        { account: "donations", debit: "0", credit: String(gift) },
      ],
      prevHash: prev,
      hash: "",
    };
    entry.hash = entryHash(entry);
    prev = entry.hash;
    chain[i] = entry;
  }
  console.log(`\nmade a chain of ${CHAIN.toLocaleString("en")} entries in memory in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const verdict = verifyChain(chain);
  const seconds = (performance.now() - started) / 1000;
  console.log(`verified it in ${seconds.toFixed(2)} s (${verdict.intact ? "intact" : "BROKEN"}; target under 10 s: ${seconds < 10 ? "ok" : "OVER"})`);
  if (!verdict.intact || seconds >= 10) process.exitCode = 1;
} finally {
  await bench.stop();
}
