// The delivery pages through the real server: the organisation uploads a photo and submits its
// report, staff accept, the 监委会 co-signs, residents rate on the printable rating page, and the
// evidence file stays with the people involved.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { milestoneReports, milestones, projects } from "@db/schema";
import { temporaryStorage, TEST_PASSWORD } from "../factories";
import { deliveryProject, photoTakenAt } from "../factories/delivery";
import { client, signedIn, startTestApp, type Browserish, type TestApp } from "../factories/http";

const storage = temporaryStorage("sanshe-delivery-http-");
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.stop();
  storage.remove();
});

const as = (user: { phone: string | null }) => signedIn(app, user.phone!, TEST_PASSWORD);

async function upload(browser: Browserish, path: string, file: { name: string; bytes: Uint8Array; type: string }) {
  const body = new FormData();
  body.append("attachment", new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return fetch(`${app.baseUrl}${path}`, { method: "POST", body, redirect: "manual", headers: { cookie: browser.cookie, origin: app.baseUrl } });
}

describe("a milestone from report to payment, through the pages", () => {
  it("is reported with a photo, accepted, co-signed, rated, and paid; the photo's file and place stay with the parties", async () => {
    const p = await deliveryProject({ fund: "micro_fund", amountFen: 300_000n, ratingBar: { tenths: 35, households: 2 } });
    const m = p.milestones[0];
    const page = `/projects/${p.project.id}/milestones/${m.id}`;

    const org = await as(p.reporterUser);
    const saved = await org.post(page, { _intent: "save", narrative: "移民小区 27 个单元的路灯全部修好并通电。", actual: "27", group: ["住户", ""], groupCount: ["81", ""], hours: "12", spent: "2980.50" });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain("草稿已保存");
    const photo = photoTakenAt({ takenAt: "2026:11:20 19:45:00", latitude: 29.5312, longitude: 106.5721 });
    expect((await upload(org, page, { name: "夜间照片.jpg", bytes: photo, type: "image/jpeg" })).status).toBe(200);
    const refusedFile = await upload(org, page, { name: "伪装.jpg", bytes: new TextEncoder().encode("#!/bin/sh"), type: "image/jpeg" });
    expect(refusedFile.status).toBe(422);
    const submitted = await org.post(page, { _intent: "submit" });
    expect(submitted.status).toBe(200);
    // A double click: the second submission is refused in Chinese and no second version is written.
    const twice = await org.post(page, { _intent: "submit" });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("这个阶段现在不能修改或提交报告");
    expect(await db().select().from(milestoneReports).where(eq(milestoneReports.milestoneId, m.id))).toHaveLength(1);

    // Staff see the photo with the time and place it was taken; the public sees neither.
    const staff = await as(p.staffUser);
    const staffView = await (await staff.get(page)).text();
    expect(staffView).toContain("夜间照片.jpg");
    expect(staffView).toContain("29.53120");
    const evidenceLink = /href="(\/projects\/[^"]+\/evidence\/[^"]+)"/.exec(staffView)![1];
    expect((await staff.get(evidenceLink)).status).toBe(200);
    const anonymous = client(app);
    const publicView = await (await anonymous.get(page)).text();
    expect(publicView).toContain("移民小区 27 个单元的路灯全部修好并通电");
    expect(publicView).not.toContain("夜间照片.jpg");
    expect(publicView).not.toContain("29.53120");
    expect((await anonymous.get(evidenceLink)).status).toBe(404);
    expect((await (await as(p.residents[0].user)).get(evidenceLink)).status).toBe(404);

    // The organisation cannot accept its own report.
    expect((await org.post(page, { _intent: "accept" })).status).toBe(403);
    expect((await staff.post(page, { _intent: "accept" })).status).toBe(200);
    const cosigned = await (await as(p.supervisorUser!)).post(page, { _intent: "cosign" });
    expect(await cosigned.text()).toContain("等待居民评价达到验收要求");

    // Residents rate on the rating page; staff get the QR code to print.
    const ratePage = `${page}/rate`;
    expect(await (await staff.get(ratePage)).text()).toContain("<svg");
    for (const [i, score] of [[0, "4"], [1, "4"]] as const) {
      const resident = await as(p.residents[i].user);
      const rated = await resident.post(ratePage, { score, comment: i === 0 ? "灯很亮" : "" });
      expect(rated.status).toBe(200);
    }
    const again = await (await as(p.residents[0].user)).post(ratePage, { score: "1" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("每户只能评价一次");
    const [row] = await db().select().from(milestones).where(eq(milestones.id, m.id));
    expect(row.status).toBe("paid");
    const publicAfter = await (await anonymous.get(page)).text();
    expect(publicAfter).toContain("已从基金拨付 ¥3,000.00");
    expect(publicAfter).toContain("灯很亮");
    expect(publicAfter).not.toContain(p.residents[0].user.displayName);
  });

  it("answers bad input in the user's language and writes nothing", async () => {
    const p = await deliveryProject();
    const page = `/projects/${p.project.id}/milestones/${p.milestones[0].id}`;
    const org = await as(p.reporterUser);
    const res = await org.post(page, { _intent: "save", narrative: "x", actual: "很多", hours: "-3" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("请填写不超过 7 位的整数");
    expect(html).toContain("请填写小时数");
    expect(await db().select().from(milestoneReports).where(eq(milestoneReports.milestoneId, p.milestones[0].id))).toEqual([]);
    // The rating window is open (as after a submission); a score out of range is refused beside the field.
    await db().update(milestones).set({ status: "submitted", ratingOpensAt: new Date(Date.now() - 60_000), ratingClosesAt: new Date(Date.now() + 86_400_000) }).where(eq(milestones.id, p.milestones[0].id));
    // A milestone id that is not there, or one asked for under another project: 404, not 500.
    expect((await org.get(`/projects/${p.project.id}/milestones/no-such-milestone`)).status).toBe(404);
    expect((await org.post(`/projects/${p.project.id}/milestones/no-such-milestone`, { _intent: "submit" })).status).toBe(404);
    // An empty start-project form: refused as bad input (each field's message is a key the form shows), nothing written.
    const projectsBefore = await db().$count(projects);
    const empty = await (await as(p.staffUser)).post(`/community/${p.community.id}/projects/new`, {});
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("errors.required");
    expect(await db().$count(projects)).toBe(projectsBefore);
    const rate = await (await as(p.residents[0].user)).post(`${page}/rate`, { score: "9" });
    expect(rate.status).toBe(422);
    expect(await rate.text()).toContain("请选择 1 到 5 分");
    const [row] = await db().select().from(milestones).where(eq(milestones.id, p.milestones[0].id));
    expect(row.status).toBe("submitted");
  });
});
