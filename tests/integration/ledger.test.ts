import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@db/client";
import { openFund } from "~/domains/funds/open-fund.server";
import { verifyChain } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { availableBalance, postEntry } from "~/domains/ledger/post-entry.server";
import { createOrg } from "../factories";
import { ledgerPage } from "~/domains/funds/queries.server";

async function aFund() {
  const holder = await createOrg({ kind: "community_committee" });
  return db().transaction((tx) =>
    openFund(tx, null, { kind: "micro_fund", holderOrgId: holder.id, name: "东路社区公益站", purpose: "社区公益", spendingRules: "居民议事决定", roles: [] }),
  );
}

const refusal = (query: Promise<unknown>) => query.then(() => "allowed", (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message));

const collect = async (fundId: string) => {
  const out = [];
  for await (const e of ledgerEntries(fundId)) out.push(e);
  return out;
};

describe("the double-entry ledger", () => {
  it("records offline income as a balanced entry and derives the balance from its lines", async () => {
    const fundId = await aFund();
    await db().transaction((tx) =>
      postEntry(tx, { fundId, kind: "offline_income", memo: "停车收入", source: { type: "offline_income", id: "p1" }, counterparty: "东路社区停车场", lines: [{ account: "cash", debit: 600000n }, { account: "offline_income", credit: 600000n }] }),
    );
    expect(await db().transaction((tx) => availableBalance(tx, fundId))).toBe(600000n);
  });

  it("posts a cause once, however often it is posted", async () => {
    const fundId = await aFund();
    const post = () =>
      db().transaction((tx) =>
        postEntry(tx, { fundId, kind: "donation", memo: "捐赠", source: { type: "donation", id: "d1" }, counterparty: "匿名", lines: [{ account: "stripe_clearing", debit: 5000n }, { account: "donations", credit: 5000n }] }),
      );
    const results = await Promise.all([post(), post(), post()]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await collect(fundId)).toHaveLength(1);
  });

  it("refuses, at commit, an unbalanced entry written straight into the database", async () => {
    const fundId = await aFund();
    const attempt = db().transaction(async (tx) => {
      const [entry] = await tx.execute<{ id: number }>(sql`
        insert into journal_entries (fund_id, seq, kind, memo, source_type, source_id, counterparty, occurred_at, prev_hash, hash)
        values (${fundId}, 1, 'forged', '凭空', 'x', 'x', '某人', now(), 'x', 'x') returning id`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, debit_fen) values (${entry.id}, ${`${fundId}:cash`}, 100000)`);
      await tx.execute(sql`insert into journal_lines (entry_id, account_id, credit_fen) values (${entry.id}, ${`${fundId}:donations`}, 1)`);
    });
    expect(await refusal(attempt)).toMatch(/unbalanced/);
    const lonely = db().transaction(async (tx) => {
      await tx.execute(sql`
        insert into journal_entries (fund_id, seq, kind, memo, source_type, source_id, counterparty, occurred_at, prev_hash, hash)
        values (${fundId}, 1, 'forged', '无分录', 'y', 'y', '某人', now(), 'x', 'x')`);
    });
    expect(await refusal(lonely)).toMatch(/unbalanced/);
    expect(await collect(fundId)).toHaveLength(0);
  });

  it("keeps entries immutable: an update or a delete is refused by the database", async () => {
    const fundId = await aFund();
    await db().transaction((tx) =>
      postEntry(tx, { fundId, kind: "offline_income", memo: "回收收入", source: { type: "offline_income", id: "r1" }, counterparty: "废品回收站", lines: [{ account: "cash", debit: 100n }, { account: "offline_income", credit: 100n }] }),
    );
    expect(await refusal(db().execute(sql`update journal_lines set debit_fen = 999999 where account_id = ${`${fundId}:cash`}`))).toMatch(/append-only/);
    expect(await refusal(db().execute(sql`delete from journal_entries where fund_id = ${fundId}`))).toMatch(/append-only/);
  });

  it("chains entries by hash: the export verifies, and any change to it is found at the entry changed", async () => {
    const fundId = await aFund();
    for (let i = 1; i <= 5; i++) {
      await db().transaction((tx) =>
        postEntry(tx, { fundId, kind: "donation", memo: `第${i}笔`, source: { type: "donation", id: `c${i}` }, counterparty: i % 2 ? "匿名" : "何先生", lines: [{ account: "stripe_clearing", debit: BigInt(i * 100) }, { account: "donations", credit: BigInt(i * 100) }] }),
      );
    }
    const entries = await collect(fundId);
    expect(verifyChain(entries)).toMatchObject({ intact: true, entries: 5 });

    const amountChanged = structuredClone(entries);
    amountChanged[2].lines[0].debit = "30000";
    amountChanged[2].lines[1].credit = "30000";
    expect(verifyChain(amountChanged)).toMatchObject({ intact: false, brokenAt: 3 });

    const removed = entries.filter((e) => e.seq !== 2);
    expect(verifyChain(removed)).toMatchObject({ intact: false, brokenAt: 3 });

    const renamed = structuredClone(entries);
    renamed[4].counterparty = "某公司";
    expect(verifyChain(renamed)).toMatchObject({ intact: false, brokenAt: 5, reason: "content does not match its hash" });
  });

  it("keeps the chain whole under many concurrent postings to one fund", async () => {
    const fundId = await aFund();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        db().transaction((tx) =>
          postEntry(tx, { fundId, kind: "donation", memo: "并发捐赠", source: { type: "donation", id: `p${i}` }, counterparty: "匿名", lines: [{ account: "stripe_clearing", debit: 100n }, { account: "donations", credit: 100n }] }),
        ),
      ),
    );
    const entries = await collect(fundId);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(verifyChain(entries)).toMatchObject({ intact: true, entries: 40 });
    expect(await db().transaction((tx) => availableBalance(tx, fundId))).toBe(4000n);
  });

  it("keeps each account's totals equal to the sums of its lines, through concurrent postings and a rolled-back entry, and nobody edits them", async () => {
    const fundId = await aFund();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db().transaction((tx) =>
          postEntry(tx, { fundId, kind: "offline_income", memo: "并发入账", source: { type: "test", id: `t${i}` }, counterparty: "居民", lines: [{ account: "cash", debit: BigInt(100 + i) }, { account: "offline_income", credit: BigInt(100 + i) }] }),
        ),
      ),
    );
    // An unbalanced entry fails at commit: its lines, and what they added to the totals, are gone.
    expect(
      await refusal(
        db().transaction(async (tx) => {
          const [e] = await tx.execute<{ id: string }>(sql`insert into journal_entries (fund_id, seq, kind, memo, source_type, source_id, counterparty, occurred_at, prev_hash, hash)
            values (${fundId}, 999, 'offline_income', '不平', 'test', 'bad', '某人', now(), 'x', 'y') returning id`);
          await tx.execute(sql`insert into journal_lines (entry_id, account_id, debit_fen, credit_fen) values (${e.id}, ${`${fundId}:cash`}, 500, 0)`);
        }),
      ),
    ).not.toBe("allowed");
    const rows = await db().execute<{ code: string; kept_debit: string; kept_credit: string; line_debit: string; line_credit: string }>(sql`
      select a.code, a.total_debit_fen::text as kept_debit, a.total_credit_fen::text as kept_credit,
        coalesce(sum(l.debit_fen), 0)::text as line_debit, coalesce(sum(l.credit_fen), 0)::text as line_credit
      from ledger_accounts a left join journal_lines l on l.account_id = a.id where a.fund_id = ${fundId} group by a.id`);
    for (const r of rows) expect([r.code, r.kept_debit, r.kept_credit]).toEqual([r.code, r.line_debit, r.line_credit]);
    expect(await db().transaction((tx) => availableBalance(tx, fundId))).toBe(BigInt(20 * 100 + 190));
    expect(await refusal(db().execute(sql`update ledger_accounts set total_debit_fen = total_debit_fen + 1000000 where fund_id = ${fundId} and code = 'cash'`))).toMatch(/cannot be edited/);
  });

  it("shows on every ledger page, filtered or not, the balance after each entry as the whole journal has it", async () => {
    const fundId = await aFund();
    for (let i = 1; i <= 120; i++) {
      const out = i % 7 === 0;
      await db().transaction((tx) =>
        postEntry(tx, {
          fundId,
          kind: out ? "disbursement" : "offline_income",
          memo: `第${i}笔`,
          source: { type: "test", id: `e${i}` },
          counterparty: "某方",
          lines: out ? [{ account: "grants", debit: 30n }, { account: "cash", credit: 30n }] : [{ account: "cash", debit: BigInt(i) }, { account: "offline_income", credit: BigInt(i) }],
        }),
      );
    }
    // The balance after each entry, summed the slow way over the whole export.
    const after = new Map<number, bigint>();
    let running = 0n;
    for (const e of await collect(fundId)) {
      for (const l of e.lines) if (l.account === "cash") running += BigInt(l.debit) - BigInt(l.credit);
      after.set(e.seq, running);
    }
    for (const filter of [{}, { page: 2 }, { page: 3 }, { kind: "disbursement" as const }]) {
      const page = (await ledgerPage(fundId, filter))!;
      expect(page.rows.length).toBeGreaterThan(0);
      for (const r of page.rows) expect([r.seq, BigInt(r.balance)]).toEqual([r.seq, after.get(r.seq)]);
    }
    expect((await ledgerPage(fundId, { kind: "disbursement" }))!.total).toBe(17);
    expect((await ledgerPage(fundId, {}))!.total).toBe(120);
  });
});
