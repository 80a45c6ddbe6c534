import { expect, test } from "@playwright/test";
import { withCheckChar } from "../../app/domains/orgs/credit-code";
import { verifyContact } from "./outbox";

test("a new user registers an organisation, the platform admin verifies it, and the user is told", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString().slice(-7);
  const phone = `136${stamp.padStart(8, "0")}`;
  const name = `惠景社区向阳社工服务中心${stamp}`;

  // A new user signs up and registers an organisation.
  await page.goto("/signup");
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("称呼").fill("向主任");
  await page.getByLabel("密码", { exact: false }).first().fill("e2e-password-2");
  await page.getByLabel("再次输入密码").fill("e2e-password-2");
  await page.getByRole("button", { name: "注册" }).click();
  // Registering makes them an owner, so they prove the number first (the code waits in the development outbox).
  await verifyContact(page, browser, phone);
  await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();

  await page.getByRole("link", { name: "登记一个组织" }).click();
  await expect(page.getByRole("heading", { name: "登记组织" })).toBeVisible();
  await page.getByLabel("组织全称").fill(name);
  await page.getByLabel("组织类型").selectOption({ label: "社工机构" });
  await page.getByLabel("统一社会信用代码").fill(withCheckChar(`52320213MJ${stamp}`));
  await page.getByLabel("所在或管辖地区").selectOption({ label: "无锡市 / 梁溪区 / 演示街道 / 惠景社区" });
  await page.getByRole("checkbox", { name: "无锡市 / 梁溪区 / 演示街道 / 惠景社区" }).check();
  await page.getByLabel("联系电话").fill("0510-82345678");
  await page.getByLabel("简介").fill("为惠景社区长者提供上门探访服务。");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("本组织正在等待平台审核")).toBeVisible();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();

  // The platform admin verifies it from the review queue.
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill("admin@sanshe.demo");
  await page.getByLabel("密码").fill("sanshe-demo-2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
  await page.getByRole("link", { name: "管理" }).click();
  await page.getByRole("link", { name: "组织审核" }).click();
  await expect(page.getByText("校验码不符，需人工核验").first()).toBeVisible(); // the seeded pilot-era 惠心园
  await page.getByRole("link", { name }).click();
  await page.getByRole("button", { name: "通过认证" }).click();
  await expect(page.getByText(`已处理：${name}`)).toBeVisible();
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByRole("link", { name: "登录" })).toBeVisible();

  // The new user logs in and finds the notification the worker delivered.
  await page.goto("/login");
  await page.getByLabel("手机号或邮箱").fill(phone);
  await page.getByLabel("密码").fill("e2e-password-2");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { name: "我的账户" })).toBeVisible();
  // The worker polls every 200 ms; the page shows what has arrived when it loads, so look again until it has.
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: `${name} 已通过认证` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole("link", { name: `${name} 已通过认证` }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("已认证")).toBeVisible();

  // And the public list shows it to everyone.
  await page.goto(`/orgs?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name })).toBeVisible();
});
