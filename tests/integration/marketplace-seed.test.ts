import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { organisations } from "@db/schema";
import { seedDemo, orgId } from "@seed/index";
import { HUIJING_MEALS_ID, HUIJING_REHAB_ID } from "@seed/marketplace";
import { publicServiceNeed, searchMarket } from "~/domains/marketplace/queries.server";
import { checkEligibility } from "~/domains/marketplace/eligibility.server";
import { recommendFor } from "~/domains/marketplace/recommend.server";

describe("the demo marketplace (scenario 4, 惠景社区)", () => {
  it("has 老年人助餐 and drug-rehabilitation social work open on /market, beneficiaries as counts only, and 善行 finds both recommended and eligible", async () => {
    expect(await seedDemo()).toBe("seeded");
    const open = await searchMarket({});
    expect(open.serviceNeeds.map((s) => s.id).sort()).toEqual([HUIJING_MEALS_ID, HUIJING_REHAB_ID].sort());
    const rehab = await publicServiceNeed(HUIJING_REHAB_ID, null);
    expect([rehab.beneficiaryGroup, rehab.beneficiaryCount, rehab.status, rehab.postedBy]).toEqual(["社区戒毒康复人员", 140, "published", "无锡市梁溪区惠景社区居民委员会"]);
    expect(rehab.qa).toHaveLength(1);
    expect(JSON.stringify(rehab, (_, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain(orgId("shanxing"));
    const [shanxing] = await db().select().from(organisations).where(eq(organisations.id, orgId("shanxing")));
    expect(await checkEligibility(shanxing, rehab)).toEqual([]);
    const { recommendations } = await recommendFor(shanxing.id);
    expect(recommendations.map((r) => r.id).sort()).toEqual([HUIJING_MEALS_ID, HUIJING_REHAB_ID].sort());
  });
});
