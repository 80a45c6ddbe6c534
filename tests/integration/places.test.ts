import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, places } from "@db/schema";
import { addPlace } from "~/domains/places/add-place.server";
import { movePlace } from "~/domains/places/move-place.server";
import { CHILDREN_PAGE_SIZE } from "~/domains/places/queries.server";
import { renamePlace } from "~/domains/places/rename-place.server";
import { isAppError } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { actorOf, createCommunity, createPlace, createUser, TEST_PASSWORD } from "../factories";
import { signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

let app: TestApp;
let admin: Actor;
let adminBrowser: Browserish;

beforeAll(async () => {
  app = await startTestApp();
  const user = await createUser({ admin: true, name: "民政局管理员" });
  admin = await actorOf(user);
  adminBrowser = await signedIn(app, user.phone!, TEST_PASSWORD);
});
afterAll(async () => {
  await app.stop();
});

/** The AppError a call fails with (and fails the test if it does not fail). */
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

const auditOf = (entityId: string) => db().select().from(auditLog).where(eq(auditLog.entityId, entityId));
const placeCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(places))[0].n;

describe("an admin adds places", () => {
  it("adds a city at the top and a district under it, each with its audit row", async () => {
    const city = await addPlace({ actor: admin, input: { level: "city", name: "测试市" } });
    const district = await addPlace({ actor: admin, input: { parentId: city.id, level: "district", name: "测试区" } });
    expect(district.parentId).toBe(city.id);
    const [row] = await auditOf(district.id);
    expect(row).toMatchObject({ action: "place.add", actorId: admin.userId, toState: "district" });
    expect(row.detail).toMatchObject({ name: "测试区", parentId: city.id });
  });

  it("through the page: the new street shows under its district", async () => {
    const { district } = await createCommunity("页面添加社区");
    const res = await adminBrowser.post(`/admin/places/${district.id}`, { level: "street", name: "新开街道" });
    expect(res.status).toBe(200);
    const page = await (await adminBrowser.get(`/admin/places/${district.id}`)).text();
    expect(page).toContain("新开街道");
  });

  it("refuses a building under a district with a clear Chinese message, writing nothing", async () => {
    const { district } = await createCommunity("层级社区");
    const before = await placeCount();
    const res = await adminBrowser.post(`/admin/places/${district.id}`, { level: "building", name: "越级楼" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("是区，下一级只能是街道/镇。");
    expect(await placeCount()).toBe(before);
  });

  it("refuses anything but a city at the top, and anything at all under a building", async () => {
    const { building } = await createCommunity("楼下社区");
    expect((await refusal(addPlace({ actor: admin, input: { level: "district", name: "孤立区" } }))).messageKey).toBe("places.topMustBeCity");
    const underBuilding = await refusal(addPlace({ actor: admin, input: { parentId: building.id, level: "building", name: "楼中楼" } }));
    expect(underBuilding.messageKey).toBe("places.buildingHasNoChildren");
  });

  it("refuses a second place of the same name under one parent beside the name field, not with a 500", async () => {
    const { street } = await createCommunity("重名社区");
    await createPlace("community", "幸福社区", street.id);
    const res = await adminBrowser.post(`/admin/places/${street.id}`, { level: "community", name: "幸福社区" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("同一上级下已有这个名称，请换一个");
    expect(html).toMatch(/id="name-error"/);
  });

  it("allows the same name under another parent", async () => {
    const a = await createCommunity("同名甲社区");
    const b = await createCommunity("同名乙社区");
    await addPlace({ actor: admin, input: { parentId: a.community.id, level: "grid", name: "第二网格" } });
    const again = await addPlace({ actor: admin, input: { parentId: b.community.id, level: "grid", name: "第二网格" } });
    expect(again.parentId).toBe(b.community.id);
  });

  it("answers an unknown parent with 404", async () => {
    const error = await refusal(addPlace({ actor: admin, input: { parentId: "no-such-place", level: "district", name: "无处区" } }));
    expect(error.status).toBe(404);
    expect((await adminBrowser.get("/admin/places/no-such-place")).status).toBe(404);
  });
});

describe("people who are not platform admins", () => {
  it("cannot add, rename or move a place, and get 403 on the pages", async () => {
    const { district, street, community } = await createCommunity("越权社区");
    const user = await createUser();
    const actor = await actorOf(user);
    expect((await refusal(addPlace({ actor, input: { parentId: district.id, level: "street", name: "私设街道" } }))).status).toBe(403);
    expect((await refusal(renamePlace({ actor, input: { placeId: community.id, name: "改名社区" } }))).status).toBe(403);
    expect((await refusal(movePlace({ actor, input: { placeId: community.id, parentId: street.id } }))).status).toBe(403);

    const browser = await signedIn(app, user.phone!, TEST_PASSWORD);
    expect((await browser.get("/admin/places")).status).toBe(403);
    expect((await browser.post(`/admin/places/${district.id}`, { level: "street", name: "私设街道" })).status).toBe(403);
    expect((await browser.get(`/admin/places/${community.id}/edit`)).status).toBe(403);
    const [unchanged] = await db().select().from(places).where(eq(places.id, community.id));
    expect(unchanged.name).toBe("越权社区");
  });
});

describe("an admin renames a place", () => {
  it("keeps its id and records the old and the new name", async () => {
    const { community } = await createCommunity("旧名社区");
    const res = await adminBrowser.post(`/admin/places/${community.id}/edit`, { _intent: "rename", name: "新名社区" });
    expect(res.status).toBe(200);
    const [renamed] = await db().select().from(places).where(eq(places.id, community.id));
    expect(renamed.name).toBe("新名社区");
    const [row] = await auditOf(community.id);
    expect(row).toMatchObject({ action: "place.rename", detail: { from: "旧名社区", to: "新名社区" } });
  });

  it("refuses a sibling's name beside the field", async () => {
    const { community, street } = await createCommunity("改名甲社区");
    await createPlace("community", "改名乙社区", street.id);
    const error = await refusal(renamePlace({ actor: admin, input: { placeId: community.id, name: "改名乙社区" } }));
    expect(error.fieldErrors).toEqual({ name: "places.nameTaken" });
    expect(await auditOf(community.id)).toHaveLength(0);
  });
});

describe("an admin moves a place", () => {
  it("moves a community to another street with its grids and buildings, and records both parents", async () => {
    const { community, street, grid, building } = await createCommunity("搬家社区");
    const newStreet = await createPlace("street", "新街道", street.parentId);
    const res = await adminBrowser.post(`/admin/places/${community.id}/edit`, { _intent: "move", parentId: newStreet.id });
    expect(res.status).toBe(200);
    const [moved] = await db().select().from(places).where(eq(places.id, community.id));
    expect(moved.parentId).toBe(newStreet.id);
    const [stillBelow] = await db().select().from(places).where(and(eq(places.id, building.id), eq(places.parentId, grid.id)));
    expect(stillBelow).toBeDefined();
    const [row] = await auditOf(community.id);
    expect(row).toMatchObject({ action: "place.move", detail: { fromParentId: street.id, toParentId: newStreet.id } });
  });

  it("refuses a parent of the wrong level with a Chinese message", async () => {
    const { grid, district } = await createCommunity("错级社区");
    const res = await adminBrowser.post(`/admin/places/${grid.id}/edit`, { _intent: "move", parentId: district.id });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("网格只能放在社区/村之下，请选择一个社区/村。");
  });

  it("refuses a parent that already has a place of the same name, and moving a city", async () => {
    const a = await createCommunity("撞名甲社区");
    const b = await createCommunity("撞名乙社区");
    await createPlace("grid", a.grid.name, b.community.id);
    const clash = await refusal(movePlace({ actor: admin, input: { placeId: a.grid.id, parentId: b.community.id } }));
    expect(clash.fieldErrors).toEqual({ parentId: "places.nameTakenUnderParent" });
    const city = await createPlace("city", "不动市");
    const other = await createPlace("city", "另一市");
    expect((await refusal(movePlace({ actor: admin, input: { placeId: city.id, parentId: other.id } }))).fieldErrors).toEqual({
      parentId: "places.cityCannotMove",
    });
  });

  it("offers the streets beside the current one, and finds others by name", async () => {
    const { community, street } = await createCommunity("候选社区");
    await createPlace("street", "隔壁街道", street.parentId);
    const nearby = await (await adminBrowser.get(`/admin/places/${community.id}/edit`)).text();
    expect(nearby).toContain("隔壁街道");
    const far = await createCommunity("远方社区");
    const found = await (await adminBrowser.get(`/admin/places/${community.id}/edit?q=${encodeURIComponent("远方社区街")}`)).text();
    expect(found).toContain(`${far.district.name} / ${far.street.name}`);
    expect(found).not.toContain("隔壁街道");
  });
});

describe("the tree page", () => {
  it("shows one level with breadcrumbs up to the top, not the levels below", async () => {
    const { district, street, community, grid } = await createCommunity("面包屑社区");
    const html = await (await adminBrowser.get(`/admin/places/${street.id}`)).text();
    expect(html).toContain(`href="/admin/places/${district.id}"`);
    expect(html).toContain(`href="/admin/places/${community.id}"`);
    expect(html).not.toContain(grid.name);
    expect(html).toContain("添加社区/村");
  });

  it("pages through a long list of children", async () => {
    const { grid } = await createCommunity("大网格社区");
    await db()
      .insert(places)
      .values(Array.from({ length: CHILDREN_PAGE_SIZE + 5 }, (_, i) => ({ id: `bulk-${i}`, parentId: grid.id, level: "building" as const, name: `楼${String(i).padStart(3, "0")}` })));
    const first = await (await adminBrowser.get(`/admin/places/${grid.id}`)).text();
    expect(first).toContain("楼000");
    expect(first).not.toContain("楼104");
    const next = /href="[^"]*\?after=([^"]+)"/.exec(first)?.[1];
    expect(next).toBeDefined();
    const second = await (await adminBrowser.get(`/admin/places/${grid.id}?after=${next}`)).text();
    expect(second).toContain("楼104");
    expect(second).not.toContain("楼000");
  });
});
