// Found by the attacker-review of issue 10 (defect 11, "link resident reveals a name"): the link's
// own answer carries no name, but the link already made the person a verified member, so the very
// next page — the household's member list, and its .data — names whoever holds the number typed.
// Staff of one community could so learn the name behind any verified number of a person who is in
// no household (a social worker, a donor, an official), and make them a voter there unasked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers } from "@db/schema";
import { createCommunity, createCommunityStaff, createHousehold, createUser, TEST_PASSWORD } from "../factories";
import { signedIn, startTestApp, type TestApp } from "../factories/http";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
});

describe("staff who type a number into 'link resident'", () => {
  it("do not learn the name behind it from the household page or its data, and make nobody a voter unasked", async () => {
    const { community, building } = await createCommunity("查名社区");
    const household = await createHousehold(building.id, "1单元101");
    const staff = await createCommunityStaff(community.id, { name: "查名社区工作人员" });
    // Someone this community does not serve: verified number, in no household (a social worker, say).
    const stranger = await createUser({ name: "外区的社工郑红梅" });
    const browser = await signedIn(app, staff.phone!, TEST_PASSWORD);
    const page = `/community/${community.id}/households/${household.id}`;

    const linked = await browser.post(page, { _intent: "link", contact: stranger.phone! });
    expect(linked.status).toBeLessThan(500);
    expect(await linked.text()).not.toContain("郑红梅");

    const html = await (await browser.get(page)).text();
    const data = await (await browser.get(`${page}.data`)).text();
    expect(html).not.toContain("郑红梅");
    expect(data).not.toContain("郑红梅");

    // Nor is the stranger a verified member (a voter) of a household they never asked to join.
    const [row] = await db().select().from(householdMembers).where(eq(householdMembers.userId, stranger.id));
    expect(row?.verified ?? false).toBe(false);
  });
});
