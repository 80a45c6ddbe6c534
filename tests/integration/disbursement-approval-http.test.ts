// The two-person flow through the pages: a manager proposes a payout or a refund with evidence, the
// manage page lists it for a second person, the maker's own approval is 403, and only approval posts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { disbursements, journalEntries, refundRequests } from "@db/schema";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { parseInput } from "~/utils/forms.server";
import { fundMoneyIn, fundWithPeople, jpegBytes, TEST_PASSWORD, temporaryStorage } from "../factories";
import { signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";
import { decidedVote } from "../factories/votes";

const storage = temporaryStorage("sanshe-approval-http-");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

const receipt = { name: "发票.jpg", bytes: jpegBytes(), type: "image/jpeg" };
async function postWithEvidence(browser: Browserish, url: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("evidence", new Blob([Buffer.from(receipt.bytes)], { type: receipt.type }), receipt.name);
  return fetch(app.baseUrl + url, { method: "POST", body, redirect: "manual", headers: { cookie: browser.cookie, origin: app.baseUrl } });
}
const kinds = async (fundId: string) => (await db().select({ kind: journalEntries.kind }).from(journalEntries).where(eq(journalEntries.fundId, fundId)).orderBy(journalEntries.seq)).map((e) => e.kind);

describe("paying out through the pages", () => {
  it("a manager proposes on the residents' vote; it waits on the manage page; their own approval is 403; the supervisor's posts it", async () => {
    const { fundId, community, managerUser, supervisorUser } = await fundWithPeople("网页支出社区");
    await fundMoneyIn(fundId, 500000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n, question: "邻里百家宴" });
    const maker = await signedIn(app, managerUser.phone!, TEST_PASSWORD);
    const form = await (await maker.get(`/funds/${fundId}/manage/disburse`)).text();
    expect(form).toContain("邻里百家宴（“申请社区微基金”，上限 ¥3,000.00，还可支出 ¥3,000.00）");

    const fields = { payeeType: "other", payeeName: "百家宴筹备组", purpose: "百家宴食材", amount: "3000.01", authority: "deliberation", deliberationId: vote.id };
    const over = await postWithEvidence(maker, `/funds/${fundId}/manage/disburse`, fields);
    expect(over.status).toBe(422);
    expect(await over.text()).toContain("这项议事决定的支出上限是 ¥3,000.00，除去已支出和待复核的，还可以支出 ¥3,000.00。");
    const proposed = await postWithEvidence(maker, `/funds/${fundId}/manage/disburse`, { ...fields, amount: "2800" });
    expect(proposed.status).toBe(302);
    expect(proposed.headers.get("location")).toBe(`/funds/${fundId}/manage?done=disbursed`);
    const [row] = await db().select().from(disbursements).where(eq(disbursements.fundId, fundId));
    expect(row.status).toBe("pending");
    expect(await kinds(fundId)).toEqual(["offline_income"]);

    const own = await maker.post(`/funds/${fundId}/manage`, { disbursementId: row.id, decision: "approve" });
    expect(own.status).toBe(403);
    expect(await own.text()).toContain("您录入或提出的这一笔不能由您自己复核");

    const checker = await signedIn(app, supervisorUser.phone!, TEST_PASSWORD);
    const page = await (await checker.get(`/funds/${fundId}/manage`)).text();
    expect(page).toContain("待复核的支出和退款");
    expect(page).toContain("支出 · ¥2,800.00 → 百家宴筹备组");
    expect(page).toContain(`/funds/${fundId}/manage/evidence/disbursement/${row.id}`);
    const noReason = await checker.post(`/funds/${fundId}/manage`, { disbursementId: row.id, decision: "reject" });
    expect(noReason.status).toBe(422);
    const approved = await checker.post(`/funds/${fundId}/manage`, { disbursementId: row.id, decision: "approve" });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("支出已复核通过，记入账目第 2 笔。");
    expect(await kinds(fundId)).toEqual(["offline_income", "disbursement"]);
    expect((await checker.get(`/funds/${fundId}/manage/evidence/disbursement/${row.id}`)).status).toBe(200);
  });

  it("a refund is requested with its evidence and posted only when another person approves it", async () => {
    const { fundId, accountant, supervisor, managerUser, supervisorUser } = await fundWithPeople("网页退款社区");
    const income = parseInput(recordOfflineIncomeSchema, { source: "parking", payerName: "临时停车场", amount: "800", receivedOn: "2025-06-01", description: "停车收入" });
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: income, evidence: { bytes: jpegBytes(), contentType: "image/jpeg" } });
    await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
    const maker = await signedIn(app, managerUser.phone!, TEST_PASSWORD);
    const noFile = await maker.post(`/funds/${fundId}/manage/refund`, { target: `offline_income:${incomeId}`, amount: "50", reason: "多收" });
    expect(noFile.status).toBe(422);
    expect(await noFile.text()).toContain("请上传退款凭证（转账回单或收条）");
    const requested = await postWithEvidence(maker, `/funds/${fundId}/manage/refund`, { target: `offline_income:${incomeId}`, amount: "50", reason: "停车费多收，退还车主" });
    expect(requested.status).toBe(302);
    const [request] = await db().select().from(refundRequests).where(eq(refundRequests.fundId, fundId));
    expect(await kinds(fundId)).toEqual(["offline_income"]);
    const checker = await signedIn(app, supervisorUser.phone!, TEST_PASSWORD);
    const approved = await checker.post(`/funds/${fundId}/manage`, { refundId: request.id, decision: "approve" });
    expect(await approved.text()).toContain("退款已复核通过，记入账目第 2 笔（冲销第 1 笔）。");
    expect(await kinds(fundId)).toEqual(["offline_income", "refund"]);
  });
});
