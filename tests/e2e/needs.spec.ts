import { expect } from "@playwright/test";
import { logIn, checkPage, test } from "./support";
import { stableId } from "../../seed/stable-id";

// On a phone: residents raise needs from home, staff triage them between other work.
test.use({ viewport: { width: 360, height: 740 } });

/** A tiny JPEG carrying an EXIF block with a GPS position, as phones write them. */
function tinyJpeg(): Buffer {
  const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", "latin1")),
    segment(0xe1, Buffer.from("Exif\0\0MM\0*GPSLatitude=29.5N;GPSLongitude=106.5E", "latin1")),
    segment(0xdb, Buffer.alloc(65, 1)),
    Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]),
    Buffer.alloc(32, 0x55),
    Buffer.from([0xff, 0xd9]),
  ]);
}

test("a resident raises a need with a photo, staff triage it as 小事 from their inbox, and the resident sees the new status", async ({ page, browser }) => {
  const title = `移民小区3栋楼道灯不亮 ${Date.now().toString().slice(-5)}`;
  await logIn(page, "13900000001");
  await page.goto("/needs/new");
  await expect(page.getByRole("heading", { name: "提出诉求（民事民提）" })).toBeVisible();
  await page.getByLabel("标题").fill(title);
  await page.getByLabel("详细描述").fill("3栋二楼到五楼的楼道灯都不亮了，晚上上下楼要摸黑，老人很不方便。");
  await page.getByLabel("类别").selectOption({ label: "公共设施" });
  // The place defaults to the resident's own building.
  await expect(page.getByLabel("地点")).toHaveValue(/.+/);
  await page.getByLabel("照片（可选）").setInputFiles({ name: "楼道.jpg", mimeType: "image/jpeg", buffer: tinyJpeg() });
  await page.getByLabel("可以公开展示这条诉求").check();
  await page.getByRole("button", { name: "提交诉求" }).click();

  await expect(page.getByRole("heading", { name: "我的诉求" })).toBeVisible();
  await expect(page.getByText("诉求已提交，社区工作者会尽快分流处理。")).toBeVisible();
  const card = page.locator("section.card").filter({ hasText: title });
  await expect(card.getByText("待分流", { exact: true })).toBeVisible();
  await expect(card.getByText("居民提出诉求")).toBeVisible();
  await card.getByRole("link", { name: title }).click();
  await expect(page.getByRole("img", { name: "诉求照片 1" })).toBeVisible();

  // The staff member is told by the worker, and works from the inbox.
  const staffContext = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "zh-CN" });
  const staff = await staffContext.newPage();
  await logIn(staff, "13900000002");
  await expect(async () => {
    await staff.goto("/notifications");
    await expect(staff.getByRole("link", { name: `新的居民诉求：${title}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await staff.getByRole("link", { name: `新的居民诉求：${title}` }).click();
  await staff.getByRole("link", { name: "返回诉求列表" }).click();
  await expect(staff.getByRole("heading", { name: "桃花桥社区 · 居民诉求" })).toBeVisible();
  await staff.getByLabel("搜索").fill("楼道灯");
  await staff.getByLabel("搜索").press("Enter");
  await staff.getByRole("region", { name: "诉求列表" }).getByRole("link", { name: title }).click();

  await expect(staff.getByRole("heading", { name: title })).toBeVisible();
  await staff.getByRole("radio", { name: /小事/ }).check();
  await staff.getByRole("button", { name: "确认分流" }).click();
  await expect(staff.getByText("已分流为小事。")).toBeVisible();
  await staffContext.close();

  await page.goto("/needs/mine");
  const after = page.locator("section.card").filter({ hasText: title });
  await expect(after.getByText("已分流", { exact: true })).toBeVisible();
  await expect(after.getByText("分流为小事")).toBeVisible();
});

const TAOHUAQIAO = stableId("place:重庆市/南岸区/长生桥镇/桃花桥社区");
const NANPING = stableId("place:重庆市/南岸区/南坪街道");
const STREET_LIGHTS = stableId("need:taohuaqiao-street-lights");

test("the needs pages pass axe at 360 px for visitors, residents, community staff and street staff", async ({ page }) => {
  for (const path of ["/needs", `/needs?q=${encodeURIComponent("路灯")}`, `/needs/${STREET_LIGHTS}`, `/c/${TAOHUAQIAO}`]) await checkPage(page, path);
  await logIn(page, "13900000001");
  for (const path of ["/needs/new", "/needs/mine"]) await checkPage(page, path);
  await page.context().clearCookies();
  await logIn(page, "13900000002");
  for (const path of [`/community/${TAOHUAQIAO}/needs`, `/community/${TAOHUAQIAO}/needs?status=all`, `/community/${TAOHUAQIAO}/needs/${STREET_LIGHTS}`, `/community/${TAOHUAQIAO}/needs/new`]) await checkPage(page, path);
  await page.context().clearCookies();
  await logIn(page, "13900000013");
  await checkPage(page, `/street/${NANPING}/needs`);
  await expect(page.getByRole("link", { name: "南坪东路人行道路面塌陷" })).toBeVisible();
});

test("staff triage a need by keyboard alone", async ({ page }) => {
  await logIn(page, "13900000012");
  const houbao = stableId("place:重庆市/南岸区/南坪街道/后堡社区");
  await page.goto(`/community/${houbao}/needs/${stableId("need:houbao-basketball")}`);
  await page.getByRole("radio", { name: /私事/ }).focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("说明", { exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  // A 私事 needs a note: said beside the field, nothing done.
  await expect(page.getByText("大事和私事需要写明说明")).toBeVisible();
  await page.getByLabel("说明", { exact: true }).focus();
  await page.keyboard.type("篮筐属于体育场馆所有，已转告场馆管理方维修。");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByText("已分流为私事并转介。")).toBeVisible();
});
