// Field names are data, never a path into the server's own objects: the review's attack (a field
// named `constructor.prototype.q` on the proposal form) as a signed-in resident, over HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { communityWithResident, createNeed, TEST_PASSWORD } from "../factories";
import { signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

const POLLUTED = ["q", "x", "isPublic", "contact"];
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const before = prototypeKeys();
afterEach(() => {
  // Should the attack ever work again, the next test still starts from a clean process.
  for (const key of POLLUTED) delete (Object.prototype as Record<string, unknown>)[key];
});

describe("hostile field names on the proposal form", () => {
  it("a resident posting constructor.prototype.q and budget.__proto__.x is refused in Chinese, Object.prototype is untouched and every visitor still sees the needs", async () => {
    const place = await communityWithResident(`原型社区${Date.now()}`);
    const need = await createNeed({ communityId: place.community.id, raisedBy: place.residentUser.id, title: "楼道灯坏了三个月", isPublic: true });
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);

    const hostile: Record<string, string>[] = [
      { orgId: "x", "constructor.prototype.q": "zzzz" },
      { orgId: "x", "budget.__proto__.x": "zzzz" },
      { orgId: "x", "__proto__.isPublic": "on" },
      { orgId: "x", "answers.__proto__.contact": "zzzz" },
    ];
    for (const form of hostile) {
      const res = await resident.post("/proposals/new?serviceNeedId=x", form);
      expect(res.status, JSON.stringify(form)).toBeLessThan(500);
      expect(({} as Record<string, unknown>).q, JSON.stringify(form)).toBeUndefined();
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect(prototypeKeys()).toEqual(before);
    }

    const refused = await resident.post("/proposals/new?serviceNeedId=x", { orgId: "x", "constructor.prototype.q": "zzzz" });
    expect(refused.status).toBe(422);
    // Said in Chinese on a form the resident may use:
    const needForm = await resident.post("/needs/new", { title: "路灯坏了", "description.__proto__.x": "zzzz" });
    expect(needForm.status).toBe(422);
    expect(await needForm.text()).toContain("表单字段名不合法");
    // The login form still reads its own fields: the resident signs in again.
    await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);

    const list = await (await fetch(`${app.baseUrl}/needs`)).text();
    expect(list).toContain(need.title);
  });
});
