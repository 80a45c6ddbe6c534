// Money that waits for a second person (ADR 0017) is announced: whoever may approve it is told when
// it is proposed, and its maker is told how it was decided. Notices are enqueued in the proposal's
// own transaction, so a proposal that rolls back tells nobody.
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "@db/client";
import { quietLogger } from "@db/migrate";
import { disbursements, notifications, users } from "@db/schema";
import { decideDisbursement } from "~/domains/funds/decide-disbursement.server";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { decideRefund } from "~/domains/funds/decide-refund.server";
import { disburse } from "~/domains/funds/disburse.server";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { recordRefund } from "~/domains/funds/record-refund.server";
import { disburseSchema, recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { parseInput } from "~/utils/forms.server";
import { fundMoneyIn, fundWithPeople, jpegBytes, temporaryStorage } from "../factories";
import { taskList } from "../../workers/run";

const storage = temporaryStorage("sanshe-approval-notices-");
afterAll(() => storage.remove());

const evidence = { bytes: jpegBytes(), contentType: "image/jpeg" as const };
const toResident = (purpose = "邻里百家宴食材") =>
  parseInput(disburseSchema, { payeeType: "individual", payeeName: "赵秀英", purpose, amount: "300", authority: "board_approval", boardResolution: "管委会决议〔2025〕第 3 号" });
const cashGift = parseInput(recordOfflineIncomeSchema, { source: "cash_gift", payerName: "李阿姨", amount: "800", receivedOn: "2025-06-01", description: "居民现金捐赠" });

const runWorker = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger });
const noticesOf = async (userId: string, about?: "refund") =>
  (await db().select().from(notifications).where(eq(notifications.userId, userId)).orderBy(notifications.createdAt)).filter((n) => !about || n.kind.startsWith(`${about}.`));
const speaksEnglish = (userId: string) => db().update(users).set({ locale: "en" }).where(eq(users.id, userId));

describe("a disbursement waiting for a second person", () => {
  it("tells the fund's supervisor and its other manager, never the maker, in their language, linking to the manage page, without the resident payee's name", async () => {
    const { fundId, manager, managerUser, supervisorUser, accountantUser } = await fundWithPeople("待审通知社区");
    await fundMoneyIn(fundId, 100000n);
    await speaksEnglish(supervisorUser.id);
    await disburse({ actor: manager, fundId, input: toResident(), evidence });
    await runWorker();

    const [forSupervisor] = await noticesOf(supervisorUser.id);
    expect(forSupervisor).toMatchObject({ kind: "disbursement.waiting", link: `/funds/${fundId}/manage` });
    expect(forSupervisor.title).toContain("approve");
    expect(forSupervisor.body).toContain("¥300.00");
    const [forOtherManager] = await noticesOf(accountantUser.id);
    expect(forOtherManager).toMatchObject({ kind: "disbursement.waiting", link: `/funds/${fundId}/manage` });
    expect(forOtherManager.title).toContain("待审批");
    for (const notice of [forSupervisor, forOtherManager]) expect(`${notice.title} ${notice.body}`).not.toContain("赵秀英");
    expect(await noticesOf(managerUser.id)).toEqual([]);
  });

  it("tells the maker it was approved, and tells the checker nothing more", async () => {
    const { fundId, manager, managerUser, supervisor, supervisorUser } = await fundWithPeople("批准通知社区");
    await fundMoneyIn(fundId, 100000n);
    const { disbursementId } = await disburse({ actor: manager, fundId, input: toResident(), evidence });
    await decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "approve" } });
    await runWorker();

    const told = await noticesOf(managerUser.id);
    expect(told.map((n) => n.kind)).toEqual(["disbursement.approved"]);
    expect(told[0]).toMatchObject({ link: `/funds/${fundId}/manage` });
    expect(told[0].body).toContain("¥300.00");
    expect((await noticesOf(supervisorUser.id)).map((n) => n.kind)).toEqual(["disbursement.waiting"]);
  });

  it("tells the maker it was sent back, with the checker's reason", async () => {
    const { fundId, manager, managerUser, supervisor } = await fundWithPeople("退回通知社区");
    await fundMoneyIn(fundId, 100000n);
    const { disbursementId } = await disburse({ actor: manager, fundId, input: toResident(), evidence });
    await decideDisbursement({ actor: supervisor, input: { disbursementId, decision: "reject", reason: "决议文件缺少签章" } });
    await runWorker();

    const [told] = await noticesOf(managerUser.id);
    expect(told).toMatchObject({ kind: "disbursement.rejected", link: `/funds/${fundId}/manage` });
    expect(told.body).toContain("决议文件缺少签章");
  });

  it("tells nobody of a proposal that rolled back", async () => {
    const { fundId, manager, managerUser, supervisorUser, accountantUser } = await fundWithPeople("回滚通知社区");
    await fundMoneyIn(fundId, 100000n);
    // Refused at commit, after everything in the transaction has run (the notices' jobs included).
    await db().execute(sql`
      create function refuse_rollback_test() returns trigger language plpgsql as $$
      begin if new.purpose = '回滚测试' then raise exception 'refused at commit'; end if; return new; end $$;
      create constraint trigger refuse_rollback_test after insert on disbursements deferrable initially deferred
        for each row execute function refuse_rollback_test();`);
    try {
      await expect(disburse({ actor: manager, fundId, input: toResident("回滚测试"), evidence })).rejects.toThrow();
    } finally {
      await db().execute(sql`drop trigger refuse_rollback_test on disbursements; drop function refuse_rollback_test();`);
    }
    await runWorker();

    expect(await db().select().from(disbursements).where(eq(disbursements.fundId, fundId))).toEqual([]);
    for (const user of [managerUser, supervisorUser, accountantUser]) expect(await noticesOf(user.id)).toEqual([]);
  });
});

describe("a manual refund waiting for a second person", () => {
  it("tells the checkers when requested, and the requester, with the reason, when it is sent back", async () => {
    const { fundId, accountant, manager, managerUser, supervisor, supervisorUser } = await fundWithPeople("退款通知社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: cashGift, evidence });
    await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
    const { refundId } = await recordRefund({ actor: manager, fundId, input: { targetType: "offline_income", targetId: incomeId, amount: 50000n, reason: "捐赠人家中急用" }, evidence });
    await runWorker();
    expect((await noticesOf(supervisorUser.id)).map((n) => n.kind)).toEqual(["offline_income.waiting", "refund.waiting"]);
    expect(await noticesOf(managerUser.id, "refund")).toEqual([]);

    await decideRefund({ actor: supervisor, input: { refundId, decision: "reject", reason: "缺少捐赠人签字" } });
    await runWorker();
    const [told] = await noticesOf(managerUser.id, "refund");
    expect(told).toMatchObject({ kind: "refund.rejected", link: `/funds/${fundId}/manage` });
    expect(told.body).toContain("缺少捐赠人签字");
    expect(told.body).toContain("¥500.00");
  });
});

describe("offline income waiting for a second person", () => {
  it("tells the checkers when recorded (not the recorder, nor the payer's name), and the recorder once approved or sent back", async () => {
    const { fundId, accountant, accountantUser, manager, managerUser, supervisor, supervisorUser } = await fundWithPeople("线下收入通知社区");
    const { incomeId } = await recordOfflineIncome({ actor: accountant, fundId, input: cashGift, evidence });
    await runWorker();
    const waiting = [...(await noticesOf(managerUser.id)), ...(await noticesOf(supervisorUser.id))];
    expect(waiting.map((n) => n.kind)).toEqual(["offline_income.waiting", "offline_income.waiting"]);
    for (const notice of waiting) {
      expect(notice.link).toBe(`/funds/${fundId}/manage`);
      expect(`${notice.title} ${notice.body}`).not.toContain("李阿姨");
    }
    expect(await noticesOf(accountantUser.id)).toEqual([]);

    await decideOfflineIncome({ actor: supervisor, input: { incomeId, decision: "approve" } });
    const second = await recordOfflineIncome({ actor: accountant, fundId, input: cashGift, evidence });
    await decideOfflineIncome({ actor: manager, input: { incomeId: second.incomeId, decision: "reject", reason: "收据金额与登记不符" } });
    await runWorker();
    const told = await noticesOf(accountantUser.id);
    expect(told.map((n) => n.kind).sort()).toEqual(["offline_income.approved", "offline_income.rejected"]);
    expect(told.find((n) => n.kind === "offline_income.rejected")!.body).toContain("收据金额与登记不符");
  });
});
