import { expect, test, type Browser } from "@playwright/test";
import { checkPage, logIn } from "./support";

// Scenario 2 (docs/demo-stories.md): 东路社区公益站 on phones. The elected accountant records
// recycling income with its receipt, the supervisory committee approves it, and anyone can see it
// in the public ledger and check that the chain is intact.
test.use({ viewport: { width: 360, height: 740 } });

const ACCOUNTANT = "13900000007";
const SUPERVISOR = "13900000008";

async function phone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  return { context, page: await context.newPage() };
}

test("the accountant records ¥500 of recycling income, the supervisor approves it, and the public ledger shows it with the new balance and an intact chain", async ({ page, browser }) => {
  const payer = `东路社区废品回收站 ${Date.now().toString().slice(-5)}`;

  // The public page before: ¥6,700.00 held (¥11,000 in, the 百家宴 and the 社区好人 award paid).
  await page.goto("/funds");
  await page.getByRole("link", { name: "东路社区公益站" }).click();
  await expect(page.getByRole("heading", { name: "东路社区公益站" })).toBeVisible();
  await expect(page.getByTestId("fund-balance")).toHaveText("¥6,700.00");
  await expect(page.getByText("重庆市南岸区南坪街道东路社区居民委员会")).toBeVisible();
  const fundPath = new URL(page.url()).pathname;

  // 孙会计 records the income with a PDF of the receipt, by keyboard-labelled controls.
  const accountant = await phone(browser);
  await logIn(accountant.page, ACCOUNTANT);
  await accountant.page.goto(fundPath);
  await accountant.page.getByRole("link", { name: "管理这个基金" }).click();
  await accountant.page.getByRole("link", { name: "录入线下收入" }).click();
  await accountant.page.getByLabel("收入来源").selectOption({ label: "回收收入" });
  await accountant.page.getByLabel("付款方").fill(payer);
  await accountant.page.getByLabel("金额（元）").fill("500");
  await accountant.page.getByLabel("说明").fill("七月废品回收变卖收入");
  await accountant.page.getByLabel("凭证（照片或 PDF）").setInputFiles({ name: "回收收据.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n") });
  await accountant.page.getByRole("button", { name: "提交复核" }).click();
  await expect(accountant.page.getByText("已录入，等待另一位管理人或监委会成员复核。")).toBeVisible();
  // Not in the ledger yet, and the accountant cannot approve their own entry.
  const own = accountant.page.locator("article").filter({ hasText: payer });
  await expect(own.getByText("这是您录入的，须由另一位管理人或监委会成员复核。")).toBeVisible();
  await expect(own.getByRole("button", { name: "复核通过并入账" })).toHaveCount(0);
  await accountant.context.close();

  // 吴主任 of the supervisory committee approves it.
  const supervisor = await phone(browser);
  await logIn(supervisor.page, SUPERVISOR);
  await supervisor.page.goto(`${fundPath}/manage`);
  const entry = supervisor.page.locator("article").filter({ hasText: payer });
  await expect(entry.getByRole("link", { name: "查看凭证" })).toBeVisible();
  await entry.getByRole("button", { name: "复核通过并入账" }).click();
  await expect(supervisor.page.getByText(/已复核通过，记入账目第 \d+ 笔。/)).toBeVisible();
  await supervisor.context.close();

  // Anyone: the public ledger shows it and the new balance, and the chain is intact.
  await page.goto(`${fundPath}/ledger`);
  const ledger = page.getByRole("region", { name: "公开账目明细" });
  const row = ledger.getByRole("row").filter({ hasText: payer });
  await expect(row).toContainText("线下收入");
  await expect(row).toContainText("+¥500.00");
  await expect(row).toContainText("¥7,200.00");
  await expect(page.getByTestId("ledger-balance")).toHaveText("¥7,200.00");
  await page.getByRole("link", { name: "校验账目" }).click();
  await expect(page.getByText(/^完整：\d+ 条分录的哈希链全部吻合。$/)).toBeVisible();
});

test("the fund pages pass axe at 360 px, for a visitor and for the fund's people", async ({ page }) => {
  const open = async (name: string) => {
    await page.getByRole("link", { name, exact: true }).first().click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    return new URL(page.url()).pathname;
  };
  await page.goto("/funds");
  const foundation = await open("重庆民泰社区公益事业发展基金会");
  const campaign = await open("社区互助组织孵化计划");
  await page.goto("/funds");
  const fund = await open("东路社区公益站");
  for (const path of ["/funds", foundation, campaign, fund, `${fund}/ledger`, `${fund}/ledger?kind=offline_income`, `${fund}/verify`]) await checkPage(page, path);
  await logIn(page, ACCOUNTANT);
  await page.goto(`${fund}/manage`);
  await expect(page.getByRole("heading", { level: 1, name: "东路社区公益站 · 基金管理" })).toBeVisible();
  for (const path of ["manage", "manage/income", "manage/disburse", "manage/refund", "manage/campaigns"]) await checkPage(page, `${fund}/${path}`);
});
