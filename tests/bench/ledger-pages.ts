// `npm run bench:ledger-pages` — a benchmark, not a test: a fund with a long journal (200,000
// entries) and the server time of its public pages' reads: the fund's balances, the newest ledger
// page, a deep page, and a filtered one; p50/p95 against a primary-key lookup in the same run.
// Prints its figures.
import { measure, ms, startBenchDatabase } from "./data";

const ENTRIES = 200_000;
const RUNS = 50;

const bench = await startBenchDatabase("ledger-pages");
try {
  const { sql } = bench;
  await sql`insert into users (id, phone, display_name, password_hash) values ('u', '13900009999', '压测', 'x')`;
  await sql`insert into organisations (id, name, kind, registration, status, created_by) values ('o', '压测基金会', 'community_foundation', 'registered', 'verified', 'u')`;
  await sql`insert into funds (id, kind, holder_org_id, name, purpose, spending_rules) values ('f', 'foundation', 'o', '压测基金会', '压测', '压测')`;
  await sql`insert into ledger_accounts (id, fund_id, code, type) values ('f:cash', 'f', 'cash', 'asset'), ('f:offline_income', 'f', 'offline_income', 'income'), ('f:grants', 'f', 'grants', 'expense')`;
  const started = performance.now();
  // Nine of ten entries bring money in, one in ten pays a grant; hashes are placeholders (not verified here).
  await sql.begin(async (tx) => {
    await tx`insert into journal_entries (id, fund_id, seq, kind, memo, source_type, source_id, counterparty, occurred_at, prev_hash, hash)
      select i, 'f', i, case when i % 10 = 0 then 'disbursement' else 'offline_income' end, '压测分录 ' || i, 'bench', 'b' || i, '压测付款方',
        now() - (${ENTRIES} - i) * interval '1 minute', md5(i::text), md5((i + 1)::text)
      from generate_series(1, ${ENTRIES}) i`;
    await tx`insert into journal_lines (entry_id, account_id, debit_fen, credit_fen)
      select i, case when i % 10 = 0 then 'f:grants' else 'f:cash' end, 5000, 0 from generate_series(1, ${ENTRIES}) i
      union all
      select i, case when i % 10 = 0 then 'f:cash' else 'f:offline_income' end, 0, 5000 from generate_series(1, ${ENTRIES}) i`;
  });
  await sql`analyze`;
  console.log(`a fund with ${ENTRIES.toLocaleString("en")} journal entries made in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  process.env.DATABASE_URL = bench.url;
  const { closeDb } = await import("../../db/client");
  const { ledgerPage, fundMoney } = await import("../../app/domains/funds/queries.server");
  const { ledgerFilterSchema } = await import("../../app/domains/funds/schemas");
  const { db } = await import("../../db/client");
  const { sql: dsql } = await import("drizzle-orm");

  const key = await measure(() => db().execute(dsql`select id from funds where id = 'f'`), RUNS);
  console.log(`\n${RUNS} runs each:`);
  console.log(`  primary-key lookup (trivial)       p50 ${ms(key.p50)}  p95 ${ms(key.p95)}`);
  const views: [string, () => Promise<unknown>][] = [
    ["the fund's balances", () => fundMoney("f")],
    ["ledger, newest page", () => ledgerPage("f", ledgerFilterSchema.parse({}))],
    ["ledger, page 2,000 (deep)", () => ledgerPage("f", ledgerFilterSchema.parse({ page: "2000" }))],
    ["ledger, disbursements only", () => ledgerPage("f", ledgerFilterSchema.parse({ kind: "disbursement" }))],
  ];
  for (const [label, run] of views) {
    const t = await measure(run, RUNS);
    console.log(`  ${label.padEnd(34)} p50 ${ms(t.p50)}  p95 ${ms(t.p95)}  = ${(t.p95 / key.p95).toFixed(1)}× the key lookup`);
  }
  await closeDb();
} finally {
  await bench.stop();
}
