// Dashboards on a phone: community staff reach theirs from /community, the street office from its
// inbox; both pages, their filters and the public totals pass axe at 360 px. (The demo data has no
// project in delivery yet, so the charts show "暂无数据" here; the figures are tested in
// tests/integration/dashboards.test.ts.)
import { expect, test } from "@playwright/test";
import { checkPage, logIn } from "./support";
import { stableId } from "../../seed/stable-id";

test.use({ viewport: { width: 360, height: 740 } });

const TAOHUAQIAO = stableId("place:重庆市/南岸区/长生桥镇/桃花桥社区");
const NANPING = stableId("place:重庆市/南岸区/南坪街道");

test("community staff open their dashboard from /community, filter it and find the CSV; the page passes axe at 360 px", async ({ page }) => {
  await logIn(page, "13900000002");
  await page.goto("/community");
  await page.getByRole("listitem").filter({ hasText: "桃花桥社区" }).getByRole("link", { name: "项目数据看板" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "桃花桥社区 · 项目数据看板" })).toBeVisible();
  await checkPage(page, new URL(page.url()).pathname);

  await page.getByRole("combobox", { name: "服务类别" }).selectOption("elderly_care");
  await page.getByLabel("起始日期").fill("2026-01-01");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/category=elderly_care/);
  await expect(page.getByRole("link", { name: "导出 CSV（仅汇总数字）" })).toHaveAttribute("href", /dashboard\.csv\?.*category=elderly_care/);
  await checkPage(page, `/community/${TAOHUAQIAO}/dashboard?category=elderly_care&from=2026-01-01`);
});

test("the street office's dashboard and a community's public totals pass axe at 360 px", async ({ page }) => {
  await checkPage(page, `/c/${TAOHUAQIAO}`);
  await expect(page.getByRole("heading", { name: "项目成效" })).toBeVisible();
  await logIn(page, "13900000013");
  await page.goto(`/street/${NANPING}/needs`);
  await page.getByRole("link", { name: "项目数据看板" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /南坪街道.*各社区项目数据看板/ })).toBeVisible();
  await checkPage(page, new URL(page.url()).pathname);
  await expect(page.getByRole("heading", { name: "分社区汇总" })).toBeVisible();
});
