import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, journalEntries, offlineIncomes } from "@db/schema";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { verifyChain } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { availableBalance } from "~/domains/ledger/post-entry.server";
import { translate } from "~/locales";
import { parseInput } from "~/utils/forms.server";
import { actorOf, createUser, fundWithPeople, jpegBytes, refusalOf, TEST_PASSWORD, temporaryStorage } from "../factories";
import { signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

const storage = temporaryStorage("sanshe-funds-");

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

const photo = { bytes: jpegBytes(), contentType: "image/jpeg" as const };
const recycling = (amount = "500") =>
  parseInput(recordOfflineIncomeSchema, { source: "recycling", payerName: "东路社区可回收物兑换点", amount, receivedOn: "2025-06-01", description: "六月废品回收变卖" });

const entriesOf = (fundId: string) => db().select().from(journalEntries).where(eq(journalEntries.fundId, fundId));
const incomeRow = async (id: string) => (await db().select().from(offlineIncomes).where(eq(offlineIncomes.id, id)))[0];
const balance = (fundId: string) => db().transaction((tx) => availableBalance(tx, fundId));
const auditActions = async (id: string) => (await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id))).map((r) => r.action).sort();

/** Posts a form as a browser does with a file chosen: multipart. */
async function postMultipart(browser: Browserish, url: string, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type: string }) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  if (file) body.append("evidence", new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return fetch(app.baseUrl + url, { method: "POST", body, redirect: "manual", headers: { cookie: browser.cookie, origin: app.baseUrl } });
}

describe("offline income waits for a second person (maker-checker)", () => {
  it("the accountant records ¥500 of recycling income; it is not in the ledger until the supervisor approves it, which posts exactly one balanced entry", async () => {
    const { fundId, accountant, supervisor } = await fundWithPeople("复核社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: recycling(), evidence: photo });
    expect((await incomeRow(incomeId)).status).toBe("pending");
    expect(await entriesOf(fundId)).toHaveLength(0);
    expect(await balance(fundId)).toBe(0n);

    const decided = await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
    expect(decided).toMatchObject({ status: "approved", entrySeq: 1 });
    const entries = [];
    for await (const e of ledgerEntries(fundId)) entries.push(e);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ kind: "offline_income", sourceType: "offline_income", sourceId: incomeId, counterparty: "东路社区可回收物兑换点" });
    expect(entries[0].lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["cash", "50000", "0"],
      ["offline_income", "0", "50000"],
    ]);
    expect(verifyChain(entries)).toMatchObject({ intact: true, entries: 1 });
    expect(await balance(fundId)).toBe(50000n);
    expect(await incomeRow(incomeId)).toMatchObject({ status: "approved", decidedBy: supervisor.userId });
    expect(await auditActions(incomeId)).toEqual(["offline_income.approve", "offline_income.record"]);
  });

  it("the maker can never approve their own entry: refused in code with a Chinese message, and by the database's CHECK", async () => {
    const { fundId, accountant } = await fundWithPeople("自审社区");
    // The accountant is a manager too: the role would allow approving, being the maker does not.
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: recycling(), evidence: photo });
    const refusal = await refusalOf(decideOfflineIncome({ actor: accountant, input: { incomeId, decision: "approve" } }));
    expect(refusal.code).toBe("forbidden");
    expect(translate("zh-CN", refusal.messageKey)).toBe("您录入或提出的这一笔不能由您自己复核，请由另一位管理人或监委会成员复核");

    const direct = await db()
      .execute(sql`update offline_incomes set status = 'approved', decided_by = recorded_by, decided_at = now() where id = ${incomeId}`)
      .then(
        () => "allowed",
        (e: Error) => String((e.cause as Error | undefined)?.message ?? e.message),
      );
    expect(direct).toMatch(/offline_income_four_eyes/);
    expect((await incomeRow(incomeId)).status).toBe("pending");
    expect(await entriesOf(fundId)).toHaveLength(0);
  });

  it("someone without a role in the fund (even a platform admin) cannot approve, nor can the fund's accountant who is not a manager", async () => {
    const { fundId, accountant } = await fundWithPeople("无权社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: recycling(), evidence: photo });
    const stranger = await actorOf(await createUser());
    const admin = await actorOf(await createUser({ admin: true }));
    expect((await refusalOf(decideOfflineIncome({ actor: stranger, input: { incomeId, decision: "approve" } }))).code).toBe("forbidden");
    expect((await refusalOf(decideOfflineIncome({ actor: admin, input: { incomeId, decision: "approve" } }))).code).toBe("forbidden");
    expect((await refusalOf(decideOfflineIncome({ actor: null, input: { incomeId, decision: "approve" } }))).code).toBe("unauthenticated");
    expect((await incomeRow(incomeId)).status).toBe("pending");
    expect(await entriesOf(fundId)).toHaveLength(0);
  });

  it("a rejection needs a reason, posts nothing, and cannot be approved afterwards", async () => {
    const { fundId, accountant, manager } = await fundWithPeople("退回社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: recycling("1,234.50"), evidence: photo });
    expect((await incomeRow(incomeId)).amountFen).toBe(123450n);
    const res = await postAs(manager.userId, `/funds/${fundId}/manage`, { incomeId, decision: "reject" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("退回时请写明原因");

    await decideOfflineIncome({ actor: manager, input: { incomeId, decision: "reject", reason: "金额与收据不符" } });
    expect(await incomeRow(incomeId)).toMatchObject({ status: "rejected", rejectionReason: "金额与收据不符", decidedBy: manager.userId });
    expect(await entriesOf(fundId)).toHaveLength(0);
    expect((await refusalOf(decideOfflineIncome({ actor: manager, input: { incomeId, decision: "approve" } }))).messageKey).toBe("funds.alreadyDecided");
    expect(await auditActions(incomeId)).toEqual(["offline_income.record", "offline_income.reject"]);
  });

  it("two checkers approving at the same moment post it once", async () => {
    const { fundId, accountant, manager, supervisor } = await fundWithPeople("并发复核社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: recycling(), evidence: photo });
    const results = await Promise.allSettled([manager, supervisor].map((actor) => decideOfflineIncome({ actor, input: { incomeId, decision: "approve" } })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await entriesOf(fundId)).toHaveLength(1);
    expect(await balance(fundId)).toBe(50000n);
  });

  it("is recorded with its evidence photo through the form, which only the fund's people can open", async () => {
    const { fundId, accountantUser, supervisorUser } = await fundWithPeople("凭证社区");
    const accountantBrowser = await signedIn(app, accountantUser.phone!, TEST_PASSWORD);
    const res = await postMultipart(
      accountantBrowser,
      `/funds/${fundId}/manage/income`,
      { source: "parking", payerName: "东路社区临时停车场", amount: "¥6,200", receivedOn: "2025-03-31", description: "一季度临时停车收费" },
      { name: "收据.jpg", bytes: jpegBytes({ exif: "GPS 29.53N 106.57E" }), type: "image/jpeg" },
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/funds/${fundId}/manage?done=incomeRecorded`);
    const [income] = await db().select().from(offlineIncomes).where(and(eq(offlineIncomes.fundId, fundId), eq(offlineIncomes.source, "parking")));
    expect(income).toMatchObject({ amountFen: 620000n, status: "pending", recordedBy: accountantUser.id });
    const stored = fs.readFileSync(path.join(storage.dir, income.evidenceKey!));
    expect(stored.includes(Buffer.from("GPS"))).toBe(false);

    const supervisorBrowser = await signedIn(app, supervisorUser.phone!, TEST_PASSWORD);
    const evidenceUrl = `/funds/${fundId}/manage/evidence/offline_income/${income.id}`;
    expect((await supervisorBrowser.get(evidenceUrl)).headers.get("content-type")).toBe("image/jpeg");
    const outsider = await signedIn(app, (await createUser()).phone!, TEST_PASSWORD);
    expect((await outsider.get(evidenceUrl)).status).toBe(404);

    const page = await (await supervisorBrowser.get(`/funds/${fundId}/manage`)).text();
    expect(page).toContain("东路社区临时停车场");
    expect(page).toContain("复核通过并入账");
  });

  it("refuses, beside each field and in Chinese, a file that is not a photo or PDF, a missing file, and amounts nobody can pay", async () => {
    const { fundId, accountantUser } = await fundWithPeople("乱填社区");
    const browser = await signedIn(app, accountantUser.phone!, TEST_PASSWORD);
    const fields = { source: "recycling", payerName: "回收站", amount: "500", receivedOn: "2025-06-01", description: "回收" };
    const notImage = await postMultipart(browser, `/funds/${fundId}/manage/income`, fields, { name: "x.jpg", bytes: new TextEncoder().encode("<script>alert(1)</script>"), type: "image/jpeg" });
    expect(notImage.status).toBe(422);
    expect(await notImage.text()).toContain("凭证须为 JPEG、PNG、WebP 照片或 PDF 文件");
    const noFile = await postMultipart(browser, `/funds/${fundId}/manage/income`, fields);
    expect(noFile.status).toBe(422);
    expect(await noFile.text()).toContain("请上传凭证");
    for (const [amount, message] of [
      ["五百", "请输入金额，最多两位小数"],
      ["0", "金额必须大于 0"],
      ["1.234", "请输入金额，最多两位小数"],
      ["-5", "请输入金额，最多两位小数"],
    ]) {
      const res = await postMultipart(browser, `/funds/${fundId}/manage/income`, { ...fields, amount }, { name: "r.jpg", bytes: jpegBytes(), type: "image/jpeg" });
      expect(res.status, amount).toBe(422);
      expect(await res.text(), amount).toContain(message);
    }
    const badDate = await postMultipart(browser, `/funds/${fundId}/manage/income`, { ...fields, receivedOn: "2025-02-30" }, { name: "r.jpg", bytes: jpegBytes(), type: "image/jpeg" });
    expect(await badDate.text()).toContain("请输入有效的日期");
    expect(await db().select().from(offlineIncomes).where(eq(offlineIncomes.fundId, fundId))).toHaveLength(0);
  });

  it("answers the maker's own approval over HTTP with 403 and the reason, and an unknown entry with 404", async () => {
    const { fundId, accountant, accountantUser } = await fundWithPeople("网页自审社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: recycling(), evidence: photo });
    const browser = await signedIn(app, accountantUser.phone!, TEST_PASSWORD);
    const own = await browser.post(`/funds/${fundId}/manage`, { incomeId, decision: "approve" });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("您录入或提出的这一笔不能由您自己复核");
    const unknown = await browser.post(`/funds/${fundId}/manage`, { incomeId: "no-such-income", decision: "approve" });
    expect(unknown.status).toBe(404);
  });
});

/** Signs a user in by id (looked up for their phone) and posts a plain form. */
async function postAs(userId: string, url: string, form: Record<string, string>) {
  const [user] = await db().execute<{ phone: string }>(sql`select phone from users where id = ${userId}`);
  return (await signedIn(app, user.phone, TEST_PASSWORD)).post(url, form);
}
