// An option that spends money says so where residents vote: the fund and the ceiling, set by staff
// when drafting and fixed once the vote opens (issue 10, defect 2).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationOptions } from "@db/schema";
import { startProjectSchema } from "~/domains/delivery/schemas";
import { startProjectFromDecision } from "~/domains/delivery/start-project.server";
import { createDeliberation } from "~/domains/deliberations/create-deliberation.server";
import { openDeliberation } from "~/domains/deliberations/open-deliberation.server";
import { deliberationSchema } from "~/domains/deliberations/schemas";
import { toShanghaiLocal } from "~/domains/deliberations/window";
import { actorOf, createCommunity, createCommunityStaff, createFund, createOrg, createTriagedNeed, createUser, fundMoneyIn, refusalOf } from "../factories";
import { client, startTestApp, type TestApp } from "../factories/http";
import { decidedVote } from "../factories/votes";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const HOUR = 3600_000;
/** The database's own words when it refuses a write. */
const databaseRefusal = async (write: Promise<unknown>) => {
  const error = (await write.then(() => null, (e: unknown) => e)) as { message?: string; cause?: { message?: string } } | null;
  return error ? (error.cause?.message ?? error.message ?? "") : "written";
};

async function community(name: string) {
  const places = await createCommunity(name);
  const staffUser = await createCommunityStaff(places.community.id);
  const fund = await createFund({ communityId: places.community.id, name: `${name}微基金` });
  const need = await createTriagedNeed({ communityId: places.community.id, filedBy: (await createUser()).id, title: `${name}路灯坏了` });
  return { ...places, staff: await actorOf(staffUser), staffUser, fund, need };
}

/** The form as the browser sends it: options in their slots, spending beside its option. */
const form = (c: Awaited<ReturnType<typeof community>>, fields: Record<string, string>) =>
  deliberationSchema.safeParse({
    needIds: c.need.id,
    question: "路灯怎么修、钱从哪里来？",
    scopePlaceId: c.community.id,
    opensAt: toShanghaiLocal(new Date(Date.now() - 60_000)).slice(0, 16),
    closesAt: toShanghaiLocal(new Date(Date.now() + HOUR)).slice(0, 16),
    quorumPercent: "50",
    threshold: "simple_majority",
    ...fields,
  });

describe("an option that spends money", () => {
  it("is drafted with its fund and ceiling, and residents see them beside the option while they vote", async () => {
    const c = await community("看得见上限社区");
    const parsed = form(c, { option1: "每户打平伙", option3: "申请社区微基金", spendFund3: c.fund.id, spendCeiling3: "3,000", option4: "不处理" });
    expect(parsed.success).toBe(true);
    const draft = await createDeliberation({ actor: c.staff, communityId: c.community.id, input: parsed.data! });
    const options = await db().select().from(deliberationOptions).where(eq(deliberationOptions.deliberationId, draft.id)).orderBy(deliberationOptions.position);
    expect(options.map((o) => [o.label, o.spendFundId, o.spendCeilingFen])).toEqual([
      ["每户打平伙", null, null],
      ["申请社区微基金", c.fund.id, 300000n],
      ["不处理", null, null],
    ]);
    await openDeliberation({ actor: c.staff, deliberationId: draft.id });
    const page = await (await client(app).get(`/deliberations/${draft.id}`)).text();
    expect(page).toContain("从 看得见上限社区微基金 支出，不超过 ¥3,000.00");
  });

  it("is fixed once the vote opens: the database refuses a changed ceiling", async () => {
    const c = await community("上限固定社区");
    const parsed = form(c, { option1: "申请社区微基金", spendFund1: c.fund.id, spendCeiling1: "3000", option2: "不处理" });
    const draft = await createDeliberation({ actor: c.staff, communityId: c.community.id, input: parsed.data! });
    const spending = and(eq(deliberationOptions.deliberationId, draft.id), eq(deliberationOptions.position, 0));
    // While a draft, staff may still correct it…
    await db().update(deliberationOptions).set({ spendCeilingFen: 250000n }).where(spending);
    await openDeliberation({ actor: c.staff, deliberationId: draft.id });
    // …once residents can vote, nobody can.
    expect(await databaseRefusal(db().update(deliberationOptions).set({ spendCeilingFen: 9_900_000n }).where(spending))).toMatch(/fixed once it opened/);
    expect(await databaseRefusal(db().update(deliberationOptions).set({ label: "申请社区微基金（追加）" }).where(spending))).toMatch(/fixed once it opened/);
  });

  it("needs a fund of this community and a ceiling, each refused beside its own field", async () => {
    const c = await community("上限校验社区");
    const other = await community("别人的社区");
    const noFund = form(c, { option1: "申请社区微基金", spendCeiling1: "3000", option2: "不处理" });
    expect(noFund.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["spendFund1", "deliberations.spendChooseFund"]]);
    const badCeiling = form(c, { option1: "申请社区微基金", spendFund1: c.fund.id, spendCeiling1: "-5", option2: "不处理" });
    expect(badCeiling.error!.issues.map((i) => i.path.join("."))).toEqual(["spendCeiling1"]);
    const blank = form(c, { option1: "申请社区微基金", option2: "不处理", spendFund3: c.fund.id, spendCeiling3: "100" });
    expect(blank.error!.issues.map((i) => [i.path.join("."), i.message])).toEqual([["spendFund3", "deliberations.spendWithoutOption"]]);
    const elsewhere = form(c, { option1: "申请社区微基金", spendFund1: other.fund.id, spendCeiling1: "3000", option2: "不处理" });
    expect((await refusalOf(createDeliberation({ actor: c.staff, communityId: c.community.id, input: elsewhere.data! }))).fieldErrors).toEqual({ spendFund1: "deliberations.spendFundOutside" });
  });
});

describe("a project started on a vote", () => {
  const project = (deliberationId: string, fundId: string, providerOrgId: string, amount: string) =>
    startProjectSchema.parse({
      deliberationId,
      fundId,
      providerOrgId,
      title: "路灯修复",
      amount,
      budgetLabel: "路灯材料",
      milestoneTitle: "路灯安装完成",
      dueDate: new Date(Date.now() + 14 * 24 * HOUR).toISOString().slice(0, 10),
      indicator: "修复路灯",
      target: "27",
      unit: "个",
      evidenceRequired: "照片与发票",
      ratingBar: "none",
    });

  it("is refused on a vote won by 不处理 and beyond the winning option's ceiling, and started within it", async () => {
    const c = await community("项目上限社区");
    await fundMoneyIn(c.fund.id, 1_000_000n);
    const provider = await createOrg({ status: "verified" });
    const nothing = await decidedVote({ communityId: c.community.id, createdBy: c.staffUser.id, fundId: c.fund.id, ceilingFen: 300000n, winner: "nothing" });
    expect((await refusalOf(startProjectFromDecision({ actor: c.staff, communityId: c.community.id, input: project(nothing.id, c.fund.id, provider.id, "100") }))).fieldErrors).toEqual({
      deliberationId: "funds.deliberationSpendsNothing",
    });
    const vote = await decidedVote({ communityId: c.community.id, createdBy: c.staffUser.id, fundId: c.fund.id, ceilingFen: 300000n });
    expect((await refusalOf(startProjectFromDecision({ actor: c.staff, communityId: c.community.id, input: project(vote.id, c.fund.id, provider.id, "3000.01") }))).fieldErrors).toEqual({
      amount: "funds.overVoteCeiling",
    });
    await startProjectFromDecision({ actor: c.staff, communityId: c.community.id, input: project(vote.id, c.fund.id, provider.id, "3000") });
  });
});
