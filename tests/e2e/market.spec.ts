import { expect, test } from "@playwright/test";
import { checkPage, logIn } from "./support";
import { stableId } from "../../seed/stable-id";

// The marketplace's service-need pages on a 360 px phone (scenario 4, 惠景社区): browsing and
// searching, a service need's public page and Q&A, recommendations with reasons, saved searches,
// and the staff's pages, each checked by axe; a bidder asks and staff answer by keyboard alone.
test.use({ viewport: { width: 360, height: 740 } });

const HUIJING = stableId("place:无锡市/梁溪区/演示街道/惠景社区");
const MEALS = stableId("service-need:huijing-meals");
const REHAB = stableId("service-need:huijing-drug-rehab");
const STAFF = "13900000031";
const SHANXING = "shanxing@sanshe.demo";

test("a visitor browses, searches in Chinese and reads a service need whose beneficiaries are a count, never names", async ({ page }) => {
  await checkPage(page, "/market");
  await page.getByLabel("关键词").fill("戒毒");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.getByRole("link", { name: "社区戒毒康复社会工作服务" })).toBeVisible();
  await expect(page.getByRole("link", { name: "惠景社区老年人助餐服务" })).toHaveCount(0);
  await checkPage(page, `/market?category=elderly_care&budgetMin=50000&deadlineBy=2099-01-01`);
  await expect(page.getByRole("link", { name: "惠景社区老年人助餐服务" })).toBeVisible();
  await checkPage(page, `/market/${REHAB}`);
  await expect(page.getByText("社区戒毒康复人员（约140人）")).toBeVisible();
  await expect(page.getByText("可以。社区党群服务中心二楼活动室")).toBeVisible();
  await expect(page.locator("main")).not.toContainText("善行");
});

test("善行 sees recommendations with their reasons, saves a search and asks a question by keyboard", async ({ page }) => {
  await logIn(page, SHANXING);
  await checkPage(page, "/market/recommended");
  await expect(page.getByText("在本组织的服务区域内（+40）").first()).toBeVisible();
  await expect(page.getByText("尚无结项项目，暂无信誉分，不计分").first()).toBeVisible();

  await checkPage(page, "/market?q=助餐");
  await page.getByLabel("名称").fill("助餐需求");
  await page.getByRole("button", { name: "保存搜索" }).click();
  await expect(page.getByRole("status")).toContainText("已保存");
  await expect(page.getByRole("link", { name: "助餐需求" })).toBeVisible();

  await checkPage(page, `/market/${MEALS}`);
  await page.getByLabel("您的问题").focus();
  await page.keyboard.type("送餐上门的老人名单由谁提供？");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("问题已提交");
});

test("惠景's staff list, post and manage service needs, told beside the field what is wrong, and answer by keyboard", async ({ page }) => {
  await logIn(page, STAFF);
  await checkPage(page, `/community/${HUIJING}/service-needs`);
  await checkPage(page, `/community/${HUIJING}/service-needs/new`);
  await page.getByLabel(/^标题/).fill("社区心理健康辅导");
  await page.getByLabel(/^需求说明/).fill("为社区居民提供心理健康讲座与个体辅导，每月两次。");
  await page.getByLabel(/^类别/).selectOption("other");
  await page.getByLabel(/^服务对象群体/).fill("有需要的社区居民");
  await page.getByLabel(/^大约人数/).fill("60");
  await page.getByLabel(/^服务开始日期/).fill("2027-03-01");
  await page.getByLabel(/^服务结束日期/).fill("2027-08-31");
  await page.getByLabel(/^最低预算/).fill("50000");
  await page.getByLabel(/^最高预算/).fill("30000");
  await page.getByLabel(/^方案截止时间/).fill("2099-01-01T17:00");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("最高预算不能低于最低预算")).toBeVisible();
  await expect(page.getByLabel(/^最高预算/)).toHaveAttribute("aria-invalid", "true");
  const results = await import("@axe-core/playwright").then(async ({ default: AxeBuilder }) => new AxeBuilder({ page }).analyze());
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await checkPage(page, `/community/${HUIJING}/service-needs/${MEALS}`);
  const answer = page.locator("textarea[name=answer]").first();
  await answer.focus();
  await page.keyboard.type("由社区网格员核实后提供，不对外公开。");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toContainText("已公开答复");
  await page.goto(`/market/${MEALS}`);
  await expect(page.getByText("由社区网格员核实后提供，不对外公开。")).toBeVisible();
});
