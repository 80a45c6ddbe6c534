// Redirects built from what a visitor sends (after login, after a language switch) stay on this
// site through the real server: a crafted link can never bounce a signed-in person elsewhere.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, signedIn, startTestApp, type TestApp } from "../factories/http";
import { createUser, TEST_PASSWORD } from "../factories";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

// `/\t/evil.example`: a browser drops the tab and goes to //evil.example.
const HOSTILE = ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%2F/evil.example"];

describe("the login page's redirectTo", () => {
  it("sends a person who signs in through a crafted link to their account, not to another site", async () => {
    const user = await createUser();
    for (const to of HOSTILE) {
      const res = await client(app).post(`/login?redirectTo=${encodeURIComponent(to)}`, { contact: user.phone!, password: TEST_PASSWORD });
      expect(res.status, to).toBe(302);
      expect(res.headers.get("location"), to).toBe("/account");
    }
  });

  it("sends a person who is already signed in and opens a crafted login link to their account", async () => {
    const user = await createUser();
    const person = await signedIn(app, user.phone!, TEST_PASSWORD);
    const res = await person.get("/login?redirectTo=%2F%09%2Fevil.example");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/account");
  });

  it("still brings a person back to the page they were asked to sign in from, even one typed in Chinese", async () => {
    const user = await createUser();
    const res = await client(app).post(`/login?redirectTo=${encodeURIComponent("/needs?q=路灯")}`, { contact: user.phone!, password: TEST_PASSWORD });
    expect(res.status, await res.clone().text()).toBe(302);
    expect(res.headers.get("location")).toBe("/needs?q=%E8%B7%AF%E7%81%AF");
  });
});

describe("the language switch's redirectTo", () => {
  it("switches the language and stays on this site whatever page it is told to go back to", async () => {
    for (const to of HOSTILE) {
      const res = await client(app).post("/lang", { locale: "en", redirectTo: to });
      expect(res.status, to).toBe(302);
      expect(res.headers.get("location"), to).toBe("/");
    }
    const back = await client(app).post("/lang", { locale: "en", redirectTo: "/needs" });
    expect(back.headers.get("location")).toBe("/needs");
  });
});
