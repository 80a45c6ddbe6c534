import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberations, needs } from "@db/schema";
import { seedDemo } from "@seed/index";
import { PARKING_ROUND_IDS, STREET_LIGHTS_DELIBERATION_ID } from "@seed/deliberations";
import { STREET_LIGHTS_NEED_ID } from "@seed/needs";
import { closeAndTally } from "~/domains/deliberations/close-and-tally.server";
import { client, startTestApp } from "../factories/http";

describe("the demo data", () => {
  it("tells scenario 1 (每户打平伙 passed on the street lights) and scenario 6 (裕园's parking: no quorum, then passed in a second round)", async () => {
    expect(await seedDemo()).toBe("seeded");
    const row = async (id: string) => (await db().select().from(deliberations).where(eq(deliberations.id, id)))[0];

    const lights = await row(STREET_LIGHTS_DELIBERATION_ID);
    expect(lights.status).toBe("passed");
    expect(lights.result).toMatchObject({ eligibleHouseholds: 81, votingHouseholds: 52, byChannel: { online: 2, paper: 50 } });
    // Decided, then put into delivery by the street-lights project (seed/delivery.ts).
    expect((await db().select().from(needs).where(eq(needs.id, STREET_LIGHTS_NEED_ID)))[0].status).toBe("in_delivery");

    const [first, second] = [await row(PARKING_ROUND_IDS[0]), await row(PARKING_ROUND_IDS[1])];
    expect(first.status).toBe("no_quorum");
    expect(second).toMatchObject({ status: "passed", round: 2, previousRoundId: first.id });
    // The tally the worker runs would not change a seeded result.
    expect(await closeAndTally(second.id)).toEqual({ outcome: "not_open" });

    const app = await startTestApp();
    try {
      const page = await (await client(app).get(`/deliberations/${STREET_LIGHTS_DELIBERATION_ID}`)).text();
      expect(page).toContain("“每户打平伙”获得通过");
      expect(page).not.toContain("王秀英");
      const parking = await (await client(app).get(`/deliberations/${second.id}`)).text();
      expect(parking).toContain("上一轮");
      expect(parking).toContain("“同意，每月 80 元”获得通过");
    } finally {
      await app.stop();
    }
  });
});
