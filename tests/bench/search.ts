// `npm run bench:search` — a benchmark, not a test: 200,000 needs in one database; the first page of
// the public list for a one-, two- and four-character Chinese query, measured together with a plain
// primary-key lookup in the same run. Target: each search p95 under 30 ms. Prints its figures.
import { startBenchDatabase, generateNeeds, makePlaces, measure, ms } from "./data";

const NEEDS = 200_000;
const RUNS = 200;
// The brief's words, common in residents' requests, and the same lengths for a rare request (浴, 助浴, 上门助浴).
const QUERIES = ["治", "路灯", "养老", "养老服务", "浴", "助浴", "上门助浴"];
const TARGET_MS = 30;

const bench = await startBenchDatabase("search");
try {
  const communities = await makePlaces(bench.sql, 12);
  let started = performance.now();
  await generateNeeds(bench.sql, { count: NEEDS, communities, idPrefix: "n" });
  console.log(`generated ${NEEDS.toLocaleString("en")} needs in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The app's own code from here on: its pool, its query, its public-list filters.
  process.env.DATABASE_URL = bench.url;
  const { db, closeDb, sqlClient } = await import("../../db/client");
  const { needs } = await import("../../db/schema");
  const { eq } = await import("drizzle-orm");
  const { publicNeeds } = await import("../../app/domains/needs/queries.server");
  const { needSearchQuery } = await import("../../app/domains/needs/search.server");
  const { HIDDEN_FROM_PUBLIC } = await import("../../app/domains/needs/states");
  const { needFilterSchema } = await import("../../app/domains/needs/schemas");

  for (const q of QUERIES) {
    const query = (await needSearchQuery({ q, publicOnly: true, excludeStatuses: [...HIDDEN_FROM_PUBLIC, "merged"] })).query.toSQL();
    const plan = (await sqlClient().unsafe(`explain (analyze, costs off, timing off, buffers off) ${query.sql}`, query.params as never[])).map((r) => String(r["QUERY PLAN"]));
    const [{ matches }] = await bench.sql`select count(*)::int as matches from needs where search_grams @> cjk_query_grams(${q}) and strpos(title || ' ' || description, ${q}) > 0`;
    const gin = plan.some((l) => l.includes("needs_search_grams"));
    console.log(`\n“${q}”: ${matches.toLocaleString("en")} needs contain it; ${gin ? "looked up in the GIN gram index" : "read newest first by needs_created, filtered by grams"}; ${plan.find((l) => l.includes("Execution Time"))?.trim()}`);
    if (process.env.BENCH_PLANS) for (const line of plan) console.log(`  ${line}`);
  }

  let n = 0;
  const pk = await measure(async () => {
    n = (n + 7919) % NEEDS;
    await db().select().from(needs).where(eq(needs.id, `n${n + 1}`));
  }, RUNS);
  const results = [];
  for (const q of QUERIES) {
    const timing = await measure(async () => {
      const page = await publicNeeds(needFilterSchema.parse({ q }));
      if (page.needs.length === 0) throw new Error(`no needs found for ${q}`);
    }, RUNS);
    results.push({ q, ...timing });
  }

  console.log(`\nfirst page of the public list, ${RUNS} runs each, on ${NEEDS.toLocaleString("en")} needs:`);
  console.log(`  primary-key lookup   p50 ${ms(pk.p50)}  p95 ${ms(pk.p95)}`);
  for (const r of results) {
    const verdict = r.p95 < TARGET_MS ? "ok" : `OVER the ${TARGET_MS} ms target`;
    console.log(`  “${r.q}”${" ".repeat(Math.max(1, 10 - r.q.length * 2))}p50 ${ms(r.p50)}  p95 ${ms(r.p95)}  = ${(r.p95 / pk.p95).toFixed(1)}× the key lookup's p95  (${verdict})`);
  }
  await closeDb();
} finally {
  await bench.stop();
}
