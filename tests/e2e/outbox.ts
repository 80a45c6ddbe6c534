// The development outbox stands in for the SMS gateway and the mail server: a journey reads the
// one-time code sent to a person there, as the platform admin, the way the person reads their phone.
import { expect, type Browser, type Page } from "@playwright/test";
import { logIn } from "./support";

/** The code last sent to `to` (a number or an email). */
export async function codeSentTo(browser: Browser, to: string): Promise<string> {
  const context = await browser.newContext({ locale: "zh-CN" });
  const admin = await context.newPage();
  await logIn(admin, "admin@sanshe.demo");
  await admin.goto("/dev/outbox");
  const text = (await admin.locator("article").filter({ hasText: to }).first().textContent()) ?? "";
  await context.close();
  const code = text.match(/(?<!\d)\d{6}(?!\d)/)?.[0]; // not six digits of the number itself
  expect(code, `a code sent to ${to}`).toBeTruthy();
  return code!;
}

/** On the verify page sign-up ends on: types the code sent to `to`, and goes on. */
export async function verifyContact(page: Page, browser: Browser, to: string) {
  await expect(page.getByRole("heading", { name: "验证手机号或邮箱" })).toBeVisible();
  await page.getByLabel("验证码").fill(await codeSentTo(browser, to));
  await page.getByRole("button", { name: "验证", exact: true }).click();
}
