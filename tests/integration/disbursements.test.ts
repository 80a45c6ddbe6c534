import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, disbursements, donations } from "@db/schema";
import { decideDisbursement } from "~/domains/funds/decide-disbursement.server";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { decideRefund } from "~/domains/funds/decide-refund.server";
import { disburse } from "~/domains/funds/disburse.server";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { recordRefund } from "~/domains/funds/record-refund.server";
import { disburseSchema, recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { verifyChain, type ExportedEntry } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { availableBalance, balanceOf, postEntry } from "~/domains/ledger/post-entry.server";
import { parseInput } from "~/utils/forms.server";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { createCommunity, createDeliberation, createFund, createOrg, createUser, fundMoneyIn, fundWithPeople, jpegBytes, actorOf, refusalOf, temporaryStorage } from "../factories";
import { decidedVote } from "../factories/votes";

const storage = temporaryStorage("sanshe-disburse-");
afterAll(() => storage.remove());

const evidence = { bytes: jpegBytes(), contentType: "image/jpeg" as const };
const byBoard = (amount: string, extra: Record<string, string> = {}) =>
  parseInput(disburseSchema, { payeeType: "other", payeeName: "东路社区百家宴筹备组", purpose: "邻里百家宴食材", amount, authority: "board_approval", boardResolution: "管委会决议〔2025〕第 3 号", ...extra });
const byVote = (deliberationId: string, amount = "300") =>
  parseInput(disburseSchema, { payeeType: "other", payeeName: "东路社区好人评选小组", purpose: "社区好人奖品", amount, authority: "deliberation", deliberationId });

const balance = (fundId: string) => db().transaction((tx) => availableBalance(tx, fundId));
const entries = async (fundId: string) => {
  const out: ExportedEntry[] = [];
  for await (const e of ledgerEntries(fundId)) out.push(e);
  return out;
};
const paidOut = (fundId: string) => db().select().from(disbursements).where(eq(disbursements.fundId, fundId));
/** A manager proposes, a second person approves: the disbursement and its ledger entry. */
async function payOut(options: { actor: Actor; approver: Actor; fundId: string; input: ReturnType<typeof byBoard> }) {
  const { disbursementId } = await disburse({ actor: options.actor, fundId: options.fundId, input: options.input, evidence });
  const { entrySeq } = await decideDisbursement({ actor: options.approver, input: { disbursementId, decision: "approve" } });
  return { disbursementId, entrySeq: entrySeq! };
}

describe("a disbursement is authorised by a passed deliberation of the fund's own community, or by the board", () => {
  it("pays out on a vote whose winning option spends from this fund, once approved: Dr grants / Cr cash, linked to the vote, with audit rows", async () => {
    const { fundId, community, manager, managerUser, supervisor } = await fundWithPeople("议事支出社区");
    await fundMoneyIn(fundId, 100000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 30000n, question: "社区好人评选奖励 300 元" });
    const { disbursementId, entrySeq } = await payOut({ actor: manager, approver: supervisor, fundId, input: byVote(vote.id) });
    const [row] = await paidOut(fundId);
    expect(row).toMatchObject({ id: disbursementId, authority: "deliberation", deliberationId: vote.id, amountFen: 30000n, status: "approved", decidedBy: supervisor.userId });
    const entry = (await entries(fundId)).find((e) => e.seq === entrySeq)!;
    expect(entry).toMatchObject({ kind: "disbursement", sourceType: "disbursement", sourceId: disbursementId, counterparty: "东路社区好人评选小组" });
    expect(entry.memo).toContain("社区好人评选奖励 300 元");
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["cash", "0", "30000"],
      ["grants", "30000", "0"],
    ]);
    expect(await balance(fundId)).toBe(70000n);
    expect((await db().select().from(auditLog).where(eq(auditLog.entityId, disbursementId))).map((a) => a.action).sort()).toEqual(["disbursement.approve", "disbursement.propose"]);
  });

  it("refuses a vote that failed, one still open, and another community's passed vote, beside the field, writing nothing", async () => {
    const { fundId, community, manager, managerUser } = await fundWithPeople("失败议事社区");
    await fundMoneyIn(fundId, 100000n);
    const failed = await createDeliberation({ communityId: community.id, createdBy: managerUser.id, status: "failed" });
    const open = await createDeliberation({ communityId: community.id, createdBy: managerUser.id, status: "open" });
    const elsewhere = await createCommunity("别的社区");
    const othersPassed = await createDeliberation({ communityId: elsewhere.community.id, createdBy: managerUser.id });
    for (const [d, message] of [
      [failed.id, "funds.deliberationNotPassed"],
      [open.id, "funds.deliberationNotPassed"],
      [othersPassed.id, "funds.deliberationOtherCommunity"],
      ["no-such-vote", "funds.deliberationOtherCommunity"],
    ]) {
      const refusal = await refusalOf(disburse({ actor: manager, fundId, input: byVote(d), evidence }));
      expect(refusal.fieldErrors, d).toEqual({ deliberationId: message });
    }
    expect(await paidOut(fundId)).toHaveLength(0);
    expect(await balance(fundId)).toBe(100000n);
  });

  it("on the board's authority needs the resolution and its document", async () => {
    const { fundId, manager } = await fundWithPeople("理事会社区");
    await fundMoneyIn(fundId, 500000n);
    const noResolution = disburseSchema.safeParse({ payeeType: "other", payeeName: "筹备组", purpose: "百家宴", amount: "2800", authority: "board_approval" });
    expect(noResolution.success).toBe(false);
    expect(noResolution.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["boardResolution", "funds.boardResolutionRequired"]]);
    expect((await refusalOf(disburse({ actor: manager, fundId, input: byBoard("2800"), evidence: null }))).fieldErrors).toEqual({ evidence: "funds.boardDocumentRequired" });
    expect(await paidOut(fundId)).toHaveLength(0);
    await disburse({ actor: manager, fundId, input: byBoard("2800"), evidence });
    expect((await paidOut(fundId))[0]).toMatchObject({ authority: "board_approval", boardResolution: "管委会决议〔2025〕第 3 号", deliberationId: null });
  });

  it("is refused to the accountant who is not a manager, the supervisor and strangers", async () => {
    const { fundId, supervisor } = await fundWithPeople("无权支出社区");
    await fundMoneyIn(fundId, 100000n);
    const accountantOnly = await createUser();
    const { id: otherFund } = await createFund({ roles: [[accountantOnly.id, "accountant"]] });
    await fundMoneyIn(otherFund, 100000n);
    expect((await refusalOf(disburse({ actor: await actorOf(accountantOnly), fundId: otherFund, input: byBoard("10"), evidence }))).code).toBe("forbidden");
    expect((await refusalOf(disburse({ actor: supervisor, fundId, input: byBoard("10"), evidence }))).code).toBe("forbidden");
    expect((await refusalOf(disburse({ actor: await actorOf(await createUser({ admin: true })), fundId, input: byBoard("10"), evidence }))).code).toBe("forbidden");
    expect((await refusalOf(disburse({ actor: supervisor, fundId: "no-such-fund", input: byBoard("10"), evidence }))).code).toBe("not_found");
  });

  it("names a verified organisation by its full name, and a resident paid in person as 居民个人, never by name", async () => {
    const { fundId, manager, supervisor } = await fundWithPeople("收款方社区");
    await fundMoneyIn(fundId, 100000n);
    const org = await createOrg({ name: "重庆市南岸区东路社区邻里互助会" });
    await payOut({ actor: manager, approver: supervisor, fundId, input: byBoard("100", { payeeType: "org", payeeOrgId: org.id }) });
    await payOut({ actor: manager, approver: supervisor, fundId, input: byBoard("100", { payeeType: "individual", payeeName: "王秀英" }) });
    const pending = await createOrg({ status: "pending" });
    expect((await refusalOf(disburse({ actor: manager, fundId, input: byBoard("100", { payeeType: "org", payeeOrgId: pending.id }), evidence }))).fieldErrors).toEqual({
      payeeOrgId: "funds.choosePayeeOrg",
    });
    const counterparties = (await entries(fundId)).filter((e) => e.kind === "disbursement").map((e) => e.counterparty);
    expect(counterparties).toEqual(["重庆市南岸区东路社区邻里互助会", "居民个人"]);
  });
});

describe("spending never exceeds what the fund has", () => {
  it("refuses more than the available balance, saying how much there is", async () => {
    const { fundId, manager, supervisor } = await fundWithPeople("超支社区");
    await fundMoneyIn(fundId, 100000n);
    const refusal = await refusalOf(disburse({ actor: manager, fundId, input: byBoard("1000.01"), evidence }));
    expect(refusal.fieldErrors).toEqual({ amount: "funds.overBalance" });
    expect(refusal.params).toEqual({ available: "¥1,000.00" });
    await payOut({ actor: manager, approver: supervisor, fundId, input: byBoard("1000") });
    expect(await balance(fundId)).toBe(0n);
  });

  it("never overspends when many proposals are approved in parallel, and the chain verifies", async () => {
    const { fundId, manager, supervisor } = await fundWithPeople("并发支出社区");
    await fundMoneyIn(fundId, 100000n); // ¥1,000: room for exactly ten payments of ¥100
    const proposed = await Promise.all(Array.from({ length: 25 }, () => disburse({ actor: manager, fundId, input: byBoard("100"), evidence })));
    const results = await Promise.allSettled(proposed.map(({ disbursementId }) => decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } })));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(refused.map((r) => r.reason.fieldErrors)).toEqual(Array(15).fill({ amount: "funds.overBalance" }));
    expect(await balance(fundId)).toBe(0n);
    expect(await db().transaction((tx) => balanceOf(tx, fundId, ["cash"]))).toBe(0n);
    expect((await paidOut(fundId)).filter((d) => d.status === "approved")).toHaveLength(10);
    const chain = await entries(fundId);
    expect(verifyChain(chain)).toMatchObject({ intact: true, entries: 11 });
  });

  it("takes from cash first and the rest from what Stripe holds, in one multi-line entry", async () => {
    const { fundId, manager, supervisor } = await fundWithPeople("混合支出社区");
    await fundMoneyIn(fundId, 30000n, "cash");
    await fundMoneyIn(fundId, 50000n, "stripe_clearing", "匿名");
    const { entrySeq } = await payOut({ actor: manager, approver: supervisor, fundId, input: byBoard("500") });
    const entry = (await entries(fundId)).find((e) => e.seq === entrySeq)!;
    expect(entry.lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["cash", "0", "30000"],
      ["grants", "50000", "0"],
      ["stripe_clearing", "0", "20000"],
    ]);
    expect(await balance(fundId)).toBe(30000n);
  });

  it("lets a restricted sub-fund spend only its own balance, never its foundation's", async () => {
    const manager = await createUser();
    const supervisorUser = await createUser();
    const { id: foundation } = await createFund({ kind: "foundation", roles: [[manager.id, "manager"], [supervisorUser.id, "supervisor"]] });
    const { id: subFund } = await createFund({ kind: "sub_fund", parentFundId: foundation, roles: [] });
    await fundMoneyIn(foundation, 1_000_000n);
    await fundMoneyIn(subFund, 10000n);
    const actor = await actorOf(manager);
    // The foundation's manager runs its sub-funds too…
    expect((await refusalOf(disburse({ actor, fundId: subFund, input: byBoard("500"), evidence }))).fieldErrors).toEqual({ amount: "funds.overBalance" });
    // …but a sub-fund's ¥100 is all it can spend.
    await payOut({ actor, approver: await actorOf(supervisorUser), fundId: subFund, input: byBoard("100") });
    expect(await balance(subFund)).toBe(0n);
    expect(await balance(foundation)).toBe(1_000_000n);
  });
});

describe("managers request refunds within policy; a second person approves them as reversing entries", () => {
  const income = parseInput(recordOfflineIncomeSchema, { source: "cash_gift", payerName: "赵阿姨", amount: "800", receivedOn: "2025-06-01", description: "居民现金捐赠" });

  it("pay back part of an approved offline income: a new entry reverses it, the original stays, and no more than is left can be refunded", async () => {
    const { fundId, accountant, supervisor, manager } = await fundWithPeople("退款社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: income, evidence });
    const { entrySeq: original } = await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
    const first = await recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 50000n, reason: "捐赠人家中急用，退还部分" }, evidence });
    expect(first.originalSeq).toBe(original);
    await decideRefund({ actor: supervisor, input: { refundId: first.refundId, decision: "approve" } });
    const over = await refusalOf(recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 30001n, reason: "再退" }, evidence }));
    expect(over.fieldErrors).toEqual({ amount: "funds.refundOverOriginal" });
    expect(over.params).toEqual({ remaining: "¥300.00" });
    const second = await recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 30000n, reason: "全部退还" }, evidence });
    await decideRefund({ actor: supervisor, input: { refundId: second.refundId, decision: "approve" } });

    const chain = await entries(fundId);
    expect(chain.map((e) => e.kind)).toEqual(["offline_income", "refund", "refund"]);
    expect(chain[0].lines.find((l) => l.account === "cash")!.debit).toBe("80000");
    expect(chain[1]).toMatchObject({ counterparty: "匿名", memo: "退还第 1 笔：捐赠人家中急用，退还部分" });
    expect(chain[1].lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["cash", "0", "50000"],
      ["refunds", "50000", "0"],
    ]);
    expect(verifyChain(chain)).toMatchObject({ intact: true });
    expect(await balance(fundId)).toBe(0n);
  });

  it("pay back a donation up to what is left of it, and never one still pending, nor as the supervisor", async () => {
    const { fundId, manager, supervisor } = await fundWithPeople("捐赠退款社区");
    const donationId = newId();
    await db().insert(donations).values({ id: donationId, fundId, donorName: "何先生", donorEmail: "he@example.com", amountFen: 20000n, status: "succeeded", succeededAt: new Date() });
    // The donation's own entry, as the payment side posts it.
    await db().transaction((tx) =>
      postEntry(tx, { fundId, kind: "donation", memo: "捐赠", source: { type: "donation", id: donationId }, counterparty: "何先生", lines: [{ account: "stripe_clearing", debit: 20000n }, { account: "donations", credit: 20000n }] }),
    );
    expect((await refusalOf(recordRefund({ actor: supervisor, fundId, input: { targetType: "donation", targetId: donationId, amount: 100n, reason: "退" }, evidence }))).code).toBe("forbidden");
    const { refundId } = await recordRefund({ actor: manager, fundId, input: { targetType: "donation", targetId: donationId, amount: 20000n, reason: "捐赠人要求退还" }, evidence });
    await decideRefund({ actor: supervisor, input: { refundId, decision: "approve" } });
    expect((await db().select().from(donations).where(eq(donations.id, donationId)))[0]).toMatchObject({ refundedFen: 20000n, status: "refunded" });
    expect((await refusalOf(recordRefund({ actor: manager, fundId, input: { targetType: "donation", targetId: donationId, amount: 1n, reason: "再退" }, evidence }))).fieldErrors).toEqual({ amount: "funds.refundOverOriginal" });

    const pending = newId();
    await db().insert(donations).values({ id: pending, fundId, donorName: "匿名者", amountFen: 5000n, status: "pending" });
    expect((await refusalOf(recordRefund({ actor: manager, fundId, input: { targetType: "donation", targetId: pending, amount: 100n, reason: "退" }, evidence }))).fieldErrors).toEqual({ targetId: "funds.chooseRefundTarget" });
    const refunds = (await entries(fundId)).filter((e) => e.kind === "refund");
    expect(refunds).toHaveLength(1);
    expect(refunds[0].lines.map((l) => [l.account, l.debit, l.credit]).sort()).toEqual([
      ["refunds", "20000", "0"],
      ["stripe_clearing", "0", "20000"],
    ]);
  });
});
