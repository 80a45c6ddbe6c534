// 民事民决 is what residents decided: a payout on a vote's authority needs the vote's winning option
// to spend from this fund, stays within the ceiling residents saw, and waits for a second person
// (issue 10, defect 2).
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { disbursements, donations, journalEntries } from "@db/schema";
import { decideDisbursement } from "~/domains/funds/decide-disbursement.server";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { decideRefund } from "~/domains/funds/decide-refund.server";
import { fundOr404 } from "~/domains/funds/access.server";
import { disburse } from "~/domains/funds/disburse.server";
import { disburseChoices } from "~/domains/funds/queries.server";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { recordRefund } from "~/domains/funds/record-refund.server";
import { disburseSchema, recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { availableBalance, postEntry } from "~/domains/ledger/post-entry.server";
import { parseInput } from "~/utils/forms.server";
import { actorOf, createCommunityStaff, fundMoneyIn, fundWithPeople, jpegBytes, refusalOf, temporaryStorage } from "../factories";
import { addFundRole, decidedVote } from "../factories/votes";

const storage = temporaryStorage("sanshe-vote-authority-");
afterAll(() => storage.remove());

const evidence = { bytes: jpegBytes(), contentType: "image/jpeg" as const };
const byVote = (deliberationId: string, amount: string) =>
  parseInput(disburseSchema, { payeeType: "other", payeeName: "东路社区百家宴筹备组", purpose: "邻里百家宴食材", amount, authority: "deliberation", deliberationId });
const balance = (fundId: string) => db().transaction((tx) => availableBalance(tx, fundId));
const ledgerKinds = async (fundId: string) => (await db().select({ kind: journalEntries.kind }).from(journalEntries).where(eq(journalEntries.fundId, fundId)).orderBy(journalEntries.seq)).map((e) => e.kind);

describe("a vote authorises only the payment it decided", () => {
  it("a vote won by 不处理 authorises no payout, even though another option would have spent from the fund", async () => {
    const { fundId, community, manager, managerUser } = await fundWithPeople("不处理社区");
    await fundMoneyIn(fundId, 500000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n, winner: "nothing" });
    const refusal = await refusalOf(disburse({ actor: manager, fundId, input: byVote(vote.id, "100"), evidence }));
    expect(refusal.fieldErrors).toEqual({ deliberationId: "funds.deliberationSpendsNothing" });
    expect(refusal.params).toEqual({ option: "不处理" });
    expect(await db().select().from(disbursements).where(eq(disbursements.fundId, fundId))).toHaveLength(0);
  });

  it("a vote that decided to spend from another fund authorises nothing from this one", async () => {
    const { fundId, community, manager, managerUser } = await fundWithPeople("别的基金社区");
    const other = await fundWithPeople("另一个社区");
    await fundMoneyIn(fundId, 500000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId: other.fundId, ceilingFen: 300000n });
    expect((await refusalOf(disburse({ actor: manager, fundId, input: byVote(vote.id, "100"), evidence }))).fieldErrors).toEqual({ deliberationId: "funds.deliberationOtherFund" });
  });

  it("an amount above the ceiling residents saw is refused, saying what is left", async () => {
    const { fundId, community, manager, managerUser } = await fundWithPeople("上限社区");
    await fundMoneyIn(fundId, 500000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n });
    const refusal = await refusalOf(disburse({ actor: manager, fundId, input: byVote(vote.id, "3000.01"), evidence }));
    expect(refusal.fieldErrors).toEqual({ amount: "funds.overVoteCeiling" });
    expect(refusal.params).toEqual({ ceiling: "¥3,000.00", remaining: "¥3,000.00" });
    expect(await db().select().from(disbursements).where(eq(disbursements.fundId, fundId))).toHaveLength(0);
  });

  it("a second disbursement on the same vote beyond what is left of the ceiling is refused; up to it is accepted", async () => {
    const { fundId, community, manager, managerUser, supervisor } = await fundWithPeople("两次支出社区");
    await fundMoneyIn(fundId, 500000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n });
    const first = await disburse({ actor: manager, fundId, input: byVote(vote.id, "2000"), evidence });
    await decideDisbursement({ actor: supervisor, input: { disbursementId: first.disbursementId, decision: "approve" } });
    const over = await refusalOf(disburse({ actor: manager, fundId, input: byVote(vote.id, "1000.01"), evidence }));
    expect(over.fieldErrors).toEqual({ amount: "funds.overVoteCeiling" });
    expect(over.params).toEqual({ ceiling: "¥3,000.00", remaining: "¥1,000.00" });
    // What waits for approval counts too; a rejected proposal frees its share again.
    const second = await disburse({ actor: manager, fundId, input: byVote(vote.id, "1000"), evidence });
    expect((await refusalOf(disburse({ actor: manager, fundId, input: byVote(vote.id, "1"), evidence }))).fieldErrors).toEqual({ amount: "funds.overVoteCeiling" });
    await decideDisbursement({ actor: supervisor, input: { disbursementId: second.disbursementId, decision: "reject", reason: "发票抬头不对" } });
    await disburse({ actor: manager, fundId, input: byVote(vote.id, "1000"), evidence });
  });

  it("parallel disbursements on one vote never exceed its ceiling: exactly the ones that fit are accepted", async () => {
    const { fundId, community, manager, managerUser, supervisor } = await fundWithPeople("并发议事社区");
    await fundMoneyIn(fundId, 10_000_000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n }); // ¥3,000: room for three of ¥1,000
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => disburse({ actor: manager, fundId, input: byVote(vote.id, "1000"), evidence })));
    const accepted = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(accepted).toHaveLength(3);
    expect(refused.map((r) => r.reason.fieldErrors)).toEqual(Array(5).fill({ amount: "funds.overVoteCeiling" }));
    // Approving them all at once pays exactly the ceiling.
    await Promise.all(accepted.map(({ disbursementId }) => decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } })));
    expect(await balance(fundId)).toBe(10_000_000n - 300000n);
  });

  it("the disbursement form offers only votes whose winning option spends from this fund, with what is left of each ceiling", async () => {
    const { fundId, community, manager, managerUser } = await fundWithPeople("选择议事社区");
    await fundMoneyIn(fundId, 500000n);
    const spends = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n, question: "百家宴" });
    await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n, winner: "nothing", question: "不办了" });
    const usedUp = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 10000n, question: "已用完" });
    await disburse({ actor: manager, fundId, input: byVote(spends.id, "1000"), evidence });
    await disburse({ actor: manager, fundId, input: byVote(usedUp.id, "100"), evidence });
    const { deliberations: offered } = await disburseChoices((await fundOr404(db(), fundId))!);
    expect(offered).toEqual([{ id: spends.id, question: "百家宴", option: "申请社区微基金", ceilingFen: "300000", remainingFen: "200000" }]);
  });

  it("the database itself refuses a disbursement row beyond the ceiling, whatever code writes it", async () => {
    const { fundId, community, managerUser } = await fundWithPeople("数据库上限社区");
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 100000n });
    const row = (amountFen: bigint) => ({ id: crypto.randomUUID(), fundId, amountFen, payeeName: "筹备组", purpose: "百家宴", authority: "deliberation" as const, deliberationId: vote.id, createdBy: managerUser.id });
    await db().insert(disbursements).values(row(60000n));
    await expect(db().insert(disbursements).values(row(40001n))).rejects.toThrow();
    const nothing = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 100000n, winner: "nothing" });
    await expect(db().insert(disbursements).values({ ...row(1n), deliberationId: nothing.id })).rejects.toThrow();
  });
});

describe("money goes out only when a second person approves it (maker-checker)", () => {
  it("nothing posts to the ledger until approval; approval posts it with the vote in its memo", async () => {
    const { fundId, community, manager, managerUser, supervisor } = await fundWithPeople("复核支出社区");
    await fundMoneyIn(fundId, 500000n);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n, question: "东路社区邻里百家宴" });
    const { disbursementId } = await disburse({ actor: manager, fundId, input: byVote(vote.id, "2800"), evidence });
    expect(await ledgerKinds(fundId)).toEqual(["offline_income"]);
    expect(await balance(fundId)).toBe(500000n);
    expect((await db().select().from(disbursements).where(eq(disbursements.id, disbursementId)))[0]).toMatchObject({ status: "pending", decidedBy: null });

    const { entrySeq } = await decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } });
    expect(entrySeq).toBe(2);
    expect(await ledgerKinds(fundId)).toEqual(["offline_income", "disbursement"]);
    expect(await balance(fundId)).toBe(220000n);
    const [entry] = await db().select().from(journalEntries).where(eq(journalEntries.sourceId, disbursementId));
    expect(entry.memo).toBe("邻里百家宴食材（居民议事通过：东路社区邻里百家宴（申请社区微基金））");
  });

  it("the maker cannot approve their own disbursement, even as community staff and the fund's manager at once", async () => {
    const { fundId, community, managerUser, supervisor } = await fundWithPeople("自批支出社区");
    await fundMoneyIn(fundId, 500000n);
    // One person both on the residents' committee and the fund's manager.
    const staffManager = await createCommunityStaff(community.id, { name: "一人两职" });
    await addFundRole(fundId, staffManager.id, "manager");
    const actor = await actorOf(staffManager);
    const vote = await decidedVote({ communityId: community.id, createdBy: managerUser.id, fundId, ceilingFen: 300000n });
    const { disbursementId } = await disburse({ actor, fundId, input: byVote(vote.id, "300"), evidence });
    const refusal = await refusalOf(decideDisbursement({ actor, input: { disbursementId, decision: "approve" } }));
    expect(refusal.code).toBe("forbidden");
    expect(refusal.messageKey).toBe("funds.makerCannotApprove");
    expect(await ledgerKinds(fundId)).toEqual(["offline_income"]);
    // The database's CHECK stands behind it.
    await expect(db().update(disbursements).set({ status: "approved", decidedBy: staffManager.id }).where(eq(disbursements.id, disbursementId))).rejects.toThrow();
    await decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } });
    expect((await refusalOf(decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } }))).messageKey).toBe("funds.alreadyDecided");
  });

  it("a manual refund waits for a second person: the maker cannot approve it, nothing posts until someone else does", async () => {
    const { fundId, accountant, supervisor, manager } = await fundWithPeople("复核退款社区");
    const income = parseInput(recordOfflineIncomeSchema, { source: "cash_gift", payerName: "赵阿姨", amount: "800", receivedOn: "2025-06-01", description: "居民现金捐赠" });
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: income, evidence });
    await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
    expect((await refusalOf(recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 50000n, reason: "退还" }, evidence: null }))).fieldErrors).toEqual({
      evidence: "funds.refundEvidenceRequired",
    });
    const { refundId } = await recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 50000n, reason: "捐赠人家中急用，退还部分" }, evidence });
    expect(await ledgerKinds(fundId)).toEqual(["offline_income"]);
    const own = await refusalOf(decideRefund({ actor: manager, input: { refundId, decision: "approve" } }));
    expect([own.code, own.messageKey]).toEqual(["forbidden", "funds.makerCannotApprove"]);
    expect(await ledgerKinds(fundId)).toEqual(["offline_income"]);
    // A pending refund counts against what is left to refund.
    expect((await refusalOf(recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 30001n, reason: "再退" }, evidence }))).fieldErrors).toEqual({ amount: "funds.refundOverOriginal" });
    const { entrySeq } = await decideRefund({ actor: supervisor, input: { refundId, decision: "approve" } });
    expect(entrySeq).toBe(2);
    expect(await ledgerKinds(fundId)).toEqual(["offline_income", "refund"]);
    expect(await balance(fundId)).toBe(30000n);
  });

  it("a donation refunded by a manual refund is marked refunded only at approval", async () => {
    const { fundId, manager, accountant } = await fundWithPeople("捐赠复核退款社区");
    await fundMoneyIn(fundId, 20000n, "stripe_clearing", "何先生");
    const [gift] = await db().insert(donations).values({ id: crypto.randomUUID(), fundId, donorName: "何先生", amountFen: 20000n, status: "succeeded", succeededAt: new Date() }).returning();
    await db().transaction((tx) => postEntry(tx, { fundId, kind: "donation", memo: "捐赠", source: { type: "donation", id: gift.id }, counterparty: "何先生", lines: [{ account: "stripe_clearing", debit: 20000n }, { account: "donations", credit: 20000n }] }));
    const { refundId } = await recordRefund({ actor: manager, fundId, input: { targetType: "donation", targetId: gift.id, amount: 20000n, reason: "捐赠人要求退还" }, evidence });
    expect((await db().select().from(donations).where(eq(donations.id, gift.id)))[0]).toMatchObject({ refundedFen: 0n, status: "succeeded" });
    await decideRefund({ actor: accountant, input: { refundId, decision: "approve" } });
    expect((await db().select().from(donations).where(eq(donations.id, gift.id)))[0]).toMatchObject({ refundedFen: 20000n, status: "refunded" });
  });
});
