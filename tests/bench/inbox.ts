// `npm run bench:inbox` — a benchmark, not a test: a community with 5,000 open needs (among 100,000
// in all) and the server time of its staff inbox's loader path (the community's places, the count of
// new needs, the first page), p50/p95 over 200 runs, for the default view and common filters.
// Target: under 100 ms. Prints its figures.
import { generateNeeds, makePlaces, measure, ms, startBenchDatabase } from "./data";

const RUNS = 200;
const TARGET_MS = 100;

const bench = await startBenchDatabase("inbox");
try {
  const communities = await makePlaces(bench.sql, 12);
  await generateNeeds(bench.sql, { count: 5_000, communities: ["c0"], status: "submitted", idPrefix: "open" });
  await generateNeeds(bench.sql, { count: 3_000, communities: ["c0"], status: "closed", idPrefix: "done" });
  await generateNeeds(bench.sql, { count: 92_000, communities: communities.slice(1), idPrefix: "n" });
  const [{ open }] = await bench.sql`select count(*)::int as open from needs where community_id = 'c0' and status = 'submitted'`;
  console.log(`community c0 has ${open.toLocaleString("en")} needs waiting for triage (100,000 needs in all)`);

  process.env.DATABASE_URL = bench.url;
  const { closeDb } = await import("../../db/client");
  const { communityInbox } = await import("../../app/domains/needs/queries.server");
  const { placeOptions } = await import("../../app/domains/needs/places.server");
  const { needFilterSchema } = await import("../../app/domains/needs/schemas");

  // What the loader of /community/<id>/needs does once it knows the actor is staff there.
  const inbox = async (params: Record<string, string>) => {
    const found = await communityInbox("c0", needFilterSchema.parse(params));
    if (!found || found.needs.length === 0) throw new Error(`empty inbox for ${JSON.stringify(params)}`);
    return { ...found, places: placeOptions(found.scope) };
  };
  const views: [string, Record<string, string>][] = [
    ["new needs, newest first (default)", {}],
    ["new needs, oldest first", { sort: "oldest" }],
    ["every status", { status: "all" }],
    ["new needs in one grid", { placeId: "c0g2" }],
    ["new needs of one category", { category: "elderly_care" }],
    ["new needs, search 路灯", { q: "路灯" }],
    ["every status, search 养老服务", { status: "all", q: "养老服务" }],
    ["new needs, page 10", { page: "10" }],
  ];
  console.log(`\nserver time of the inbox loader, ${RUNS} runs each:`);
  for (const [label, params] of views) {
    const t = await measure(() => inbox(params), RUNS);
    console.log(`  ${label.padEnd(36)} p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  (${t.p95 < TARGET_MS ? "ok" : `OVER the ${TARGET_MS} ms target`})`);
  }
  await closeDb();
} finally {
  await bench.stop();
}
