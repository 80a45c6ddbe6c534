// Every page built so far, checked by axe (no serious or critical violations) and at a 360 px phone
// width (nothing wider than the screen), as a visitor and as the people who use it.
import { expect, test } from "@playwright/test";
import { logIn, checkPage } from "./support";

test.use({ viewport: { width: 360, height: 740 } });

const PUBLIC_PAGES = ["/", "/login", "/signup", "/orgs", "/no-such-page"];

test("public pages pass axe at 360 px, in Chinese and in English", async ({ page }) => {
  for (const path of PUBLIC_PAGES) await checkPage(page, path);
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  for (const path of PUBLIC_PAGES) await checkPage(page, path);
});

test("a resident's pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "13900000001");
  for (const path of ["/account", "/notifications", "/orgs/new", "/household/join"]) await checkPage(page, path);
});

test("an organisation admin's pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "shanxing@sanshe.demo");
  await page.goto("/account");
  await page.getByRole("link", { name: "无锡市梁溪区善行社会工作服务中心" }).click();
  const orgPath = new URL(page.url()).pathname;
  for (const path of [orgPath, `${orgPath}/manage`]) await checkPage(page, path);
});

test("community staff pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "13900000002");
  await checkPage(page, "/community");
  await page.getByRole("listitem").filter({ hasText: "桃花桥社区" }).getByRole("link", { name: "楼栋与住户" }).click();
  await checkPage(page, new URL(page.url()).pathname);
});

test("the platform admin's pages pass axe at 360 px", async ({ page }) => {
  await logIn(page, "admin@sanshe.demo");
  for (const path of ["/admin", "/admin/orgs", "/admin/places", "/admin/audit", "/dev/outbox"]) await checkPage(page, path);
});
