import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { campaigns, deliberationOptions, deliberations, disbursements, funds } from "@db/schema";
import { seedDemo } from "@seed/index";
import { STREET_LIGHTS_DELIBERATION_ID } from "@seed/deliberations";
import { DONGLU_AWARD_DELIBERATION_ID } from "@seed/delivery";
import { DONGLU_FUND_ID, MINTA_CAMPAIGN_ID, MINTA_FUND_ID, MINTA_SUBFUND_ID, TAOHUAQIAO_FUND_ID } from "@seed/funds";
import { fundPage, ledgerPage } from "~/domains/funds/queries.server";
import { verifyStoredChain } from "~/domains/funds/verify.server";

describe("the demo funds", () => {
  it("tell scenario 2 (东路社区公益站: ¥11,000 from parking, recycling and a social enterprise, a 百家宴 on the board's resolution) and scenario 3 (民泰's ¥14,000,000, a restricted sub-fund and an active campaign)", async () => {
    expect(await seedDemo()).toBe("seeded");

    const donglu = (await ledgerPage(DONGLU_FUND_ID, {}))!;
    // Out: the 百家宴 on the board's resolution, and the 社区好人 award the residents voted for (seed/delivery.ts).
    expect(donglu.money).toMatchObject({ moneyIn: "1100000", moneyOut: "430000", balance: "670000" });
    expect(donglu.rows.map((r) => r.counterparty)).toEqual(["东路社区志愿者协会", "东路社区百家宴筹备组", "重庆市南岸区邻里乐社会企业服务有限公司", "东路社区可回收物兑换点", "东路社区临时停车场"]);
    expect(donglu.rows[1].link).toMatchObject({ type: "board" });
    const dongluPage = (await fundPage(DONGLU_FUND_ID, null))!;
    expect(dongluPage.holder).toMatchObject({ name: "重庆市南岸区南坪街道东路社区居民委员会" });
    expect(dongluPage.holder.creditCode).toMatch(/^11500108MB2345678.$/);

    const minta = (await fundPage(MINTA_FUND_ID, null))!;
    expect(minta.money.moneyIn).toBe("1400000000");
    expect(minta.subFunds.map((s) => s.id)).toEqual([MINTA_SUBFUND_ID]);
    expect(minta.campaigns.map((c) => [c.id, c.status])).toEqual([[MINTA_CAMPAIGN_ID, "active"]]);
    expect((await db().select().from(funds).where(eq(funds.id, MINTA_SUBFUND_ID)))[0]).toMatchObject({ kind: "sub_fund", parentFundId: MINTA_FUND_ID });
    expect((await db().select().from(campaigns).where(eq(campaigns.id, MINTA_CAMPAIGN_ID)))[0].deadline.getTime()).toBeGreaterThan(Date.now());

    for (const id of [DONGLU_FUND_ID, MINTA_FUND_ID, MINTA_SUBFUND_ID]) expect(await verifyStoredChain(id)).toMatchObject({ intact: true });
  });

  it("pay out as the rules say: a second person approved every disbursement, and a vote's payments stay within what its winning option said", async () => {
    await seedDemo();
    const paid = await db().select().from(disbursements);
    expect(paid.length).toBeGreaterThanOrEqual(3);
    for (const d of paid) {
      expect(d.status, d.purpose).toBe("approved");
      expect(d.decidedBy, d.purpose).not.toBeNull();
      expect(d.decidedBy, d.purpose).not.toBe(d.createdBy);
    }
    // 东路's 社区好人 award: the option residents chose said 东路社区公益站, at most ¥1,500, and ¥1,500 was paid.
    const [award] = await db()
      .select({ fundId: deliberationOptions.spendFundId, ceilingFen: deliberationOptions.spendCeilingFen })
      .from(deliberations)
      .innerJoin(deliberationOptions, eq(deliberationOptions.id, deliberations.winningOptionId))
      .where(eq(deliberations.id, DONGLU_AWARD_DELIBERATION_ID));
    expect(award).toEqual({ fundId: DONGLU_FUND_ID, ceilingFen: 150000n });
    const onAward = paid.filter((d) => d.deliberationId === DONGLU_AWARD_DELIBERATION_ID);
    expect(onAward.reduce((sum, d) => sum + d.amountFen, 0n)).toBe(150000n);
    // The street lights: 每户打平伙 won, spending from the 桃花桥社区微基金 up to ¥3,000.
    const [lights] = await db()
      .select({ label: deliberationOptions.label, fundId: deliberationOptions.spendFundId, ceilingFen: deliberationOptions.spendCeilingFen })
      .from(deliberations)
      .innerJoin(deliberationOptions, eq(deliberationOptions.id, deliberations.winningOptionId))
      .where(eq(deliberations.id, STREET_LIGHTS_DELIBERATION_ID));
    expect(lights).toEqual({ label: "每户打平伙", fundId: TAOHUAQIAO_FUND_ID, ceilingFen: 300000n });
  });
});
