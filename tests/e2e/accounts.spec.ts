import { expect, test } from "@playwright/test";
import { verifyContact } from "./outbox";

test("a visitor signs up, proves their number with the code sent to it, logs out, logs in again and switches the language", async ({ page, browser }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "欢迎来到三社联动平台" })).toBeVisible();
  await page.getByRole("link", { name: "注册" }).click();
  const phone = `137${Date.now().toString().slice(-8)}`;
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("称呼").fill("刘阿姨");
  await page.getByLabel("密码", { exact: false }).first().fill("e2e-password-1");
  await page.getByLabel("再次输入密码").fill("e2e-password-1");
  await page.getByRole("button", { name: "注册" }).click();
  await verifyContact(page, browser, phone);
  await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
  await expect(page.getByText("当前登录：刘阿姨")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: phone }).getByText("已验证")).toBeVisible();

  await page.getByRole("button", { name: "退出登录" }).click();
  await page.getByRole("link", { name: "登录" }).click();
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("密码").fill("e2e-password-1");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("当前登录：刘阿姨")).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "My account" })).toBeVisible();
  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
});

test("a login form with bad input shows messages beside the fields", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByText("请填写此项").first()).toBeVisible();
});
