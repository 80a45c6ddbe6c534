import { expect } from "@playwright/test";
import { checkPage, test } from "./support";

// Scenario 3 (docs/demo-stories.md): 重庆民泰社区公益事业发展基金会 takes online donations. With no
// Stripe keys the local checkout page stands in for Stripe's, and its signed events go through the
// same webhook handler; the public ledger then shows the gift and its chain still verifies.
test.use({ viewport: { width: 360, height: 740 } });

test("a donor gives ¥50 through the local payment page, gets a receipt, and the foundation's public ledger shows it with an intact chain", async ({ page }) => {
  const donor = `陈女士${Date.now().toString().slice(-4)}`;
  await page.goto("/funds");
  await page.getByRole("link", { name: "重庆民泰社区公益事业发展基金会", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "重庆民泰社区公益事业发展基金会" })).toBeVisible();
  const fundPath = new URL(page.url()).pathname;
  await page.getByRole("link", { name: "我要捐赠" }).first().click();
  await expect(page).toHaveURL(/\/donate\//);

  // The donation form, by keyboard: ¥50, a name, WeChat Pay.
  await expect(page.getByRole("heading", { level: 1 })).toContainText("重庆民泰社区公益事业发展基金会");
  await page.getByRole("radio", { name: "50 元" }).check();
  await page.getByLabel("捐赠人姓名或称呼").fill(donor);
  await page.getByLabel("电子邮箱（选填）").fill("chen@example.cn");
  await page.getByLabel("留言（选填）").fill("支持社区互助");
  await page.getByRole("radio", { name: "微信支付" }).check();
  await page.getByRole("button", { name: "去支付" }).press("Enter");

  // The local checkout stands in for Stripe's hosted page.
  await expect(page.getByRole("heading", { name: "模拟收银台" })).toBeVisible();
  await expect(page.getByText("¥50.00")).toBeVisible();
  await checkPage(page, new URL(page.url()).pathname);
  await page.getByRole("button", { name: "确认支付" }).click();

  // The receipt: its number, the holder's full name and credit code, the amount.
  await expect(page.getByRole("heading", { name: "捐赠收据" })).toBeVisible();
  const receipt = page.locator("article.receipt");
  await expect(receipt).toContainText(/[0-9A-F]{8}-\d{4}-\d{6}/);
  await expect(receipt).toContainText(donor);
  await expect(receipt).toContainText("¥50.00");
  await expect(receipt).toContainText("重庆民泰社区公益事业发展基金会");
  await expect(receipt).toContainText("统一社会信用代码");
  await expect(page.getByRole("button", { name: "打印或保存为 PDF" })).toBeVisible();
  await checkPage(page, new URL(page.url()).pathname + new URL(page.url()).search);

  // The public ledger: the gift under the donor's name, less Stripe's fee (0.6%), and the chain verifies.
  await page.goto(`${fundPath}/ledger`);
  const row = page.getByRole("region", { name: "公开账目明细" }).getByRole("row").filter({ hasText: donor });
  await expect(row).toContainText("+¥49.70");
  await expect(row).toContainText("捐赠 ¥50.00，已扣支付手续费 ¥0.30");
  await page.getByRole("link", { name: "校验账目" }).click();
  await expect(page.getByText(/^完整：\d+ 条分录的哈希链全部吻合。$/)).toBeVisible();
});

test("the donation form says what is wrong beside the field, in Chinese, and passes axe at 360 px", async ({ page }) => {
  await page.goto("/funds");
  await page.getByRole("link", { name: "重庆民泰社区公益事业发展基金会", exact: true }).first().click();
  await page.getByRole("link", { name: "我要捐赠" }).first().click();
  await expect(page).toHaveURL(/\/donate\//);
  const donatePath = new URL(page.url()).pathname;
  await checkPage(page, donatePath);
  await page.getByRole("radio", { name: "其他金额" }).check();
  await page.getByLabel("其他金额（元）").fill("1");
  await page.getByRole("button", { name: "去支付" }).click();
  await expect(page.getByText("捐赠金额不能少于 ¥4.00（支付机构的最低限额）")).toBeVisible();
  await page.getByLabel("其他金额（元）").fill("88.8");
  await page.getByRole("button", { name: "去支付" }).click();
  await expect(page.getByText("请填写捐赠人姓名或称呼")).toBeVisible();
});
