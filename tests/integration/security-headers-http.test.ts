// Every page the server renders says where its scripts may come from: a Content-Security-Policy
// with a nonce made for that one answer, which every inline script of the page carries, so a script
// injected into a page (through a field someone typed) does not run.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDonation } from "~/domains/donations/create-checkout.server";
import { donateSchema } from "~/domains/donations/schemas";
import { client, signedIn, startTestApp, type TestApp, type Browserish } from "../factories/http";
import { createFoundation, createUser, TEST_PASSWORD } from "../factories";
import { useLocalPayments } from "../support/fake-stripe-api";

let app: TestApp;
beforeAll(async () => {
  useLocalPayments();
  app = await startTestApp();
});
afterAll(() => app?.stop());

/** The policy's directives by name. */
const directives = (policy: string) => new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

async function page(visitor: Browserish, path: string) {
  const res = await visitor.get(path);
  const html = await res.text();
  expect(res.headers.get("content-type"), path).toMatch(/^text\/html/);
  const policy = res.headers.get("content-security-policy");
  expect(policy, `${path} has no Content-Security-Policy`).toBeTruthy();
  const csp = directives(policy!);
  const nonce = csp.get("script-src")?.find((v) => v.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  return { res, html, csp, nonce };
}

describe("the Content-Security-Policy of every page", () => {
  it("names a fresh nonce on each answer, which every script of the page carries, and allows no other inline script", async () => {
    const { fundId } = await createFoundation();
    const input = donateSchema.parse({ preset: "50", method: "card", name: "何先生" });
    const { sessionId } = await startDonation({ actor: null, fundId, input, baseUrl: app.baseUrl });
    const user = await createUser();
    const visitor = client(app);
    const member = await signedIn(app, user.phone!, TEST_PASSWORD);
    const pages: [Browserish, string][] = [
      [visitor, "/"],
      [visitor, "/needs"],
      [visitor, "/market"],
      [visitor, "/funds"],
      [visitor, `/funds/${fundId}`],
      [visitor, `/donate/${fundId}`],
      [visitor, `/pay/local/${sessionId}`],
      [visitor, "/login"],
      [visitor, "/signup"],
      [visitor, "/no-such-page"],
      [member, "/account"],
      [member, "/notifications"],
    ];
    const seen = new Set<string>();
    for (const [who, path] of pages) {
      const { html, csp, nonce } = await page(who, path);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22,}={0,2}$/);
      expect(seen.has(nonce!), `${path} reuses a nonce`).toBe(false);
      seen.add(nonce!);
      expect(csp.get("script-src"), path).toEqual(["'self'", `'nonce-${nonce}'`]);
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
    // The same page asked for twice gets two nonces.
    const again = await page(visitor, "/needs");
    expect(seen.has(again.nonce!)).toBe(false);
  });

  it("lets nothing frame the pages, change their base, load plugins or send forms to other sites", async () => {
    const { csp } = await page(client(app), "/needs");
    expect(csp.get("default-src")).toEqual(["'self'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'none'"]);
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("form-action")?.[0]).toBe("'self'");
    expect(csp.get("img-src")).toEqual(["'self'", "data:"]);
    expect(csp.get("style-src")).toEqual(["'self'"]);
  });

  it("sends no Strict-Transport-Security outside production, where the site may be plain http", async () => {
    const res = await client(app).get("/needs");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });
});
