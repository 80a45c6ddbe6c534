// `npm run bench:marketplace` — a benchmark, not a test: 100,000 service needs and 10,000
// organisations in one database, made set-based (INSERT … SELECT generate_series, the database
// computing the search grams itself), a third of the organisations with completed, evaluated
// projects (their reputation) and one need in ten asking for a minimum reputation. Measures the server-side path of an organisation's
// "recommended for you" page and of the filtered browse page, beside a primary-key lookup in the
// same run. Target: p95 under 100 ms each. Prints its figures.
import { makePlaces, measure, ms, startBenchDatabase } from "./data";

const SERVICE_NEEDS = 100_000;
const ORGS = 10_000;
const COMMUNITIES = 200;
const RUNS = 200;
const TARGET_MS = 100;

const SERVICES = ["老年人助餐服务", "居家养老上门服务", "社区戒毒康复社会工作服务", "社区矫正帮教服务", "四点半课堂儿童托管", "残疾人康复训练", "垃圾分类宣传督导", "邻里纠纷调解", "社区文体活动组织", "心理健康辅导", "独居老人探访关爱", "青少年社会工作服务"];
const CATEGORIES = ["elderly_care", "elderly_care", "correction_rehab", "correction_rehab", "children", "disability", "environment", "neighbour_disputes", "culture_sport", "other", "elderly_care", "children"];
const DETAILS = ["每周五天，覆盖全部楼栋。", "需配备持证社工，做好个案记录。", "与社区网格员配合开展工作。", "按季度提交服务报告与满意度调查。", "服务对象信息严格保密，只报送汇总数据。", "鼓励链接志愿者和辖区单位资源。"];
const STATUSES = ["published", "published", "published", "published", "evaluating", "selected", "selected", "withdrawn", "draft", "selected"];

const bench = await startBenchDatabase("marketplace");
try {
  const { sql } = bench;
  const communities = await makePlaces(sql, COMMUNITIES);
  let started = performance.now();
  // Each community's residents' committee posts its service needs.
  await sql`insert into organisations (id, name, kind, registration, place_id, status, created_by)
    select 'cc' || c.id, c.name || '居民委员会', 'community_committee', 'registered', c.id, 'verified', 'u' from places c where c.level = 'community'`;
  const pick = (list: string[], seed: string) => sql`(${list}::text[])[(1 + (${sql.unsafe(seed)}) % ${list.length})::int]`;
  await sql`
    insert into service_needs (id, community_id, posted_by_org_id, title, description, category, place_id, beneficiary_group, beneficiary_count,
      period_start, period_end, budget_min_fen, budget_max_fen, funding_source, min_certified_workers, proposal_deadline, status, published_at, created_by, created_at)
    select 'sn' || i, c.id, 'cc' || c.id,
      ${pick(SERVICES, "i % 12")},
      c.name || ${pick(SERVICES, "i % 12")} || '。' || ${pick(DETAILS, "(i * 7) % 13")} || ${pick(DETAILS, "(i * 11) % 17")},
      (${pick(CATEGORIES, "i % 12")})::need_category,
      c.id, '社区居民', 50 + i % 300,
      date '2027-01-01', date '2027-12-31',
      (1 + i % 40) * 1000000::bigint, (1 + i % 40) * 1000000::bigint + (i % 7) * 500000::bigint,
      'micro_fund', i % 4,
      case when st.s = 'published' then now() + ((1 + (i * 7907) % (60 * 24)) * interval '1 hour') else now() - ((1 + i % 300) * interval '1 day') end,
      st.s::service_need_status,
      case when st.s = 'draft' then null else now() - ((i * 104723) % (180 * 86400)) * interval '1 second' end,
      'u', now() - ((i * 104723) % (180 * 86400)) * interval '1 second' - interval '1 day'
    from generate_series(1::bigint, ${SERVICE_NEEDS}) i
    join lateral (select (${communities}::text[])[(1 + (hashint8(i) & 2147483647) % ${COMMUNITIES})::int] as id, '社区' as name) c on true
    join lateral (select (${STATUSES}::text[])[(1 + (hashint8(i * 3) & 2147483647) % 10)::int] as s) st on true`;
  // Organisations: each serves two communities (a few a whole street) and has certified workers.
  await sql`insert into users (id, phone, display_name, password_hash) select 'w' || i, '138' || lpad(i::text, 8, '0'), '社工' || i, 'x' from generate_series(1, ${ORGS}) i`;
  await sql`insert into organisations (id, name, kind, registration, status, created_by)
    select 'o' || i, '社会工作服务中心' || i, case when i % 2 = 0 then 'social_org' else 'social_work_agency' end::org_kind, 'registered', 'verified', 'u' from generate_series(1, ${ORGS}) i`;
  await sql`insert into memberships (org_id, user_id, role) select 'o' || i, 'w' || i, 'owner' from generate_series(1, ${ORGS}) i`;
  await sql`insert into social_worker_certificates (id, user_id, org_id, level, number, status)
    select 'cert' || i, 'w' || i, 'o' || i, 'intermediate', 'SW' || i, 'verified' from generate_series(1, ${ORGS}) i where i % 3 <> 0`;
  await sql`insert into org_service_areas (org_id, place_id)
    select distinct 'o' || i, x.place from generate_series(1, ${ORGS}) i,
      lateral (values ('c' || (i % ${COMMUNITIES})), ('c' || ((i * 7) % ${COMMUNITIES})), (case when i % 50 = 0 then 's' else 'c' || (i % ${COMMUNITIES}) end)) x(place)`;
  // Delivered categories: every other organisation was selected once before.
  await sql`insert into proposals (id, service_need_id, org_id, status, created_by)
    select 'p' || i, 'sn' || (1 + (i * 37) % ${SERVICE_NEEDS}), 'o' || i, 'selected', 'w' || i from generate_series(1, ${ORGS}, 2) i`;
  // Reputation: every third organisation completed one to four projects with a final evaluation;
  // one service need in ten asks for a minimum score.
  await sql`insert into projects (id, title, community_id, provider_org_id, source_type, source_id, amount_fen, status, completed_at, evaluation)
    select 'pj' || i || '-' || k, '结项项目', (${communities}::text[])[(1 + (i * 13 + k) % ${COMMUNITIES})::int], 'o' || i, 'bench', i || '-' || k,
      1000000, 'completed', now() - k * interval '30 days',
      jsonb_build_object('indicatorsAchievedPct', 60 + (i * k) % 41, 'budgetExecutedPct', 80 + (i + k) % 40, 'onTimePct', (i * 7 + k) % 101,
        'averageRatingTenths', 30 + (i + k) % 21, 'ratingsCount', 1 + (i * k) % 30)
    from generate_series(3, ${ORGS}, 3) i, generate_series(1, 1 + i % 4) k`;
  await sql`update service_needs set min_reputation = 50 + (substr(id, 3)::int % 40) where substr(id, 3)::int % 10 = 0`;
  await sql`analyze`;
  const [{ open }] = await sql`select count(*)::int as open from service_needs where status = 'published' and proposal_deadline > now()`;
  console.log(`generated ${SERVICE_NEEDS.toLocaleString("en")} service needs (${open.toLocaleString("en")} open) and ${ORGS.toLocaleString("en")} organisations in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // The app's own code from here on: its pool, its queries, the pages' loaders' domain calls.
  process.env.DATABASE_URL = bench.url;
  const { db, closeDb } = await import("../../db/client");
  const { serviceNeeds } = await import("../../db/schema");
  const { eq } = await import("drizzle-orm");
  const { recommendFor } = await import("../../app/domains/marketplace/recommend.server");
  const { reputationOf } = await import("../../app/domains/reputation/reputation.server");
  const { marketPlaceOptions, searchMarket } = await import("../../app/domains/marketplace/queries.server");
  const { marketFilterSchema } = await import("../../app/domains/marketplace/schemas");

  let n = 0;
  const next = (mod: number) => (n = (n + 7919) % mod) + 1;
  const pk = await measure(async () => {
    await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, `sn${next(SERVICE_NEEDS)}`));
  }, RUNS);
  let shown = 0;
  const recommended = await measure(async () => {
    const { recommendations } = await recommendFor(`o${next(ORGS)}`);
    shown += recommendations.length;
  }, RUNS);
  // Part of the recommendation (run beside its other lookups): one organisation's completed projects.
  const reputation = await measure(async () => {
    await reputationOf(`o${next(ORGS)}`);
  }, RUNS);
  const browses: [string, Record<string, string>][] = [
    ["category + budget", { category: "elderly_care", budgetMin: "50000", budgetMax: "200000" }],
    ["area (street) + deadline", { placeId: "s", deadlineBy: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) }],
    ["“助餐” + community", { q: "助餐", placeId: "c16" }],
    ["“戒毒康复” + budget", { q: "戒毒康复", budgetMin: "100000" }],
    ["“餐” (one character)", { q: "餐" }],
  ];
  const browseTimings = [];
  for (const [label, query] of browses) {
    const filter = marketFilterSchema.parse(query);
    const timing = await measure(async () => {
      const [page] = await Promise.all([searchMarket(filter), marketPlaceOptions()]);
      if (page.serviceNeeds.length === 0) throw new Error(`nothing found for ${label}`);
    }, RUNS);
    browseTimings.push({ label, ...timing });
  }

  const verdict = (p95: number) => (p95 < TARGET_MS ? "ok" : `OVER the ${TARGET_MS} ms target`);
  console.log(`\n${RUNS} runs each, on ${SERVICE_NEEDS.toLocaleString("en")} service needs and ${ORGS.toLocaleString("en")} organisations:`);
  console.log(`  primary-key lookup (trivial)       p50 ${ms(pk.p50)}  p95 ${ms(pk.p95)}`);
  console.log(`  recommended for an organisation    p50 ${ms(recommended.p50)}  p95 ${ms(recommended.p95)}  = ${(recommended.p95 / pk.p95).toFixed(1)}× the key lookup  (${verdict(recommended.p95)}; ${(shown / (RUNS + 20)).toFixed(1)} shown on average)`);
  console.log(`  reputation of an organisation       p50 ${ms(reputation.p50)}  p95 ${ms(reputation.p95)}  = ${(reputation.p95 / pk.p95).toFixed(1)}× the key lookup`);
  for (const b of browseTimings) {
    console.log(`  browse: ${b.label.padEnd(26)} p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  = ${(b.p95 / pk.p95).toFixed(1)}× the key lookup  (${verdict(b.p95)})`);
  }
  await closeDb();
} finally {
  await bench.stop();
}
