import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@db/client";
import { donations } from "@db/schema";
import { createCampaign } from "~/domains/funds/create-campaign.server";
import { decideDisbursement } from "~/domains/funds/decide-disbursement.server";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { disburse } from "~/domains/funds/disburse.server";
import { ledgerPage } from "~/domains/funds/queries.server";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { createCampaignSchema, disburseSchema, ledgerFilterSchema, recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { verifyChain } from "~/domains/ledger/chain";
import { postEntry } from "~/domains/ledger/post-entry.server";
import { readExport } from "~/domains/ledger/read-export";
import { parseInput } from "~/utils/forms.server";
import { newId } from "~/utils/ids";
import { createUser, fundWithPeople, jpegBytes, TEST_PASSWORD, temporaryStorage } from "../factories";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";
import { decidedVote } from "../factories/votes";

const storage = temporaryStorage("sanshe-ledger-");

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

const evidence = { bytes: jpegBytes(), contentType: "image/jpeg" as const };
const DONOR_EMAIL = "he.xiansheng@example.com";

/** 东路社区公益站 with a month of life: parking income, two donations (one anonymous), a fee, a payment on a resident vote. */
async function aFundWithHistory(name: string) {
  const people = await fundWithPeople(name);
  const { fundId, accountant, supervisor, manager, managerUser, community } = people;
  const income = (source: string, payerName: string, amount: string) =>
    parseInput(recordOfflineIncomeSchema, { source, payerName, amount, receivedOn: "2025-05-01", description: `${payerName}收入` });
  const approve = async (input: ReturnType<typeof income>) => {
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input, evidence });
    await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
  };
  await approve(income("parking", "东路社区临时停车场", "6200"));
  for (const [donorName, anonymous, fen] of [
    ["何先生", false, 50000n],
    ["刘女士", true, 30000n],
  ] as const) {
    const id = newId();
    await db().insert(donations).values({ id, fundId, donorName, donorEmail: DONOR_EMAIL, anonymous, amountFen: fen, feeFen: fen / 100n, status: "succeeded", succeededAt: new Date() });
    await db().transaction(async (tx) => {
      await postEntry(tx, { fundId, kind: "donation", memo: "在线捐赠", source: { type: "donation", id }, counterparty: anonymous ? "匿名" : donorName, lines: [{ account: "stripe_clearing", debit: fen }, { account: "donations", credit: fen }] });
      await postEntry(tx, { fundId, kind: "fee", memo: "支付手续费", source: { type: "fee", id }, counterparty: "Stripe", lines: [{ account: "processing_fees", debit: fen / 100n }, { account: "stripe_clearing", credit: fen / 100n }] });
    });
  }
  const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n, question: "用公益站资金举办邻里百家宴" });
  const { disbursementId } = await disburse({
    actor: manager,
    fundId,
    input: parseInput(disburseSchema, { payeeType: "other", payeeName: "东路社区百家宴筹备组", purpose: "百家宴食材", amount: "2800", authority: "deliberation", deliberationId: vote.id }),
    evidence,
  });
  await decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } });
  return { ...people, vote };
}

describe("the public ledger", () => {
  it("shows every entry newest first with its running balance, and filters by kind and date without changing the balances", async () => {
    const { fundId } = await aFundWithHistory("账目社区");
    const page = (await ledgerPage(fundId, {}))!;
    expect(page.rows.map((r) => [r.seq, r.kind, r.amount, r.balance])).toEqual([
      [6, "disbursement", "-280000", "419200"],
      [5, "fee", "-300", "699200"],
      [4, "donation", "30000", "699500"],
      [3, "fee", "-500", "669500"],
      [2, "donation", "50000", "670000"],
      [1, "offline_income", "620000", "620000"],
    ]);
    expect(page.money).toMatchObject({ balance: "419200", available: "419200", moneyIn: "700000", moneyOut: "280800" });
    expect(page.rows[0].link).toMatchObject({ type: "deliberation", label: "用公益站资金举办邻里百家宴" });

    const donationsOnly = (await ledgerPage(fundId, ledgerFilterSchema.parse({ kind: "donation" })))!;
    expect(donationsOnly.rows.map((r) => [r.seq, r.balance, r.counterparty])).toEqual([
      [4, "699500", "匿名"],
      [2, "670000", "何先生"],
    ]);
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    expect((await ledgerPage(fundId, ledgerFilterSchema.parse({ from: tomorrow })))!.rows).toHaveLength(0);
    // Junk in the query string is ignored, never an error.
    expect((await ledgerPage(fundId, ledgerFilterSchema.parse({ kind: "x'; drop", from: "昨天", page: "-3" })))!.rows).toHaveLength(6);

    const html = await (await client(app).get(`/funds/${fundId}/ledger?kind=disbursement`)).text();
    expect(html).toContain("¥4,192.00");
    expect(html).toContain("居民议事：用公益站资金举办邻里百家宴");
    expect(html).not.toContain("何先生");
  });

  it("exports CSV and JSON with no personal data, which verify with verifyChain and `npm run ledger:verify`, and a tampered copy fails with exit code 1", async () => {
    const { fundId, accountantUser, supervisorUser } = await aFundWithHistory("导出社区");
    const visitor = client(app);
    const csvRes = await visitor.get(`/funds/${fundId}/ledger.csv`);
    const jsonRes = await visitor.get(`/funds/${fundId}/ledger.json`);
    expect(csvRes.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csvRes.headers.get("content-disposition")).toMatch(/^attachment; filename="ledger-.+\.csv"$/);
    const [csv, json] = [await csvRes.text(), await jsonRes.text()];

    for (const text of [csv, json]) {
      expect(text).not.toContain(DONOR_EMAIL);
      expect(text).not.toContain("刘女士"); // the anonymous donor
      expect(text).not.toContain(accountantUser.phone!);
      expect(text).not.toContain(supervisorUser.phone!);
      expect(text).not.toMatch(/(?<![0-9a-f-])1[3-9]\d{9}(?![0-9a-f])/); // no mobile number at all (hashes and ids are hex: a run of digits inside one is not a number)
      expect(text).not.toContain("孙会计");
      expect(text).toContain("匿名");
      expect(verifyChain(readExport(text))).toMatchObject({ intact: true, entries: 6 });
    }

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sanshe-export-"));
    const verify = (file: string) => spawnSync("npx", ["tsx", "scripts/ledger-verify.ts", file], { encoding: "utf8", timeout: 60_000 });
    fs.writeFileSync(path.join(dir, "ledger.csv"), csv);
    fs.writeFileSync(path.join(dir, "ledger.json"), json);
    fs.writeFileSync(path.join(dir, "tampered.csv"), csv.replace("620000", "520000"));
    const good = verify(path.join(dir, "ledger.csv"));
    expect(good.status, good.stderr).toBe(0);
    expect(good.stdout).toContain("intact: 6 entries");
    expect(verify(path.join(dir, "ledger.json")).status).toBe(0);
    const bad = verify(path.join(dir, "tampered.csv"));
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("BROKEN at entry 1");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("has a verify page that says the stored chain is intact, confirms an untouched download and flags a tampered one where it breaks", async () => {
    const { fundId } = await aFundWithHistory("校验社区");
    const visitor = client(app);
    expect(await (await visitor.get(`/funds/${fundId}/verify`)).text()).toContain("完整：6 条分录的哈希链全部吻合。");
    const json = await (await visitor.get(`/funds/${fundId}/ledger.json`)).text();
    const upload = async (text: string, name = "ledger.json") => {
      const body = new FormData();
      body.append("file", new Blob([text], { type: "application/json" }), name);
      const res = await fetch(`${app.baseUrl}/funds/${fundId}/verify`, { method: "POST", body, headers: { origin: app.baseUrl } });
      return { status: res.status, text: await res.text() };
    };
    const untouched = await upload(json);
    expect(untouched.text).toContain("文件完整：6 条分录的哈希链全部吻合。");
    expect(untouched.text).toContain("与平台数据库中的记录一致。");

    const parsed = JSON.parse(json);
    parsed.entries[3].counterparty = "某公司";
    expect((await upload(JSON.stringify(parsed))).text).toContain("文件已损坏：第 4 条分录对不上（内容与其哈希不符）。");

    const shorter = JSON.parse(json);
    shorter.entries.splice(2, 1);
    expect((await upload(JSON.stringify(shorter))).text).toContain("文件已损坏：第 4 条分录对不上（序号不连续）。");

    const junk = await upload("这不是账目", "notes.txt");
    expect(junk.status).toBe(422);
    expect(junk.text).toContain("无法读取这个文件");
    const nothing = await fetch(`${app.baseUrl}/funds/${fundId}/verify`, { method: "POST", body: new FormData(), headers: { origin: app.baseUrl } });
    expect(nothing.status).toBe(422);
  });
});

describe("fund and campaign pages", () => {
  it("show the holder by full name and credit code, the purpose, rules, balance, money in and out, and no resident's name", async () => {
    const { fundId, holder } = await aFundWithHistory("公开页社区");
    const html = await (await client(app).get(`/funds/${fundId}`)).text();
    expect(html).toContain(holder.name);
    expect(html).toContain(holder.creditCode!);
    expect(html).toContain("居民议事决定，监委会监督");
    expect(html).toContain("¥4,192.00");
    expect(html).toContain("线下收入 ¥6,200.00");
    expect(html).toContain("项目支出 ¥2,800.00");
    for (const personal of ["孙会计", "吴监事", "刘女士", DONOR_EMAIL]) expect(html).not.toContain(personal);
    const list = await (await client(app).get("/funds")).text();
    expect(list).toContain(holder.name);
  });

  it("answer a wrong id with 404, for the page, the ledger, its exports and the verify page", async () => {
    for (const url of ["/funds/no-such-fund", "/funds/no-such-fund/ledger", "/funds/no-such-fund/ledger.csv", "/funds/no-such-fund/ledger.json", "/funds/no-such-fund/verify", "/campaigns/nope"]) {
      expect((await client(app).get(url)).status, url).toBe(404);
    }
  });

  it("publish a campaign with goal, deadline, purpose, linked need and progress; a draft is seen only by the fund's people", async () => {
    const { fundId, manager, managerUser } = await fundWithPeople("募捐社区");
    const deadline = new Date(Date.now() + 8 * 3600_000 + 30 * 24 * 3600_000).toISOString().slice(0, 10);
    const input = (publish: boolean) => parseInput(createCampaignSchema, { title: "社区好人表彰", purpose: "为评出的社区好人购买奖品", goal: "5000", deadline, ...(publish ? { publish: "on" } : {}) });
    const { campaignId } = await createCampaign({ actor: manager, fundId, input: input(true) });
    const html = await (await client(app).get(`/campaigns/${campaignId}`)).text();
    expect(html).toContain("社区好人表彰");
    expect(html).toContain("已筹 ¥0.00，目标 ¥5,000.00");
    expect(html).toContain("<progress");

    const { campaignId: draft } = await createCampaign({ actor: manager, fundId, input: input(false) });
    expect((await client(app).get(`/campaigns/${draft}`)).status).toBe(404);
    expect((await (await signedIn(app, managerUser.phone!, TEST_PASSWORD)).get(`/campaigns/${draft}`)).status).toBe(200);
    expect(parseInput.bind(null, createCampaignSchema, { title: "过期", purpose: "x", goal: "1", deadline: "2020-01-01" })).toThrow();
  });

  it("keep the manage pages to the fund's people: a visitor is sent to log in, a stranger refused", async () => {
    const { fundId, supervisorUser } = await fundWithPeople("管理页社区");
    const visitor = client(app);
    const stranger = await signedIn(app, (await createUser()).phone!, TEST_PASSWORD);
    const supervisor = await signedIn(app, supervisorUser.phone!, TEST_PASSWORD);
    for (const page of ["", "/income", "/disburse", "/refund", "/campaigns"]) {
      const url = `/funds/${fundId}/manage${page}`;
      expect((await visitor.get(url)).headers.get("location"), url).toMatch(/^\/login/);
      expect((await stranger.get(url)).status, url).toBe(403);
    }
    expect((await supervisor.get(`/funds/${fundId}/manage`)).status).toBe(200);
    // The supervisory committee checks; it neither records income nor pays out.
    expect((await supervisor.get(`/funds/${fundId}/manage/income`)).status).toBe(403);
    expect((await supervisor.get(`/funds/${fundId}/manage/disburse`)).status).toBe(403);
  });
});
