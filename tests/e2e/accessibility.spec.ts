// Every page built so far, checked by axe (no serious or critical violations) and at a 360 px phone
// width (nothing wider than the screen), as a visitor and as the people who use it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

const DEMO_PASSWORD = "sanshe-demo-2026";

async function logIn(page: Page, login: string) {
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill(login);
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function checkPage(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${path}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path} is wider than a 360 px screen`).toBeLessThanOrEqual(0);
}

test.use({ viewport: { width: 360, height: 740 } });

const PUBLIC_PAGES = ["/", "/login", "/signup", "/orgs", "/no-such-page"];

test("public pages pass axe at 360 px, in Chinese and in English", async ({ page }) => {
  for (const path of PUBLIC_PAGES) await checkPage(page, path);
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  for (const path of PUBLIC_PAGES) await checkPage(page, path);
});

test("a resident's pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "13900000001");
  for (const path of ["/account", "/notifications", "/orgs/new", "/household/join"]) await checkPage(page, path);
});

test("an organisation admin's pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "shanxing@sanshe.demo");
  await page.goto("/account");
  await page.getByRole("link", { name: "无锡市梁溪区善行社会工作服务中心" }).click();
  const orgPath = new URL(page.url()).pathname;
  for (const path of [orgPath, `${orgPath}/manage`]) await checkPage(page, path);
});

test("community staff pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "13900000002");
  await checkPage(page, "/community");
  await page.getByRole("link", { name: /桃花桥社区/ }).first().click();
  await checkPage(page, new URL(page.url()).pathname);
});

test("the platform admin's pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "admin@sanshe.demo");
  for (const path of ["/admin", "/admin/orgs", "/admin/places", "/admin/audit", "/dev/outbox"]) await checkPage(page, path);
});
