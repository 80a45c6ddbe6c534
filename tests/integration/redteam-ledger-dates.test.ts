// Found by the attacker-review of issue 10 (hostile input, "dates in year 0 and 9999 … never a
// 500"): the public ledger's date filter hands a year-0 or year-1 date to PostgreSQL, which refuses
// it, and any visitor gets a 500 (the CSV and JSON exports of the same filter answer fine).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFund, fundMoneyIn } from "../factories";
import { client, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

describe("a visitor filtering a fund's public ledger by date", () => {
  it.each(["from=0000-01-01", "from=0001-01-01", "to=0000-01-01", "from=0000-01-01&to=9999-12-31"])("gets a page, never a 500, for %s (page and .data)", async (query) => {
    const fund = await createFund({ name: "日期筛选测试基金" });
    await fundMoneyIn(fund.id, 10_000n);
    const visitor = client(app);
    const page = await visitor.get(`/funds/${fund.id}/ledger?${query}`);
    const data = await visitor.get(`/funds/${fund.id}/ledger.data?${query}`);
    expect(page.status).toBeLessThan(500);
    expect(data.status).toBeLessThan(500);
  });
});
