import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { needPhotos, needs } from "@db/schema";
import { checkPhotos } from "~/domains/needs/photos.server";
import { raiseNeed } from "~/domains/needs/raise-need.server";
import { triageNeed } from "~/domains/needs/triage-need.server";
import { communityWithResident, createNeed, createUser, jpegBytes, TEST_PASSWORD } from "../factories";
import { client, signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

// This file's photos go to a folder of its own, looked at directly by the tests.
const storageDir = path.resolve("tests/.tmp", `uploads-${randomBytes(4).toString("hex")}`);
process.env.STORAGE_DIR = storageDir;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

const GPS = "GPSLatitude=29.5N;GPSLongitude=106.5E";
const storedFiles = (needId: string) => {
  const dir = path.join(storageDir, "needs", needId);
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.endsWith(".type")) : [];
};
const allStored = () => (fs.existsSync(path.join(storageDir, "needs")) ? fs.readdirSync(path.join(storageDir, "needs")) : []);

/** Posts the need form as a browser does: multipart, with files under `photos`. */
async function postNeed(browser: Browserish, form: Record<string, string>, files: { name: string; type: string; bytes: Uint8Array }[], at = "/needs/new") {
  const body = new FormData();
  for (const [k, v] of Object.entries(form)) body.append(k, v);
  for (const f of files) body.append("photos", new Blob([Buffer.from(f.bytes)], { type: f.type }), f.name);
  return fetch(app.baseUrl + at, { method: "POST", body, redirect: "manual", headers: { cookie: browser.cookie, origin: app.baseUrl } });
}

const fields = { title: "垃圾站满了没人清", description: "后门垃圾站已经三天没人清运，气味很大，夏天招蚊虫。", category: "environment", isPublic: "on" };
const photo = (name: string, options: Parameters<typeof jpegBytes>[0] = {}) => ({ name, type: "image/jpeg", bytes: jpegBytes(options) });
const needsOf = (communityId: string) => db().select().from(needs).where(eq(needs.communityId, communityId));

describe("a resident attaches photos to a need", () => {
  it("photos are stored without their EXIF location, in order, and shown on the need's page", async () => {
    const c = await communityWithResident("照片社区");
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    const res = await postNeed(browser, fields, [photo("front.jpg", { exif: GPS }), photo("back.jpg")]);
    expect(res.status).toBe(302);
    const [need] = await needsOf(c.community.id);
    const rows = await db().select().from(needPhotos).where(eq(needPhotos.needId, need.id)).orderBy(needPhotos.position);
    expect(rows.map((r) => r.position)).toEqual([0, 1]);
    expect(storedFiles(need.id)).toHaveLength(2);
    for (const row of rows) {
      const bytes = fs.readFileSync(path.join(storageDir, row.storageKey));
      expect(bytes.includes(Buffer.from("GPSLatitude"))).toBe(false);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect(row.contentType).toBe("image/jpeg");
    }
    const served = await browser.get(`/photos/${rows[0].id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await served.arrayBuffer()).includes(Buffer.from("GPS"))).toBe(false);
    expect(await (await browser.get(`/needs/${need.id}`)).text()).toContain(`/photos/${rows[1].id}`);
  });

  it("a file that is not an image is refused by its bytes, whatever its name and declared type, and nothing is written", async () => {
    const c = await communityWithResident("假图社区");
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    const before = allStored().length;
    const pdf = { name: "photo.jpg", type: "image/jpeg", bytes: new Uint8Array(Buffer.from("%PDF-1.7 not a picture at all")) };
    const res = await postNeed(browser, fields, [photo("ok.jpg"), pdf]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("photo.jpg 不是 JPEG、PNG 或 WebP 图片");
    expect(await needsOf(c.community.id)).toHaveLength(0);
    expect(allStored()).toHaveLength(before);
  });

  it("a broken JPEG, a photo over 5 MB and a tenth photo are each refused beside the photos field", async () => {
    const c = await communityWithResident("限制社区");
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    const before = allStored().length;
    const broken = { name: "broken.jpg", type: "image/jpeg", bytes: jpegBytes().subarray(0, 30) };
    const cases: [ReturnType<typeof photo>[], string][] = [
      [[broken], "照片 broken.jpg 已损坏，无法读取"],
      [[photo("huge.jpg", { size: 5 * 1024 * 1024 + 1 })], "照片 huge.jpg 超过 5 MB"],
      [Array.from({ length: 10 }, (_, i) => photo(`p${i}.jpg`)), "最多上传 9 张照片"],
    ];
    for (const [files, message] of cases) {
      const res = await postNeed(browser, fields, files);
      expect(res.status, message).toBe(422);
      const html = await res.text();
      expect(html, message).toContain(message);
      expect(html, message).toContain('id="photos-error"');
    }
    expect(await needsOf(c.community.id)).toHaveLength(0);
    expect(allStored()).toHaveLength(before);
    // Nine photos of exactly 5 MB are fine.
    const nine = await postNeed(browser, fields, Array.from({ length: 9 }, (_, i) => photo(`p${i}.jpg`, { size: i === 0 ? 5 * 1024 * 1024 : 0 })));
    expect(nine.status).toBe(302);
  });

  it("with a bad field and a bad photo, both are reported at once", async () => {
    const c = await communityWithResident("双错社区");
    const browser = await signedIn(app, c.residentUser.phone!, TEST_PASSWORD);
    const res = await postNeed(browser, { ...fields, title: "" }, [{ name: "x.gif", type: "image/gif", bytes: new Uint8Array(Buffer.from("GIF89a......")) }]);
    const html = await res.text();
    expect(html).toContain('id="title-error"');
    expect(html).toContain("x.gif 不是 JPEG、PNG 或 WebP 图片");
  });

  it("if the need cannot be written, the photos already stored are removed again", async () => {
    const c = await communityWithResident("回滚社区");
    const { photos } = checkPhotos({ files: [{ name: "a.jpg", bytes: jpegBytes() }], tooLarge: [], extra: 0 });
    const before = new Set(allStored());
    // A category the database does not know makes the insert fail inside the transaction.
    const failed = await raiseNeed({ actor: c.resident, input: { title: "写不进去的诉求", description: "这条诉求的类别数据库不认识。", category: "unknown" as never, isPublic: false }, photos }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(await needsOf(c.community.id)).toHaveLength(0);
    const newFolders = allStored().filter((dir) => !before.has(dir));
    expect(newFolders).toHaveLength(1); // the photo was stored before the insert failed…
    expect(storedFiles(newFolders[0])).toEqual([]); // …and removed after
  });
});

describe("who may see a need", () => {
  async function needWithPhoto(community: string, isPublic: boolean) {
    const c = await communityWithResident(community);
    const { photos } = checkPhotos({ files: [{ name: "a.jpg", bytes: jpegBytes() }], tooLarge: [], extra: 0 });
    const { needId } = await raiseNeed({
      actor: c.resident,
      input: { title: "楼上漏水泡坏了天花板", description: "楼上卫生间漏水，我家天花板泡坏了，协商不成。", category: "neighbour_disputes", isPublic, placeId: c.building.id },
      photos,
    });
    const [row] = await db().select().from(needPhotos).where(eq(needPhotos.needId, needId));
    return { ...c, needId, photoId: row.id };
  }

  it("a need that is not public is 404 to strangers and visitors, photo included, and readable by its raiser and the staff", async () => {
    const c = await needWithPhoto("私密社区", false);
    const stranger = await signedIn(app, (await createUser()).phone!, TEST_PASSWORD);
    const visitor = client(app);
    for (const who of [stranger, visitor]) {
      const page = await who.get(`/needs/${c.needId}`);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toContain("楼上漏水");
      expect((await who.get(`/photos/${c.photoId}`)).status).toBe(404);
    }
    expect(await (await visitor.get("/needs")).text()).not.toContain(c.needId);
    for (const phone of [c.residentUser.phone!, c.staffUser.phone!]) {
      const who = await signedIn(app, phone, TEST_PASSWORD);
      expect((await who.get(`/needs/${c.needId}`)).status).toBe(200);
      const img = await who.get(`/photos/${c.photoId}`);
      expect(img.status).toBe(200);
      expect(img.headers.get("cache-control")).toContain("private");
    }
  });

  it("a public need is anyone's to read, and its page and the public list never show the raiser's name, phone, household or building", async () => {
    const c = await needWithPhoto("公开社区", true);
    const visitor = client(app);
    const page = await visitor.get(`/needs/${c.needId}`);
    expect(page.status).toBe(200);
    const list = await (await visitor.get("/needs?q=漏水")).text();
    const community = await (await visitor.get(`/c/${c.community.id}`)).text();
    for (const html of [await page.text(), list, community]) {
      expect(html).toContain("楼上漏水泡坏了天花板");
      expect(html).toContain(c.community.name);
      for (const secret of [c.residentUser.displayName, c.residentUser.phone!, c.household.label, c.building.name, c.residentUser.id]) expect(html).not.toContain(secret);
    }
    expect((await visitor.get(`/photos/${c.photoId}`)).status).toBe(200);
  });

  it("a public need referred as a private matter, or withdrawn, leaves the public pages", async () => {
    const c = await needWithPhoto("转介社区", true);
    await triageNeed({ actor: c.staff, needId: c.needId, input: { triage: "private", note: "由楼上住户自行维修，已调解" } });
    const visitor = client(app);
    expect((await visitor.get(`/needs/${c.needId}`)).status).toBe(404);
    expect((await visitor.get(`/photos/${c.photoId}`)).status).toBe(404);
    expect(await (await visitor.get("/needs")).text()).not.toContain(c.needId);
    // Its raiser still follows it to the end.
    expect((await (await signedIn(app, c.residentUser.phone!, TEST_PASSWORD)).get(`/needs/${c.needId}`)).status).toBe(200);
  });

  it("a community's public page lists its open public needs only", async () => {
    const c = await communityWithResident("公开页社区");
    await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "公开的健身器材坏了", isPublic: true });
    await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "不公开的家事", isPublic: false });
    await createNeed({ communityId: c.community.id, raisedBy: c.residentUser.id, title: "公开但已撤回", isPublic: true, status: "withdrawn" });
    const html = await (await client(app).get(`/c/${c.community.id}`)).text();
    expect(html).toContain("公开的健身器材坏了");
    expect(html).not.toContain("不公开的家事");
    expect(html).not.toContain("公开但已撤回");
    expect((await client(app).get(`/c/no-such-community`)).status).toBe(404);
  });
});
