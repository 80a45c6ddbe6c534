// Residents rate a milestone once per household, and nobody, staff included, can tell from the
// milestone page which household gave which score (issue 10, defect 11): staff see how many gave
// each score and the mean, and hide an abusive comment by a handle that names no household.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { milestoneRatings } from "@db/schema";
import { checkEvidenceUpload } from "~/domains/delivery/evidence.server";
import { milestonePage } from "~/domains/delivery/queries.server";
import { hideRatingComment, rateMilestone } from "~/domains/delivery/rate.server";
import { addEvidence, saveDraft, submitReport } from "~/domains/delivery/reports.server";
import { reportDraftSchema } from "~/domains/delivery/schemas";
import { parseInput } from "~/utils/forms.server";
import { temporaryStorage, TEST_PASSWORD } from "../factories";
import { deliveryProject, photoTakenAt } from "../factories/delivery";
import { signedIn, startTestApp, type TestApp } from "../factories/http";

const storage = temporaryStorage("sanshe-ratings-anonymity-");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

async function ratedMilestone() {
  const p = await deliveryProject();
  const m = p.milestones[0];
  await saveDraft({ actor: p.reporter, milestoneId: m.id, input: parseInput(reportDraftSchema, { narrative: "路灯全部修好并通电。", actual: "27", group: ["住户"], groupCount: ["81"], hours: "12", spent: "3000" }) });
  const file = await checkEvidenceUpload({ fileName: "路灯.jpg", bytes: photoTakenAt({ takenAt: "2026:11:20 19:30:00", latitude: 29.5312, longitude: 106.5721 }), tooLarge: false });
  if ("error" in file) throw new Error(file.error);
  await addEvidence({ actor: p.reporter, milestoneId: m.id, file });
  await submitReport({ actor: p.reporter, milestoneId: m.id });
  await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 1, comment: "一句骂人的话" } });
  await rateMilestone({ actor: p.residents[1].actor, milestoneId: m.id, input: { score: 5 } });
  await rateMilestone({ actor: p.residents[2].actor, milestoneId: m.id, input: { score: 5 } });
  return { p, m, householdIds: p.residents.map((r) => r.household.id) };
}

describe("ratings stay anonymous to staff", () => {
  it("the staff's milestone page, its HTML and its loader data, names no household that rated; it shows each score's count and the mean", async () => {
    const { p, m, householdIds } = await ratedMilestone();
    const page = await milestonePage(p.staff, p.project.id, m.id);
    expect(page!.can.hide).toBe(true);
    const data = JSON.stringify(page, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    for (const id of householdIds) expect(data).not.toContain(id);
    expect(page!.summary).toMatchObject({ count: 3, averageTenths: 37 });
    expect(page!.distribution).toEqual([1, 0, 0, 0, 2]);

    const staff = await signedIn(app, p.staffUser.phone!, TEST_PASSWORD);
    const path = `/projects/${p.project.id}/milestones/${m.id}`;
    const html = await (await staff.get(path)).text();
    const loaderData = await staff.get(`${path}.data`);
    expect(loaderData.status).toBe(200);
    const json = await loaderData.text();
    for (const id of householdIds) {
      expect(html).not.toContain(id);
      expect(json).not.toContain(id);
    }
    expect(html).toContain("5 分：2 户");
  });

  it("staff still hide an abusive comment, by a handle that does not name the household", async () => {
    const { p, m, householdIds } = await ratedMilestone();
    const page = await milestonePage(p.staff, p.project.id, m.id);
    const abusive = page!.ratings.find((r) => r.comment === "一句骂人的话")!;
    expect(householdIds).not.toContain(abusive.key);
    const staff = await signedIn(app, p.staffUser.phone!, TEST_PASSWORD);
    const res = await staff.post(`/projects/${p.project.id}/milestones/${m.id}`, { _intent: "hide", ratingId: abusive.key, reason: "含有辱骂内容" });
    expect(res.status).toBeLessThan(400);
    const [row] = await db().select().from(milestoneRatings).where(and(eq(milestoneRatings.milestoneId, m.id), eq(milestoneRatings.householdId, householdIds[0])));
    expect(row.hiddenAt).not.toBeNull();
    // A household id is not a handle: staff who know their residents' households cannot probe with one.
    await expect(hideRatingComment({ actor: p.staff, milestoneId: m.id, ratingId: householdIds[1], reason: "试探" })).rejects.toMatchObject({ code: "not_found" });
  });
});
