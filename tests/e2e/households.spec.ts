import { expect, test } from "@playwright/test";
import { verifyContact } from "./outbox";
import { logIn } from "./support";

// On a phone: the staff do this at the counter, residents at home.
test.use({ viewport: { width: 360, height: 740 } });

test("community staff add a household, a new resident joins it with its code, and the staff confirm them", async ({ page, browser }) => {
  await logIn(page, "13900000002");
  await page.goto("/community");
  await page.getByRole("listitem").filter({ hasText: "桃花桥社区" }).getByRole("link", { name: "楼栋与住户" }).click();
  await expect(page.getByRole("heading", { name: "桃花桥社区 · 住户管理" })).toBeVisible();

  await page.getByRole("combobox", { name: /楼栋/ }).selectOption({ label: "移民小区3栋（移民小区网格）" });
  await page.getByLabel("门牌号").fill("2单元301");
  await page.getByRole("button", { name: "添加住户" }).click();
  await expect(page.getByRole("heading", { name: "移民小区3栋 2单元301" })).toBeVisible();
  const code = (await page.getByTestId("join-code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);

  // A neighbour signs up on their own phone and types the code by keyboard, as read out to them.
  const residentContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN" });
  const resident = await residentContext.newPage();
  await resident.goto("/signup?redirectTo=/household/join");
  const residentPhone = `136${Date.now().toString().slice(-8)}`;
  await resident.getByLabel("手机号或邮箱").fill(residentPhone);
  await resident.getByLabel("称呼").fill("赵大妈");
  await resident.getByLabel("密码", { exact: false }).first().fill("e2e-password-1");
  await resident.getByLabel("再次输入密码").fill("e2e-password-1");
  await resident.getByRole("button", { name: "注册" }).click();
  await verifyContact(resident, browser, residentPhone);
  await expect(resident.getByRole("heading", { name: "加入住户" })).toBeVisible();
  await resident.getByLabel("加入码").fill(`${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`);
  await resident.getByLabel("加入码").press("Enter");
  await expect(resident.getByRole("heading", { name: "我的住户" })).toBeVisible();
  await expect(resident.getByText("已申请加入，等待社区工作者核实确认。")).toBeVisible();

  // The staff see the request and confirm it.
  await page.getByRole("link", { name: "返回住户管理" }).click();
  await expect(page.getByRole("heading", { name: /待确认的居民/ })).toBeVisible();
  await page.getByRole("link", { name: "移民小区3栋 2单元301" }).click();
  await page.getByRole("button", { name: "确认 赵大妈" }).click();
  await expect(page.getByText("已确认该居民为本户居民。")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "赵大妈" }).getByText("已确认")).toBeVisible();

  await resident.reload();
  await expect(resident.getByText("社区已确认您是本户居民，您可以代表本户参与议事投票。")).toBeVisible();
  await residentContext.close();
});

test("staff ask a resident by number; the staff see only the masked number until the resident accepts from the notification", async ({ page, browser }) => {
  // A resident who is in no household yet signs up and proves their number.
  const residentContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN" });
  const resident = await residentContext.newPage();
  await resident.goto("/signup?redirectTo=/household");
  const residentPhone = `137${Date.now().toString().slice(-8)}`;
  await resident.getByLabel("手机号或邮箱").fill(residentPhone);
  await resident.getByLabel("称呼").fill("钱奶奶");
  await resident.getByLabel("密码", { exact: false }).first().fill("e2e-password-1");
  await resident.getByLabel("再次输入密码").fill("e2e-password-1");
  await resident.getByRole("button", { name: "注册" }).click();
  await verifyContact(resident, browser, residentPhone);

  await logIn(page, "13900000002");
  await page.goto("/community");
  await page.getByRole("listitem").filter({ hasText: "桃花桥社区" }).getByRole("link", { name: "楼栋与住户" }).click();
  await page.getByRole("combobox", { name: /楼栋/ }).selectOption({ label: "移民小区3栋（移民小区网格）" });
  await page.getByLabel("门牌号").fill("2单元302");
  await page.getByRole("button", { name: "添加住户" }).click();
  await page.getByLabel("居民的手机号或邮箱").fill(residentPhone);
  await page.getByRole("button", { name: "登记为本户居民" }).click();
  await expect(page.getByText("该号码已验证。已请居民本人确认")).toBeVisible();
  await expect(page.getByLabel("居民的手机号或邮箱")).toHaveValue("");
  const masked = `${residentPhone.slice(0, 3)}****${residentPhone.slice(-4)}`;
  await expect(page.getByRole("listitem").filter({ hasText: masked }).getByText("待居民确认")).toBeVisible();
  await expect(page.getByText("钱奶奶")).toHaveCount(0);

  // The resident is told, follows the notification and accepts.
  await expect(async () => {
    await resident.goto("/notifications");
    await expect(resident.getByRole("link", { name: "社区请您确认所在住户" })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await resident.getByRole("link", { name: "社区请您确认所在住户" }).click();
  await expect(resident.getByRole("heading", { name: "社区请您确认住户" })).toBeVisible();
  await resident.getByRole("button", { name: "接受加入 2单元302" }).click();
  await expect(resident.getByText("您已加入该住户，是本户已确认的居民。")).toBeVisible();
  await expect(resident.getByText("社区已确认您是本户居民，您可以代表本户参与议事投票。")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("listitem").filter({ hasText: "钱奶奶" }).getByText("已确认")).toBeVisible();
  await expect(page.getByText("待居民确认")).toHaveCount(0);
  await residentContext.close();
});
