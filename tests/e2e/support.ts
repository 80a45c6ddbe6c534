// What every journey needs: signing in as a demo person, and checking a page the way a person on a
// phone with a screen reader would meet it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test as base, type Page } from "@playwright/test";

/**
 * Playwright's test, failing any journey in which the page's Content-Security-Policy refused a
 * script or a style (Chromium reports each refusal on the console): hydration needs every one.
 */
export const test = base.extend<{ cspRefusals: string[] }>({
  cspRefusals: [
    async ({ page }, use) => {
      const refusals: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
      });
      await use(refusals);
      expect(refusals, "the page's Content-Security-Policy refused something").toEqual([]);
    },
    { auto: true },
  ],
});

export const DEMO_PASSWORD = "sanshe-demo-2026";

export async function logIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
}

/** axe finds no serious or critical violation, and nothing is wider than the screen. */
export async function checkPage(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator("main")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${path}: ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${path} is wider than the screen`).toBeLessThanOrEqual(0);
}
