import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@db/client";
import { proposals } from "@db/schema";
import { newId } from "~/utils/ids";
import { recommendFor } from "~/domains/marketplace/recommend.server";
import { listedServiceNeed, providerServing, purchasingCommunity } from "../factories";

describe("recommended for you, from the database", () => {
  let ids: Record<string, string>;
  let bidder: Awaited<ReturnType<typeof providerServing>>;

  beforeAll(async () => {
    const huijing = await purchasingCommunity("惠景社区");
    const meihu = await purchasingCommunity("美湖社区");
    const faraway = await purchasingCommunity("远方社区");
    // Serves 惠景's whole district and 2 certified social workers.
    bidder = await providerServing([huijing.district.id], { certified: 2 });
    const post = (c: typeof huijing, o: Partial<Parameters<typeof listedServiceNeed>[0]>) => listedServiceNeed({ communityId: c.community.id, postedByOrgId: c.committee.id, createdBy: c.staffUser.id, ...o });
    // An elderly-care need it was selected for earlier: a category it has delivered.
    const past = await post(faraway, { title: "往期助餐", category: "elderly_care", status: "selected" });
    await db().insert(proposals).values({ id: newId(), serviceNeedId: past.id, orgId: bidder.org.id, status: "selected", createdBy: bidder.owner.id });
    const days = (d: number) => new Date(Date.now() + d * 86_400_000);
    ids = {
      nearbyElderly: (await post(huijing, { title: "惠景助餐", category: "elderly_care", proposalDeadline: days(30) })).id,
      nearbyRehab: (await post(huijing, { title: "惠景戒毒康复", category: "correction_rehab", proposalDeadline: days(30) })).id,
      nearbyRehabSoon: (await post(huijing, { title: "惠景社区矫正", category: "correction_rehab", proposalDeadline: days(3) })).id,
      farElderly: (await post(faraway, { title: "远方助餐", category: "elderly_care", proposalDeadline: days(30) })).id,
      farChildren: (await post(meihu, { title: "美湖四点半课堂", category: "children", proposalDeadline: days(30) })).id,
      nearbyClosed: (await post(huijing, { title: "惠景已截止", category: "elderly_care", proposalDeadline: days(-1) })).id,
    };
  });

  it("lists open needs in its area or of its categories, best fit first, each with its reasons", async () => {
    const { recommendations } = await recommendFor(bidder.org.id);
    const name = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];
    expect(recommendations.map((r) => [name(r.id), r.score])).toEqual([
      ["nearbyElderly", 90],
      ["nearbyRehabSoon", 70],
      ["nearbyRehab", 60],
      ["farElderly", 50],
    ]);
    expect(recommendations[0].reasons.map((r) => r.key)).toEqual([
      "marketplace.reason.area",
      "marketplace.reason.category",
      "marketplace.reason.certified",
      // It has completed no project yet: no reputation, said and not scored.
      "marketplace.reason.noReputation",
      "marketplace.reason.deadlineFar",
    ]);
  });

  it("an organisation with no areas and no record is recommended nothing", async () => {
    const newcomer = await providerServing([]);
    expect((await recommendFor(newcomer.org.id)).recommendations).toEqual([]);
  });
});
