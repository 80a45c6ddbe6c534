import { expect, test, type Browser, type Page } from "@playwright/test";
import { stableId } from "../../seed/stable-id";
import { photoTakenAt } from "../factories/delivery";
import { checkPage, logIn } from "./support";

// Scenario 1 (docs/demo-stories.md) to the end, on phones: the demo's street-lights project
// (seed/delivery.ts, started from 移民小区's vote and paid for by the households' contributions
// in the 桃花桥社区微基金) is reported by the owners' committee with a night photo, accepted by
// community staff, co-signed by the 监委会 and rated by three households; the last rating lifts it
// over the bar and ¥3,000 leaves the fund on the public ledger.
test.use({ viewport: { width: 360, height: 740 } });

const PROJECT = `/projects/${stableId("project:taohuaqiao-street-lights")}`;
const FUND = `/funds/${stableId("fund:taohuaqiao-micro-fund")}`;
const OWNERS_COMMITTEE = "13900000010";
const STAFF = "13900000002";
const SUPERVISOR = "13900000017";
const HOUSEHOLDS = ["13900000001", "13900000011", "13900000019"];

async function phone(browser: Browser, login: string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  await logIn(page, login);
  return { context, page };
}

/** The texts of the project's timeline, in the order the page lists them. */
async function timeline(page: Page) {
  return page.getByRole("region", { name: "项目进程" }).getByRole("listitem").allInnerTexts();
}

test("the street-lights milestone is reported with a photo, staff accept, a supervisor co-signs, three households rate it, ¥3,000 leaves the micro-fund on the public ledger, and the timeline shows every step from the resident's need", async ({ page, browser }) => {
  test.setTimeout(180_000);

  // 民事民办: the owners' committee reports the milestone, with the night photo the lights were fitted.
  await logIn(page, OWNERS_COMMITTEE);
  await page.goto(PROJECT);
  await expect(page.getByRole("heading", { level: 1, name: "移民小区路灯修复" })).toBeVisible();
  await page.getByRole("link", { name: /路灯安装完成/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /路灯安装完成/ })).toBeVisible();
  const milestone = new URL(page.url()).pathname;
  await page.getByLabel("本阶段做了什么").fill("业委会比较三家报价后购买了 27 套 LED 路灯，小区电工张师傅义务安装，27 个单元的路灯都已点亮。");
  await page.getByLabel(/修复路灯实际完成/).fill("27");
  await page.getByLabel(/路灯材料实际支出/).fill("3000");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByText("草稿已保存。")).toBeVisible();
  await page.getByLabel("添加证明材料").setInputFiles({
    name: "路灯夜间照片.jpg",
    mimeType: "image/jpeg",
    buffer: Buffer.from(photoTakenAt({ takenAt: "2026:11:20 19:30:00", latitude: 29.5, longitude: 106.6 })),
  });
  await page.getByRole("button", { name: "上传", exact: true }).click();
  await expect(page.getByText("证明材料已上传。")).toBeVisible();
  await page.getByRole("button", { name: "提交报告" }).click();
  await expect(page.getByText("报告已提交，等待社区验收；居民评价已开始。")).toBeVisible();
  await checkPage(page, milestone);

  // 验收: community staff accept; the community's own money also waits for the 监委会.
  const staff = await phone(browser, STAFF);
  await staff.page.goto(milestone);
  await staff.page.getByRole("button", { name: "验收通过" }).click();
  await expect(staff.page.getByText("等待监委会会签").first()).toBeVisible();
  await checkPage(staff.page, milestone);

  const supervisor = await phone(browser, SUPERVISOR);
  await supervisor.page.goto(milestone);
  await supervisor.page.getByRole("button", { name: "会签", exact: true }).click();
  await expect(supervisor.page.getByText("等待居民评价达到验收要求").first()).toBeVisible();

  // 民事民评: three households of 移民小区 rate it; the third lifts it over the bar (3.5 from 3 households).
  for (const [i, login] of HOUSEHOLDS.entries()) {
    const resident = await phone(browser, login);
    await resident.page.goto(`${milestone}/rate`);
    if (i === 0) await checkPage(resident.page, `${milestone}/rate`);
    await resident.page.getByRole("radio", { name: i === 2 ? "4 分：满意" : "5 分：很满意" }).check();
    await resident.page.getByLabel(/说说您的看法/).fill("晚上出门亮堂多了，谢谢业委会和张师傅。");
    await resident.page.getByRole("button", { name: "提交评价" }).click();
    await expect(resident.page.getByText("谢谢！您家的评价已记录。")).toBeVisible();
    await resident.context.close();
  }
  await page.goto(milestone);
  await expect(page.getByText("已拨付").first()).toBeVisible();

  // The money left the micro-fund as a ledger entry anyone can read and verify.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const reader = await visitor.newPage();
  await reader.goto(`${FUND}/ledger`);
  const row = reader.getByRole("region", { name: "公开账目明细" }).getByRole("row").filter({ hasText: "桃花桥社区移民小区业主委员会" });
  await expect(row).toContainText("支出");
  await expect(row).toContainText("¥3,000.00");
  await expect(reader.getByTestId("ledger-balance")).toHaveText("¥240.00");
  await reader.getByRole("link", { name: "校验账目" }).click();
  await expect(reader.getByText(/^完整：\d+ 条分录的哈希链全部吻合。$/)).toBeVisible();

  // The project's timeline, for anyone: from the resident's need to the payment, in order.
  await checkPage(reader, PROJECT);
  const steps = await timeline(reader);
  const expected = [
    "居民提出需求",
    "三事分流：小事",
    "议事投票开始",
    "投票通过：每户打平伙",
    "项目启动：移民小区路灯修复",
    "提交第 1 版报告",
    "社区验收通过",
    "监委会会签",
    "3 户居民评价",
    "从基金拨付 ¥3,000.00",
  ];
  const positions = expected.map((text) => steps.findIndex((s) => s.includes(text)));
  expect(positions.filter((p) => p < 0).length, `timeline: ${steps.join(" | ")}`).toBe(0);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
  // Public: no resident's name on it.
  for (const name of ["王秀英", "张建国", "杨桂芳"]) await expect(reader.getByText(name)).toHaveCount(0);

  for (const c of [staff.context, supervisor.context, visitor]) await c.close();
});

test("东路社区's finished 社区好人 award shows a visitor its whole chain, its payment linked to the 公益站's ledger", async ({ page }) => {
  const project = `/projects/${stableId("project:donglu-good-neighbours")}`;
  await checkPage(page, project);
  const steps = await timeline(page);
  for (const text of ["居民提出需求", "投票通过", "3 户居民评价", "从基金拨付 ¥1,500.00", "项目完成"]) expect(steps.some((s) => s.includes(text)), `${text} in ${steps.join(" | ")}`).toBe(true);
  await expect(page.getByRole("link", { name: /从基金拨付 ¥1,500.00/ })).toHaveAttribute("href", new RegExp(`^/funds/${stableId("fund:donglu-gongyizhan")}/ledger`));
  for (const name of ["何阿姨", "罗大爷", "唐女士"]) await expect(page.getByText(name)).toHaveCount(0);
});
