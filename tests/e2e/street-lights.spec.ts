import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { stableId } from "../../seed/stable-id";
import { verifyContact } from "./outbox";
import { checkPage, logIn } from "./support";

// Scenario 1 (docs/demo-stories.md): the street lights of 移民小区, on phones, from the need to
// the published result. The worker of the e2e server polls every 200 ms and tallies at the close.
test.use({ viewport: { width: 360, height: 740 } });

const STAFF = "13900000002";

async function phone(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  return { context, page: await context.newPage() };
}

/** A time as the datetime-local control takes it, in Beijing time, to the second. */
const beijing = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

test("a resident raises the street lights, staff triage it as 小事 and open a vote, three households vote, the worker closes it and the result page shows the passed option", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const suffix = Date.now().toString().slice(-5);
  const title = `移民小区路灯坏了 ${suffix}`;

  // 民事民提: the demo resident of 移民小区1栋 raises it.
  await logIn(page, "13900000001");
  await page.goto("/needs/new");
  await page.getByLabel("标题").fill(title);
  await page.getByLabel("详细描述").fill("移民小区的路灯坏了好几年，晚上一片漆黑，老人孩子出门容易摔倒。");
  await page.getByLabel("类别").selectOption({ label: "公共设施" });
  await page.getByLabel("可以公开展示这条诉求").check();
  await page.getByRole("button", { name: "提交诉求" }).click();
  await expect(page.getByText("诉求已提交，社区工作者会尽快分流处理。")).toBeVisible();
  const needPath = await page.locator("section.card").filter({ hasText: title }).getByRole("link", { name: title }).getAttribute("href");
  const needId = needPath!.split("/").pop()!;

  // 三事分流: staff of 桃花桥社区 triage it as 小事.
  const staffPhone = await phone(browser);
  const staff = staffPhone.page;
  await logIn(staff, STAFF);
  await staff.goto("/community");
  await staff.goto((await staff.getByRole("link", { name: "居民议事" }).getAttribute("href"))!);
  await expect(staff.getByRole("heading", { name: "桃花桥社区 · 议事投票" })).toBeVisible();
  const communityId = new URL(staff.url()).pathname.split("/")[2];
  await staff.goto(`/community/${communityId}/needs/${needId}`);
  await staff.getByRole("radio", { name: /小事/ }).check();
  await staff.getByRole("button", { name: "确认分流" }).click();
  await expect(staff.getByText("已分流为小事。")).toBeVisible();

  // A third household: a neighbour of 移民小区3栋 signs up, and staff register them as its resident.
  const neighbourPhone = `137${suffix}${Math.floor(Math.random() * 900 + 100)}`;
  const neighbour = await phone(browser);
  await neighbour.page.goto("/signup");
  await neighbour.page.getByLabel("手机号或邮箱").fill(neighbourPhone);
  await neighbour.page.getByLabel("称呼").fill("刘师傅");
  await neighbour.page.getByLabel("密码", { exact: false }).first().fill("e2e-password-1");
  await neighbour.page.getByLabel("再次输入密码").fill("e2e-password-1");
  await neighbour.page.getByRole("button", { name: "注册" }).click();
  // Staff can register only a number its holder has proved, with the code sent to it.
  await verifyContact(neighbour.page, browser, neighbourPhone);
  await expect(neighbour.page.getByRole("heading", { name: "我的账户" })).toBeVisible();

  await staff.goto(`/community/${communityId}/households`);
  await staff.getByRole("link", { name: "移民小区3栋", exact: true }).click();
  await staff.getByRole("region", { name: /移民小区3栋 的住户/ }).getByRole("link", { name: "1单元101" }).click();
  await staff.getByLabel("居民的手机号或邮箱").fill(neighbourPhone);
  await staff.getByRole("button", { name: "登记为本户居民" }).click();
  // Staff learn no name until the neighbour, asked, accepts on their own household page.
  await expect(staff.getByText("该号码已验证。已请居民本人确认")).toBeVisible();
  await expect(staff.getByRole("listitem").filter({ hasText: "刘师傅" })).toHaveCount(0);
  await neighbour.page.goto("/household");
  await neighbour.page.getByRole("button", { name: "接受加入 1单元101" }).click();
  await expect(neighbour.page.getByText("您已加入该住户，是本户已确认的居民。")).toBeVisible();
  await staff.reload();
  await expect(staff.getByRole("listitem").filter({ hasText: "刘师傅" })).toBeVisible();

  // 民事民议: staff open a vote of the 移民小区 grid on the need, closing in a short while.
  await staff.goto(`/community/${communityId}/deliberations`);
  await staff.getByRole("link", { name: "发起议事" }).click();
  await expect(staff.getByRole("heading", { name: "发起议事" })).toBeVisible();
  await staff.getByLabel(title).check();
  await staff.getByLabel("议题").fill("移民小区的路灯怎么修、钱从哪里来？");
  await staff.getByLabel("选项 1", { exact: true }).fill("每户打平伙");
  await staff.getByLabel("参与投票的范围").selectOption({ label: "网格：移民小区网格" });
  const closesAt = new Date(Date.now() + 45_000);
  await staff.getByLabel("投票截止时间").fill(beijing(closesAt));
  await staff.getByLabel("法定参与比例（%）").fill("3");
  await staff.getByRole("button", { name: "保存为草稿" }).click();
  await expect(staff.getByText("已保存草稿。")).toBeVisible();
  await staff.getByRole("button", { name: "开始投票" }).click();
  await expect(staff.getByText("投票已开始。")).toBeVisible();
  const deliberationPath = await staff.getByRole("link", { name: "查看公开页面" }).first().getAttribute("href");

  // 民事民决: three households vote, one vote each.
  const ballots: [Page, string][] = [
    [page, "每户打平伙"],
    [neighbour.page, "每户打平伙"],
  ];
  const second = await phone(browser);
  await logIn(second.page, "13900000011");
  ballots.push([second.page, "申请社区微基金"]);
  for (const [voter, choice] of ballots) {
    await voter.goto(deliberationPath!);
    await voter.getByRole("radio", { name: choice }).check();
    await voter.getByRole("button", { name: "投票" }).click();
    await expect(voter.getByText("已投票。截止前您或家人可以更改。")).toBeVisible();
  }
  // While voting, everyone sees how many households voted, and no counts.
  await page.reload();
  await expect(page.getByTestId("turnout")).toContainText("目前已有 3 户投票");
  await expect(page.getByRole("table")).toHaveCount(0);

  // The worker closes and tallies it at closesAt; anyone can read the result.
  const visitor = await phone(browser);
  await expect(async () => {
    await visitor.page.goto(deliberationPath!);
    await expect(visitor.page.getByTestId("outcome")).toContainText("“每户打平伙”获得通过", { timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [1000] });
  await expect(visitor.page.getByText(/参与投票：3 户/)).toBeVisible();
  await expect(visitor.page.getByRole("row", { name: /^每户打平伙/ })).toContainText("2");
  await expect(visitor.page.getByRole("row", { name: /^申请社区微基金/ })).toContainText("1");
  await expect(visitor.page.getByText("刘师傅")).toHaveCount(0);

  for (const c of [staffPhone.context, neighbour.context, second.context, visitor.context]) await c.close();
});

test("the deliberation pages pass axe at 360 px: the published results of scenarios 1 and 6, and the staff's pages", async ({ page }) => {
  test.setTimeout(150_000);
  // The demo's deliberations (seed/deliberations.ts) have stable ids.
  const streetLights = `/deliberations/${stableId("deliberation:taohuaqiao-street-lights")}`;
  await checkPage(page, streetLights);
  await expect(page.getByTestId("outcome")).toContainText("“每户打平伙”获得通过");
  await checkPage(page, `/deliberations/${stableId("deliberation:yuyuan-parking-2")}`);
  await expect(page.getByRole("link", { name: /上一轮/ })).toBeVisible();

  await logIn(page, STAFF);
  await page.goto("/community");
  await page.goto((await page.getByRole("link", { name: "居民议事" }).getAttribute("href"))!);
  await expect(page.getByRole("heading", { name: "桃花桥社区 · 议事投票" })).toBeVisible();
  const communityId = new URL(page.url()).pathname.split("/")[2];
  await checkPage(page, `/community/${communityId}/deliberations`);
  await expect(page.getByRole("link", { name: "移民小区的路灯怎么修、钱从哪里来？" }).first()).toBeVisible();
  await checkPage(page, `/community/${communityId}/deliberations/${stableId("deliberation:taohuaqiao-street-lights")}`);
  await checkPage(page, `/community/${communityId}/deliberations/new`);
  // The form's errors, reached and fixed by keyboard.
  await page.getByRole("textbox", { name: /^议题/ }).focus();
  await page.keyboard.press("Tab");
  await page.getByRole("button", { name: "保存为草稿" }).press("Enter");
  await expect(page.getByText("请至少选择一个需求")).toBeVisible();
  await expect(page.getByText("请填写此项").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
