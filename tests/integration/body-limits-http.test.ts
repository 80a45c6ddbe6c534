// Every request body has a limit: a plain form 256 KB, an upload its stated size. Past it the
// visitor is told so in Chinese (413) and nothing is written; multipart text is capped too; and
// anonymous uploads to a fund's ledger check are throttled per address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { db } from "@db/client";
import { needs } from "@db/schema";
import { communityWithResident, createFund, TEST_PASSWORD } from "../factories";
import { signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

async function needsOf(communityId: string) {
  const [{ n }] = await db().select({ n: count() }).from(needs).where(eq(needs.communityId, communityId));
  return n;
}

/** POSTs a body as a browser on our pages would, with the session of `as`; `chunked` sends it without a length. */
async function send(path: string, body: BodyInit, options: { as?: Browserish; contentType?: string; chunked?: boolean } = {}) {
  const headers: Record<string, string> = { origin: app.baseUrl };
  if (options.as) headers.cookie = options.as.cookie;
  if (options.contentType) headers["content-type"] = options.contentType;
  let payload: BodyInit = body;
  if (options.chunked) {
    const encoded = new Response(body);
    if (!options.contentType) headers["content-type"] = encoded.headers.get("content-type") ?? "";
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    payload = new ReadableStream({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 64 * 1024) controller.enqueue(bytes.subarray(at, at + 64 * 1024));
        controller.close();
      },
    });
  }
  return fetch(app.baseUrl + path, { method: "POST", body: payload, headers, redirect: "manual", duplex: "half" } as RequestInit);
}

const longText = "楼道灯坏了。".repeat(60_000); // 360,000 characters, about 3 MB once form-encoded

describe("a body past its limit", () => {
  it("a plain form over 256 KB is refused with 413 in Chinese before it is read, and no need is written", async () => {
    const place = await communityWithResident(`限额社区${Date.now()}`);
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);
    const res = await send("/needs/new", new URLSearchParams({ title: "路灯坏了", description: longText, category: "other" }), { as: resident });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("提交的内容过大（上限 256 KB）");
    expect(await needsOf(place.community.id)).toBe(0);
  });

  it("the same form sent without a length (chunked) is cut off at the limit and answered 413 in Chinese, and no need is written", async () => {
    const place = await communityWithResident(`分块社区${Date.now()}`);
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);
    const res = await send("/needs/new", new URLSearchParams({ title: "路灯坏了", description: longText, category: "other" }), { as: resident, chunked: true, contentType: "application/x-www-form-urlencoded" });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("提交的内容过大");
    expect(await needsOf(place.community.id)).toBe(0);
  });

  it("the same form submitted by Remix in the browser (/needs/new.data) is answered by the page in Chinese, 413, and no need is written", async () => {
    const place = await communityWithResident(`脚本社区${Date.now()}`);
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);
    const res = await send("/needs/new.data", new URLSearchParams({ title: "路灯坏了", description: longText, category: "other" }), { as: resident });
    expect(res.status).toBe(413);
    const body = await res.text();
    expect(body).toContain("errors.tooLarge"); // the page's failure, which its form shows as 提交的内容过大
    expect(body).toContain("256 KB");
    expect(await needsOf(place.community.id)).toBe(0);
  });

  it("a multipart form within the upload limit but with a 1 MB text part is refused in Chinese, and no need is written", async () => {
    const place = await communityWithResident(`文字社区${Date.now()}`);
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);
    for (const chunked of [false, true]) {
      const form = new FormData();
      form.append("title", "路灯坏了");
      form.append("category", "other");
      form.append("description", "灯".repeat(350_000)); // about 1 MB of UTF-8, far below the 45 MB of photos a need may carry
      const res = await send("/needs/new", form, { as: resident, chunked });
      expect(res.status, `chunked: ${chunked}`).toBe(413);
      expect(await res.text()).toContain("表单中的文字过长");
    }
    expect(await needsOf(place.community.id)).toBe(0);
  });

  it("a multipart form of thousands of tiny parts is refused after 500, in Chinese, and no need is written", async () => {
    const place = await communityWithResident(`多段社区${Date.now()}`);
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);
    const form = new FormData();
    for (let i = 0; i < 5_000; i++) form.append(`f${i}`, "");
    const res = await send("/needs/new", form, { as: resident });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("表单字段过多");
    expect(await needsOf(place.community.id)).toBe(0);
  });

  it("a form within the limit still goes through", async () => {
    const place = await communityWithResident(`正常社区${Date.now()}`);
    const resident = await signedIn(app, place.residentUser.phone!, TEST_PASSWORD);
    const res = await send("/needs/new", new URLSearchParams({ title: "路灯坏了", description: "三号楼门口的路灯坏了一个星期。", category: "other", placeId: place.community.id }), { as: resident });
    expect(res.status).toBeLessThan(500);
    expect(res.status).not.toBe(413);
  });
});

describe("anonymous checks of a fund's ledger", () => {
  const csv = () => {
    const form = new FormData();
    form.append("file", new File(["seq,hash\n1,abc\n"], "ledger.csv", { type: "text/csv" }));
    return form;
  };

  it("one visitor's uploads run one at a time and a few a minute: a flood is answered 429 in Chinese", async () => {
    const fund = await createFund();
    const path = `/funds/${fund.id}/verify`;

    // An upload held open (a slow or hostile sender) keeps this visitor's one place…
    let hold!: ReadableStreamDefaultController<Uint8Array>;
    const encoded = new Response(csv());
    const type = encoded.headers.get("content-type")!;
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const slow = fetch(app.baseUrl + path, {
      method: "POST",
      headers: { origin: app.baseUrl, "content-type": type },
      body: new ReadableStream<Uint8Array>({ start: (c) => ((hold = c), c.enqueue(bytes.subarray(0, 10))) }),
      duplex: "half",
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 500));
    const second = await send(path, csv());
    expect(second.status).toBe(429);
    expect(await second.text()).toContain("操作过于频繁");
    hold.enqueue(bytes.subarray(10));
    hold.close();
    expect((await slow).status).toBeLessThan(429);

    // …and a burst gets four more in this minute (five with the slow one), then 429.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await send(path, csv())).status);
    expect(statuses.slice(0, 4).every((s) => s < 429)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429, 429]);
  });
});

