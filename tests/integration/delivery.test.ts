// The milestone machine (docs/product.md §4): an organisation reports with evidence, community staff accept
// or send back, the 监委会 co-signs where the money is the community's own, residents rate once per
// household, and the payment leaves the fund exactly once, for the amount the agreement fixed.
import { afterAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, journalEntries, journalLines, milestonePayments, milestoneRatings, milestoneReports, milestones, projects } from "@db/schema";
import { addEvidence, removeEvidence, saveDraft, submitReport } from "~/domains/delivery/reports.server";
import { acceptReport, cosignReport, requestChanges } from "~/domains/delivery/review.server";
import { hideRatingComment, rateMilestone } from "~/domains/delivery/rate.server";
import { recordBankPayment, retryRelease } from "~/domains/delivery/payments.server";
import { checkEvidenceUpload } from "~/domains/delivery/evidence.server";
import { milestonePage } from "~/domains/delivery/queries.server";
import { setRatingBar } from "~/domains/delivery/rating-bar.server";
import { runRatingWindowSweep } from "~/domains/delivery/rating-window.server";
import { reportDraftSchema } from "~/domains/delivery/schemas";
import { balanceOf } from "~/domains/ledger/post-entry.server";
import { verifyChain } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { actorOf, addResident, createCommunity, createHousehold, createUser, fundMoneyIn, jpegBytes, refusalOf, temporaryStorage } from "../factories";
import { deliveryProject, photoTakenAt } from "../factories/delivery";
import { parseInput } from "~/utils/forms.server";

const storage = temporaryStorage("sanshe-delivery-files-");
afterAll(() => storage.remove());

const report = (narrative = "本阶段完成了 27 个单元的路灯安装和调试。") =>
  parseInput(reportDraftSchema, { narrative, actual: "27", group: ["移民小区住户", "老年人"], groupCount: ["81", "30"], hours: "16.5", spent: "3000" });

async function photo(takenAt = "2026:11:20 19:30:00") {
  const file = await checkEvidenceUpload({ fileName: "路灯.jpg", bytes: photoTakenAt({ takenAt, latitude: 29.5312, longitude: 106.5721 }), tooLarge: false });
  if ("error" in file) throw new Error(file.error);
  return file;
}

/** The organisation writes and submits a complete report. */
async function reportAndSubmit(p: Awaited<ReturnType<typeof deliveryProject>>, milestoneId = p.milestones[0].id) {
  await saveDraft({ actor: p.reporter, milestoneId, input: report() });
  await addEvidence({ actor: p.reporter, milestoneId, file: await photo() });
  return submitReport({ actor: p.reporter, milestoneId });
}

async function verifyFundChain(fundId: string) {
  const entries = [];
  for await (const e of ledgerEntries(fundId)) entries.push(e);
  return verifyChain(entries).intact;
}

const ratingIdOf = async (milestoneId: string, householdId: string) =>
  (await db().select({ id: milestoneRatings.id }).from(milestoneRatings).where(and(eq(milestoneRatings.milestoneId, milestoneId), eq(milestoneRatings.householdId, householdId))))[0].id;
const serialised = (value: unknown) => JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));

const milestoneRow = async (id: string) => (await db().select().from(milestones).where(eq(milestones.id, id)))[0];

describe("an organisation reports a milestone", () => {
  it("keeps a draft, records when and where each photo was taken, and submits it as version 1", async () => {
    const p = await deliveryProject();
    const m = p.milestones[0];
    await saveDraft({ actor: p.reporter, milestoneId: m.id, input: report() });
    const evidence = await addEvidence({ actor: p.reporter, milestoneId: m.id, file: await photo() });
    expect(evidence.takenAt?.toISOString()).toBe("2026-11-20T11:30:00.000Z"); // 19:30 China time
    expect(evidence.latitude).toBeCloseTo(29.5312, 3);
    expect(evidence.longitude).toBeCloseTo(106.5721, 3);
    // The stored file no longer carries the EXIF block (time and place live only in our columns).
    const stored = await import("~/utils/storage.server").then((s) => s.fileStorage().get(evidence.storageKey));
    expect(Buffer.from(stored!.bytes).includes(Buffer.from("Exif\0\0"))).toBe(false);

    const submitted = await submitReport({ actor: p.reporter, milestoneId: m.id });
    expect(submitted.version).toBe(1);
    const row = await milestoneRow(m.id);
    expect(row.status).toBe("submitted");
    expect(row.ratingOpensAt).not.toBeNull();
    const [saved] = await db().select().from(milestoneReports).where(eq(milestoneReports.milestoneId, m.id));
    expect(saved.indicators).toEqual([{ indicator: "服务老人", target: 200, unit: "人次", actual: 27 }]);
    expect(saved.beneficiaries).toEqual([
      { group: "移民小区住户", count: 81 },
      { group: "老年人", count: 30 },
    ]);
    expect(saved.serviceHoursTenths).toBe(165);
    expect(saved.spending).toEqual([{ label: "材料费", amountFen: 300000 }]);
  });

  it("cannot submit a report without a narrative or without evidence, and says which is missing", async () => {
    const p = await deliveryProject();
    await saveDraft({ actor: p.reporter, milestoneId: p.milestones[0].id, input: report("太短") });
    const refusal = await refusalOf(submitReport({ actor: p.reporter, milestoneId: p.milestones[0].id }));
    expect(refusal.fieldErrors).toEqual({ narrative: "delivery.narrativeRequired", attachment: "delivery.evidenceRequired" });
    expect((await milestoneRow(p.milestones[0].id)).status).toBe("pending");
  });

  it("refuses reports from anyone outside the delivering organisation", async () => {
    const p = await deliveryProject();
    expect((await refusalOf(saveDraft({ actor: p.staff, milestoneId: p.milestones[0].id, input: report() }))).code).toBe("forbidden");
    expect((await refusalOf(saveDraft({ actor: p.residents[0].actor, milestoneId: p.milestones[0].id, input: report() }))).code).toBe("forbidden");
  });

  it("refuses a file that is not a photo or PDF by its bytes", async () => {
    const checked = await checkEvidenceUpload({ fileName: "x.jpg", bytes: new TextEncoder().encode("<html>not a photo</html>"), tooLarge: false });
    expect(checked).toEqual({ error: "proposals.attachmentType" });
  });

  it("goes back for changes with comments per item, and the resubmission is version 2 with version 1 kept", async () => {
    const p = await deliveryProject();
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await requestChanges({ actor: p.staff, milestoneId: m.id, comments: { spending: "请附上材料发票", evidence: "缺少安装后夜间照片" } });
    expect((await milestoneRow(m.id)).status).toBe("changes_requested");
    const page = await milestonePage(p.reporter, p.project.id, m.id);
    expect(page!.reviews[0].comments).toEqual({ spending: "请附上材料发票", evidence: "缺少安装后夜间照片" });

    // The new draft starts from version 1 (figures and evidence), and the organisation adds a photo.
    await addEvidence({ actor: p.reporter, milestoneId: m.id, file: await photo("2026:11:21 20:00:00") });
    const second = await submitReport({ actor: p.reporter, milestoneId: m.id });
    expect(second.version).toBe(2);
    const versions = await db().select({ version: milestoneReports.version, status: milestoneReports.status }).from(milestoneReports).where(eq(milestoneReports.milestoneId, m.id)).orderBy(milestoneReports.version);
    expect(versions).toEqual([
      { version: 1, status: "changes_requested" },
      { version: 2, status: "submitted" },
    ]);
    const again = await milestonePage(p.staff, p.project.id, m.id);
    expect(again!.versions[0].evidence).toHaveLength(2);
    expect(again!.versions[1].evidence).toHaveLength(1);
  });

  it("lets the organisation drop a file from its draft, but not from a submitted version", async () => {
    const p = await deliveryProject();
    const m = p.milestones[0];
    await saveDraft({ actor: p.reporter, milestoneId: m.id, input: report() });
    const kept = await addEvidence({ actor: p.reporter, milestoneId: m.id, file: await photo() });
    const dropped = await addEvidence({ actor: p.reporter, milestoneId: m.id, file: await photo() });
    await removeEvidence({ actor: p.reporter, milestoneId: m.id, evidenceId: dropped.id });
    await submitReport({ actor: p.reporter, milestoneId: m.id });
    expect((await refusalOf(removeEvidence({ actor: p.reporter, milestoneId: m.id, evidenceId: kept.id }))).code).toBe("conflict");
  });
});

describe("community staff accept, and the payment is released", () => {
  it("pays an accepted milestone by payment instruction when no fund pays, and the funder records the bank reference", async () => {
    const p = await deliveryProject({ amountFen: 10_000_000n, milestones: [{ shareBp: 3333 }, { shareBp: 3333 }, { shareBp: 3334 }] });
    const m = p.milestones[0];
    await reportAndSubmit(p, m.id);
    const outcome = await acceptReport({ actor: p.staff, milestoneId: m.id });
    expect(outcome).toMatchObject({ accepted: true, payment: "payable" });
    const [payment] = await db().select().from(milestonePayments).where(eq(milestonePayments.milestoneId, m.id));
    expect(payment).toMatchObject({ method: "instruction", status: "payable", amountFen: 3_333_000n });
    expect((await milestoneRow(m.id)).status).toBe("accepted");

    await recordBankPayment({ actor: p.staff, milestoneId: m.id, paymentId: payment.id, bankReference: "ICBC-20261123-0001" });
    expect((await milestoneRow(m.id)).status).toBe("paid");
    expect((await refusalOf(recordBankPayment({ actor: p.staff, milestoneId: m.id, paymentId: payment.id, bankReference: "ICBC-20261123-0002" }))).messageKey).toBe("delivery.alreadyPaid");
  });

  it("never lets the organisation accept its own report", async () => {
    const p = await deliveryProject();
    await reportAndSubmit(p);
    expect((await refusalOf(acceptReport({ actor: p.reporter, milestoneId: p.milestones[0].id }))).code).toBe("forbidden");
    // Not even a staff member who also belongs to the delivering organisation.
    await db().execute(sql`insert into memberships (org_id, user_id, role) values (${p.provider.id}, ${p.staffUser.id}, 'member')`);
    const twoHats = await actorOf(p.staffUser);
    expect((await refusalOf(acceptReport({ actor: twoHats, milestoneId: p.milestones[0].id }))).messageKey).toBe("delivery.ownReport");
    expect((await milestoneRow(p.milestones[0].id)).status).toBe("submitted");
  });

  it("refuses to accept a milestone with nothing submitted", async () => {
    const p = await deliveryProject();
    expect((await refusalOf(acceptReport({ actor: p.staff, milestoneId: p.milestones[0].id }))).messageKey).toBe("delivery.notUnderReview");
  });

  it("waits for the 监委会 co-signature on the community's own money, then posts one balanced disbursement of the agreed amount", async () => {
    const p = await deliveryProject({ fund: "micro_fund", amountFen: 300_000n, fundFen: 500_000n });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    const afterStaff = await acceptReport({ actor: p.staff, milestoneId: m.id });
    expect(afterStaff).toMatchObject({ accepted: false, waiting: "cosign" });
    expect(await balanceOf(db() as never, p.fundId!, ["cash"])).toBe(500_000n);

    const afterCosign = await cosignReport({ actor: p.supervisor, milestoneId: m.id });
    expect(afterCosign).toMatchObject({ accepted: true, payment: "paid" });
    const entries = await db().select().from(journalEntries).where(and(eq(journalEntries.fundId, p.fundId!), eq(journalEntries.kind, "disbursement")));
    expect(entries).toHaveLength(1);
    const lines = await db().select().from(journalLines).where(eq(journalLines.entryId, entries[0].id));
    const debit = lines.reduce((s, l) => s + l.debitFen, 0n);
    const credit = lines.reduce((s, l) => s + l.creditFen, 0n);
    expect(debit).toBe(300_000n);
    expect(credit).toBe(300_000n);
    expect(await balanceOf(db() as never, p.fundId!, ["cash"])).toBe(200_000n);
    expect((await milestoneRow(m.id)).status).toBe("paid");
    expect(await verifyFundChain(p.fundId!)).toBe(true);
  });

  it("refuses a co-signature before the staff accepted, by the same person, or by someone without the supervisor's role", async () => {
    const p = await deliveryProject({ fund: "micro_fund" });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    expect((await refusalOf(cosignReport({ actor: p.supervisor, milestoneId: m.id }))).messageKey).toBe("delivery.cosignBeforeStaff");
    expect((await refusalOf(cosignReport({ actor: p.staff, milestoneId: m.id }))).code).toBe("forbidden");
    // A supervisor who is also community staff accepts; they cannot co-sign their own acceptance.
    await db().execute(sql`insert into memberships (org_id, user_id, role) select id, ${p.supervisorUser!.id}, 'member' from organisations where kind = 'community_committee' and place_id = ${p.community.id} limit 1`);
    const both = await actorOf(p.supervisorUser!);
    await acceptReport({ actor: both, milestoneId: m.id });
    expect((await refusalOf(cosignReport({ actor: both, milestoneId: m.id }))).messageKey).toBe("delivery.cosignSamePerson");
  });

  it("releases once when two co-signers act at the same moment", async () => {
    const p = await deliveryProject({ fund: "micro_fund", amountFen: 300_000n, fundFen: 1_000_000n });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await acceptReport({ actor: p.staff, milestoneId: m.id });
    const second = await createUser({ name: "第二位监事" });
    await db().execute(sql`insert into fund_roles (fund_id, user_id, role) values (${p.fundId}, ${second.id}, 'supervisor')`);
    const results = await Promise.allSettled([cosignReport({ actor: p.supervisor, milestoneId: m.id }), cosignReport({ actor: await actorOf(second), milestoneId: m.id })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const payments = await db().select().from(milestonePayments).where(eq(milestonePayments.milestoneId, m.id));
    expect(payments).toHaveLength(1);
    expect(await balanceOf(db() as never, p.fundId!, ["cash"])).toBe(700_000n);
  });

  it("keeps the milestone accepted but unpaid when the fund is short, and a manager releases it once money is in", async () => {
    const p = await deliveryProject({ fund: "micro_fund", amountFen: 300_000n, fundFen: 100_000n });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await acceptReport({ actor: p.staff, milestoneId: m.id });
    expect(await cosignReport({ actor: p.supervisor, milestoneId: m.id })).toMatchObject({ accepted: true, payment: "insufficient" });
    expect((await milestoneRow(m.id)).status).toBe("accepted");
    const [manager] = await db().execute<{ user_id: string }>(sql`select user_id from fund_roles where fund_id = ${p.fundId} and role = 'manager' limit 1`);
    const managerActor = await actorOf({ id: manager.user_id, isPlatformAdmin: false });
    expect((await refusalOf(retryRelease({ actor: managerActor, milestoneId: m.id }))).messageKey).toBe("delivery.fundShort");
    await fundMoneyIn(p.fundId!, 200_000n);
    const both = await Promise.allSettled([retryRelease({ actor: managerActor, milestoneId: m.id }), retryRelease({ actor: managerActor, milestoneId: m.id })]);
    expect(both.map((r) => (r.status === "fulfilled" ? r.value : "refused")).sort()).toEqual(["paid", "refused"]);
    expect(await balanceOf(db() as never, p.fundId!, ["cash"])).toBe(0n);
    expect((await milestoneRow(m.id)).status).toBe("paid");
  });

  it("pays once when two staff accept the same report at the same moment", async () => {
    const p = await deliveryProject({ amountFen: 500_000n });
    await reportAndSubmit(p);
    const colleague = await createUser({ name: "另一位社工" });
    await db().execute(sql`insert into memberships (org_id, user_id, role) values (${p.funder!.id}, ${colleague.id}, 'member')`);
    const results = await Promise.allSettled([acceptReport({ actor: p.staff, milestoneId: p.milestones[0].id }), acceptReport({ actor: await actorOf(colleague), milestoneId: p.milestones[0].id })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const payments = await db().select().from(milestonePayments).where(eq(milestonePayments.projectId, p.project.id));
    expect(payments.map((x) => x.amountFen)).toEqual([500_000n]);
  });

  it("takes the report of an overdue milestone, and the milestone leaves overdue", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: "2026-01-15" }] });
    await db().update(milestones).set({ status: "overdue", overdueSince: "2026-01-16" }).where(eq(milestones.id, p.milestones[0].id));
    await reportAndSubmit(p);
    const row = await milestoneRow(p.milestones[0].id);
    expect(row.status).toBe("submitted");
    expect(row.overdueSince).toBe("2026-01-16"); // the record of lateness stays
  });

  it("can never pay a project more than its amount, even written straight into the database", async () => {
    const p = await deliveryProject({ amountFen: 100_000n, milestones: [{ shareBp: 5000 }, { shareBp: 5000 }] });
    await db().insert(milestonePayments).values({ id: "pay-1", milestoneId: p.milestones[0].id, projectId: p.project.id, amountFen: 50_000n, method: "instruction", status: "payable" });
    const refused = await db()
      .insert(milestonePayments)
      .values({ id: "pay-2", milestoneId: p.milestones[1].id, projectId: p.project.id, amountFen: 50_001n, method: "instruction", status: "payable" })
      .then(
        () => null,
        (e: { cause?: { message?: string } }) => e.cause?.message ?? String(e),
      );
    expect(refused).toMatch(/exceed the project amount/);
  });

  it("closes the project when its last milestone is paid", async () => {
    const p = await deliveryProject({ fund: "micro_fund", amountFen: 300_000n });
    await reportAndSubmit(p);
    await acceptReport({ actor: p.staff, milestoneId: p.milestones[0].id });
    await cosignReport({ actor: p.supervisor, milestoneId: p.milestones[0].id });
    const [project] = await db().select().from(projects).where(eq(projects.id, p.project.id));
    expect(project.status).toBe("completed");
    expect(project.evaluation).toMatchObject({ budgetExecutedPct: 100 });
  });
});

describe("民事民评: residents rate a reported milestone", () => {
  it("takes one rating per household, refuses a second one from the same household, and shows ratings without names", async () => {
    const p = await deliveryProject();
    await reportAndSubmit(p);
    const m = p.milestones[0];
    await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 5, comment: "晚上终于亮了" } });
    // A second member of the same household.
    const spouse = await createUser({ name: "王秀英的丈夫" });
    await addResident(spouse.id, p.residents[0].household.id);
    expect((await refusalOf(rateMilestone({ actor: await actorOf(spouse), milestoneId: m.id, input: { score: 1 } }))).messageKey).toBe("delivery.householdAlreadyRated");
    const page = await milestonePage(null, p.project.id, m.id);
    expect(page!.summary).toEqual({ count: 1, averageTenths: 50 });
    expect(serialised(page)).not.toContain(p.residents[0].user.displayName);
    expect(serialised(page)).not.toContain(p.residents[0].household.id);
  });

  it("refuses a resident outside the project's scope, one before the report, and the organisation itself", async () => {
    const p = await deliveryProject();
    const m = p.milestones[0];
    expect((await refusalOf(rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 4 } }))).messageKey).toBe("delivery.ratingClosed");
    await reportAndSubmit(p);
    const elsewhere = await createCommunity();
    const outsider = await createUser();
    await addResident(outsider.id, (await createHousehold(elsewhere.building.id)).id);
    expect((await refusalOf(rateMilestone({ actor: await actorOf(outsider), milestoneId: m.id, input: { score: 1 } }))).messageKey).toBe("delivery.rateOutOfScope");
    const unverified = await createUser();
    await addResident(unverified.id, (await createHousehold(p.building.id)).id, false);
    expect((await refusalOf(rateMilestone({ actor: await actorOf(unverified), milestoneId: m.id, input: { score: 1 } }))).messageKey).toBe("delivery.rateNeedsHousehold");
    await addResident(p.reporterUser.id, (await createHousehold(p.building.id)).id);
    expect((await refusalOf(rateMilestone({ actor: await actorOf(p.reporterUser), milestoneId: m.id, input: { score: 5 } }))).messageKey).toBe("delivery.ownReport");
    // After the window, nobody rates.
    const late = new Date(Date.now() + 15 * 86_400_000);
    expect((await refusalOf(rateMilestone({ actor: p.residents[1].actor, milestoneId: m.id, input: { score: 4 }, now: late }))).messageKey).toBe("delivery.ratingClosed");
  });

  it("accepts only when the rating bar is reached: the third household's rating releases the money", async () => {
    const p = await deliveryProject({ fund: "micro_fund", amountFen: 300_000n, ratingBar: { tenths: 35, households: 3 } });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await acceptReport({ actor: p.staff, milestoneId: m.id });
    expect(await cosignReport({ actor: p.supervisor, milestoneId: m.id })).toMatchObject({ accepted: false, waiting: "ratings" });
    await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 5 } });
    await rateMilestone({ actor: p.residents[1].actor, milestoneId: m.id, input: { score: 4 } });
    expect((await milestoneRow(m.id)).status).toBe("submitted");
    const last = await rateMilestone({ actor: p.residents[2].actor, milestoneId: m.id, input: { score: 4 } });
    expect(last).toMatchObject({ accepted: true, payment: "paid" });
    expect((await milestoneRow(m.id)).status).toBe("paid");
  });

  it("opens the rating again when a report is resubmitted after the window closed", async () => {
    const p = await deliveryProject({ ratingBar: { tenths: 35, households: 2 } });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 2 } });
    await requestChanges({ actor: p.staff, milestoneId: m.id, comments: { general: "居民不满意，请返工" } });
    const later = new Date(Date.now() + 20 * 86_400_000);
    expect((await refusalOf(rateMilestone({ actor: p.residents[1].actor, milestoneId: m.id, input: { score: 5 }, now: later }))).messageKey).toBe("delivery.ratingClosed");
    await submitReport({ actor: p.reporter, milestoneId: m.id, now: later });
    await rateMilestone({ actor: p.residents[1].actor, milestoneId: m.id, input: { score: 5 }, now: new Date(later.getTime() + 60_000) });
    await rateMilestone({ actor: p.residents[2].actor, milestoneId: m.id, input: { score: 5 }, now: new Date(later.getTime() + 60_000) });
    // 2, 5, 5: an average of 4.0 from three households reaches the bar.
    expect(await acceptReport({ actor: p.staff, milestoneId: m.id })).toMatchObject({ accepted: true, payment: "payable" });
  });

  it("tells staff and the organisation once when the rating window closes short of the bar", async () => {
    const p = await deliveryProject({ ratingBar: { tenths: 35, households: 3 } });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 5 } });
    const notices = async () =>
      (await db().execute<{ payload: { kind: string; params: Record<string, unknown> } }>(sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify'`)).filter((j) => j.payload.kind === "milestone_rating_short");
    expect(await runRatingWindowSweep()).toBe(0); // still open
    const afterWindow = new Date(Date.now() + 15 * 86_400_000);
    expect(await runRatingWindowSweep(afterWindow)).toBe(1);
    expect(await runRatingWindowSweep(afterWindow)).toBe(0);
    const [notice] = await notices();
    expect(notice.payload.params).toMatchObject({ count: 1, average: "5.0", bar: "3.5", households: 3 });
    expect(await notices()).toHaveLength(1);
  });

  it("does not accept when the households rate below the bar", async () => {
    const p = await deliveryProject({ ratingBar: { tenths: 35, households: 2 } });
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 2 } });
    await rateMilestone({ actor: p.residents[1].actor, milestoneId: m.id, input: { score: 4 } });
    expect(await acceptReport({ actor: p.staff, milestoneId: m.id })).toMatchObject({ accepted: false, waiting: "ratings" });
  });

  it("lets staff hide an abusive comment with a reason kept in the audit log; the score still counts", async () => {
    const p = await deliveryProject();
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await rateMilestone({ actor: p.residents[0].actor, milestoneId: m.id, input: { score: 1, comment: "一句骂人的话" } });
    expect((await refusalOf(hideRatingComment({ actor: p.residents[1].actor, milestoneId: m.id, ratingId: await ratingIdOf(m.id, p.residents[0].household.id), reason: "辱骂" }))).code).toBe("forbidden");
    await hideRatingComment({ actor: p.staff, milestoneId: m.id, ratingId: await ratingIdOf(m.id, p.residents[0].household.id), reason: "含有辱骂内容" });
    const page = await milestonePage(null, p.project.id, m.id);
    expect(page!.ratings).toEqual([expect.objectContaining({ score: 1, comment: null, hidden: true })]);
    expect(serialised(page)).not.toContain("一句骂人的话");
    const [log] = await db().select().from(auditLog).where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, "milestone.rating_hide")));
    expect(log.detail).toMatchObject({ reason: "含有辱骂内容", comment: "一句骂人的话" });
  });
});

describe("the funder's rating bar", () => {
  it("is set by the funding organisation before any report, and locked once one is submitted", async () => {
    const p = await deliveryProject();
    const [funderAdmin] = await db().execute<{ user_id: string }>(sql`select user_id from memberships where org_id = ${p.funder!.id} and role = 'admin'`);
    const funder = await actorOf({ id: funderAdmin.user_id, isPlatformAdmin: false });
    expect((await refusalOf(setRatingBar({ actor: p.reporter, projectId: p.project.id, input: { ratingBar: "3.5", ratingHouseholds: 2 } }))).code).toBe("forbidden");
    await setRatingBar({ actor: funder, projectId: p.project.id, input: { ratingBar: "3.5", ratingHouseholds: 2 } });
    const [project] = await db().select().from(projects).where(eq(projects.id, p.project.id));
    expect([project.ratingBarTenths, project.ratingBarHouseholds]).toEqual([35, 2]);
    await reportAndSubmit(p);
    expect((await refusalOf(setRatingBar({ actor: funder, projectId: p.project.id, input: { ratingBar: "none" } }))).messageKey).toBe("delivery.ratingBarLocked");
    expect(await acceptReport({ actor: p.staff, milestoneId: p.milestones[0].id })).toMatchObject({ accepted: false, waiting: "ratings" });
  });
});

describe("who sees what", () => {
  it("shows the public the submitted figures but not the evidence files, the draft or the review comments", async () => {
    const p = await deliveryProject();
    const m = p.milestones[0];
    await reportAndSubmit(p);
    await requestChanges({ actor: p.staff, milestoneId: m.id, comments: { general: "请补充夜间照片" } });
    await saveDraft({ actor: p.reporter, milestoneId: m.id, input: report("第二版草稿，还在修改中的内容。") });
    const publicPage = await milestonePage(null, p.project.id, m.id);
    expect(publicPage!.versions.map((v) => v.status)).toEqual(["changes_requested"]);
    expect(publicPage!.versions[0].evidence).toEqual([]);
    expect(publicPage!.versions[0].evidenceCount).toBe(1);
    expect(publicPage!.reviews).toEqual([]);
    const own = await milestonePage(p.reporter, p.project.id, m.id);
    expect(own!.versions.map((v) => v.status)).toEqual(["draft", "changes_requested"]);
    expect(own!.versions[1].evidence[0].latitude).toBeCloseTo(29.53, 1);
  });

  it("answers a milestone asked for under another project as not found", async () => {
    const p = await deliveryProject();
    const q = await deliveryProject();
    expect(await milestonePage(null, q.project.id, p.milestones[0].id)).toBeNull();
  });

  it("keeps a plain JPEG without metadata as evidence, with no time or place", async () => {
    const file = await checkEvidenceUpload({ fileName: "签到表.jpg", bytes: jpegBytes(), tooLarge: false });
    expect(file).toMatchObject({ contentType: "image/jpeg", takenAt: null, latitude: null, longitude: null, fileName: "签到表.jpg" });
  });
});
