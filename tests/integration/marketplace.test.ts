import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, proposals, serviceNeedClarifications, serviceNeeds, savedSearches } from "@db/schema";
import { newId } from "~/utils/ids";
import { eq } from "drizzle-orm";
import { parseInput } from "~/utils/forms.server";
import { serviceNeedSchema, marketFilterSchema } from "~/domains/marketplace/schemas";
import { draftServiceNeed, editServiceNeed } from "~/domains/marketplace/post-service-need.server";
import { publishServiceNeed } from "~/domains/marketplace/publish-service-need.server";
import { extendDeadline } from "~/domains/marketplace/extend-deadline.server";
import { withdrawServiceNeed } from "~/domains/marketplace/withdraw-service-need.server";
import { askQuestion } from "~/domains/marketplace/ask-question.server";
import { answerQuestion } from "~/domains/marketplace/answer-question.server";
import { closeBidding, closeOverdueBidding } from "~/domains/marketplace/close-bidding.server";
import { checkEligibility } from "~/domains/marketplace/eligibility.server";
import { searchMarket } from "~/domains/marketplace/queries.server";
import { saveSearch } from "~/domains/marketplace/saved-searches.server";
import { sendDigests } from "~/domains/marketplace/digest.server";
import { createCommunity, listedServiceNeed, providerServing, purchasingCommunity, refusalOf, serviceNeedForm, biddingOrg } from "../factories";

let huijing: Awaited<ReturnType<typeof purchasingCommunity>>;
let meihu: Awaited<ReturnType<typeof purchasingCommunity>>;

beforeAll(async () => {
  huijing = await purchasingCommunity("惠景社区");
  meihu = await purchasingCommunity("美湖社区");
});

const form = (overrides: Record<string, string> = {}) => parseInput(serviceNeedSchema, serviceNeedForm(overrides));
const jobs = (task: string) =>
  db().execute<{ payload: Record<string, unknown>; key: string | null; run_at: Date }>(
    sql`select j.payload, j.key, j.run_at from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = ${task}`,
  );
const statusOf = async (id: string) => (await db().select({ s: serviceNeeds.status }).from(serviceNeeds).where(eq(serviceNeeds.id, id)))[0]?.s;

async function published(overrides: Record<string, string> = {}) {
  const { id } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form(overrides) });
  await publishServiceNeed({ actor: huijing.staff, serviceNeedId: id });
  return id;
}

describe("posting a service need", () => {
  it("staff save a draft with its budget in fen and its questions, then publish it, which schedules the deadline job", async () => {
    const { id } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form() });
    const [row] = await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
    expect([row.status, row.budgetMinFen, row.budgetMaxFen, row.postedByOrgId]).toEqual(["draft", 8_000_000n, 12_000_050n, huijing.committee.id]);
    await publishServiceNeed({ actor: huijing.staff, serviceNeedId: id });
    expect(await statusOf(id)).toBe("published");
    const deadlineJob = (await jobs("close_service_need_bidding")).find((j) => j.key === `service-need-deadline:${id}`);
    expect(new Date(deadlineJob!.run_at).getTime()).toBe(row.proposalDeadline.getTime());
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action)).toEqual(["service_need.draft", "service_need.published"]);
  });

  it("staff may ask for a minimum reputation, kept with the need and shown back in the form", async () => {
    const { id } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form({ minReputation: "70" }) });
    const [row] = await db().select({ minReputation: serviceNeeds.minReputation }).from(serviceNeeds).where(eq(serviceNeeds.id, id));
    expect(row.minReputation).toBe(70);
    await editServiceNeed({ actor: huijing.staff, serviceNeedId: id, input: form() });
    const [cleared] = await db().select({ minReputation: serviceNeeds.minReputation }).from(serviceNeeds).where(eq(serviceNeeds.id, id));
    expect(cleared.minReputation).toBeNull();
  });

  it("staff of another community can neither post for this community nor edit its drafts", async () => {
    expect((await refusalOf(draftServiceNeed({ actor: meihu.staff, communityId: huijing.community.id, input: form() }))).code).toBe("forbidden");
    const { id } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form() });
    expect((await refusalOf(editServiceNeed({ actor: meihu.staff, serviceNeedId: id, input: form({ title: "改掉别人的草稿" }) }))).code).toBe("forbidden");
    expect((await refusalOf(publishServiceNeed({ actor: meihu.staff, serviceNeedId: id }))).code).toBe("forbidden");
  });

  it("a budget range the wrong way round, a period ending before it starts and eleven questions are each refused beside their field", () => {
    const issues = (o: Record<string, string>) => {
      const r = serviceNeedSchema.safeParse(serviceNeedForm(o));
      return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
    };
    expect(issues({ budgetMin: "120000", budgetMax: "80000" })).toEqual({ budgetMax: "marketplace.budgetWrongWay" });
    expect(issues({ periodStart: "2027-12-31", periodEnd: "2027-01-01" })).toEqual({ periodEnd: "marketplace.periodWrongWay" });
    expect(issues({ questions: Array.from({ length: 11 }, (_, i) => `问题${i}`).join("\n") })).toEqual({ questions: "marketplace.tooManyQuestions" });
    expect(issues({ budgetMin: "一万" })).toEqual({ budgetMin: "marketplace.amountInvalid" });
    expect(issues({ beneficiaryGroup: "张三 13912345678" })).toEqual({ beneficiaryGroup: "marketplace.groupNoPersonalData" });
    expect(issues({ periodEnd: "2027-02-30", proposalDeadline: "2027-02-29T10:00" })).toEqual({ periodEnd: "marketplace.dateInvalid", proposalDeadline: "marketplace.dateInvalid" });
    expect(issues({ periodStart: "0000-01-01", proposalDeadline: "0000-01-01T10:00" })).toEqual({ periodStart: "marketplace.dateInvalid", proposalDeadline: "marketplace.dateInvalid" });
    expect(issues({ questions: "" })).toEqual({});
    expect(issues({ minReputation: "0" })).toEqual({ minReputation: "marketplace.reputationInvalid" });
    expect(issues({ minReputation: "101" })).toEqual({ minReputation: "marketplace.reputationInvalid" });
    expect(issues({ minReputation: "七十" })).toEqual({ minReputation: "marketplace.reputationInvalid" });
  });

  it("publishing with a deadline already past is refused beside the deadline, and the draft stays a draft", async () => {
    const { id } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form({ proposalDeadline: "2020-01-01T12:00" }) });
    const refusal = await refusalOf(publishServiceNeed({ actor: huijing.staff, serviceNeedId: id }));
    expect(refusal.fieldErrors).toEqual({ proposalDeadline: "marketplace.deadlinePast" });
    expect(await statusOf(id)).toBe("draft");
  });

  it("a place of another community is refused, and a published need can no longer be edited", async () => {
    const elsewhere = await createCommunity("别处社区");
    expect((await refusalOf(draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form({ placeId: elsewhere.grid.id }) }))).fieldErrors).toEqual({ placeId: "marketplace.placeInvalid" });
    const id = await published();
    expect((await refusalOf(editServiceNeed({ actor: huijing.staff, serviceNeedId: id, input: form() }))).code).toBe("conflict");
  });

  it("a wrong id is not found", async () => {
    expect((await refusalOf(publishServiceNeed({ actor: huijing.staff, serviceNeedId: "no-such-need" }))).code).toBe("not_found");
  });
});

describe("extending and withdrawing", () => {
  it("extending moves the deadline later, moves the job with it and tells the organisations that asked or have a draft proposal", async () => {
    const id = await published();
    const asker = await biddingOrg();
    const drafter = await biddingOrg();
    await askQuestion({ actor: asker.ownerActor, serviceNeedId: id, question: "老人的饮食禁忌如何登记？" });
    await db().insert(proposals).values({ id: newId(), serviceNeedId: id, orgId: drafter.org.id, status: "draft", createdBy: drafter.owner.id });
    const later = new Date(Date.now() + 30 * 86_400_000);
    await extendDeadline({ actor: huijing.staff, serviceNeedId: id, proposalDeadline: later });
    const job = (await jobs("close_service_need_bidding")).filter((j) => j.key === `service-need-deadline:${id}`);
    expect(job.map((j) => new Date(j.run_at).getTime())).toEqual([later.getTime()]);
    const told = (await jobs("notify")).filter((j) => j.payload.kind === "service_need.extended" && (j.payload.key as string).includes(id));
    expect(told.map((j) => (j.payload.orgAdminsOf as string[]).sort())).toEqual([[asker.org.id, drafter.org.id].sort()]);
  });

  it("extending to an earlier date is refused beside the deadline", async () => {
    const id = await published();
    const refusal = await refusalOf(extendDeadline({ actor: huijing.staff, serviceNeedId: id, proposalDeadline: new Date(Date.now() + 86_400_000) }));
    expect(refusal.fieldErrors).toEqual({ proposalDeadline: "marketplace.extendOnlyLater" });
    expect((await refusalOf(extendDeadline({ actor: meihu.staff, serviceNeedId: id, proposalDeadline: new Date(Date.now() + 60 * 86_400_000) }))).code).toBe("forbidden");
  });

  it("withdrawing keeps the reason and tells the organisations that asked; a withdrawn need cannot be withdrawn again", async () => {
    const id = await published();
    const asker = await biddingOrg();
    await askQuestion({ actor: asker.ownerActor, serviceNeedId: id, question: "可以联合申报吗？" });
    await withdrawServiceNeed({ actor: huijing.staff, serviceNeedId: id, reason: "经费来源调整，重新发布" });
    const [row] = await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
    expect([row.status, row.withdrawalReason]).toEqual(["withdrawn", "经费来源调整，重新发布"]);
    const told = (await jobs("notify")).filter((j) => j.payload.kind === "service_need.withdrawn" && (j.payload.key as string).includes(id));
    expect(told.map((j) => j.payload.orgAdminsOf)).toEqual([[asker.org.id]]);
    expect((await refusalOf(withdrawServiceNeed({ actor: huijing.staff, serviceNeedId: id, reason: "再撤一次试试" }))).code).toBe("conflict");
  });

  it("when the deadline passes the need moves to evaluating once; an extended one waits for its new deadline", async () => {
    const id = await published();
    const [row] = await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
    expect(await closeBidding(id, new Date(row.proposalDeadline.getTime() - 1000))).toBe(false);
    expect(await closeBidding(id, new Date(row.proposalDeadline.getTime() + 1000))).toBe(true);
    expect(await statusOf(id)).toBe("evaluating");
    expect(await closeBidding(id, new Date(row.proposalDeadline.getTime() + 2000))).toBe(false);
    const swept = await listedServiceNeed({ communityId: huijing.community.id, postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id, proposalDeadline: new Date(Date.now() - 1000) });
    expect(await closeOverdueBidding()).toBeGreaterThanOrEqual(1);
    expect(await statusOf(swept.id)).toBe("evaluating");
  });
});

describe("questions and answers", () => {
  it("an organisation asks before the deadline; staff answer publicly; the asker is kept but never part of the answer", async () => {
    const id = await published();
    const asker = await biddingOrg({ name: "提问的社工机构" });
    const { id: qid } = await askQuestion({ actor: asker.ownerActor, serviceNeedId: id, question: "送餐车辆由谁提供？" });
    expect((await refusalOf(answerQuestion({ actor: meihu.staff, serviceNeedId: id, clarificationId: qid, answer: "由社区提供" }))).code).toBe("forbidden");
    await answerQuestion({ actor: huijing.staff, serviceNeedId: id, clarificationId: qid, answer: "由中标机构自备，社区提供停放场地。" });
    const [row] = await db().select().from(serviceNeedClarifications).where(eq(serviceNeedClarifications.id, qid));
    expect([row.askedByOrgId, row.answer]).toEqual([asker.org.id, "由中标机构自备，社区提供停放场地。"]);
    expect((await refusalOf(answerQuestion({ actor: huijing.staff, serviceNeedId: id, clarificationId: qid, answer: "再答一次" }))).code).toBe("conflict");
  });

  it("asking after the deadline is refused, and so is asking about a draft or as someone without an organisation", async () => {
    const id = await published();
    const asker = await biddingOrg();
    const [row] = await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
    const after = new Date(row.proposalDeadline.getTime() + 1000);
    expect((await refusalOf(askQuestion({ actor: asker.ownerActor, serviceNeedId: id, question: "还能提问吗？", now: after }))).messageKey).toBe("marketplace.questionsClosed");
    expect((await refusalOf(askQuestion({ actor: huijing.staff, serviceNeedId: id, question: "居委会能提问吗？" }))).code).toBe("forbidden");
    const { id: draftId } = await draftServiceNeed({ actor: huijing.staff, communityId: huijing.community.id, input: form() });
    expect((await refusalOf(askQuestion({ actor: asker.ownerActor, serviceNeedId: draftId, question: "草稿能提问吗？" }))).code).toBe("conflict");
  });
});

describe("eligibility", () => {
  it("lists each unmet requirement: not verified, too few certified workers, outside the required area", async () => {
    const id = await published({ minCertifiedWorkers: "2", requiredServiceAreaId: huijing.street.id });
    const [need] = await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, id));
    const fits = await providerServing([huijing.district.id], { certified: 2 });
    const weak = await providerServing([meihu.community.id], { certified: 1, status: "pending" });
    expect(await checkEligibility(fits.org, need)).toEqual([]);
    expect(await checkEligibility(weak.org, need)).toEqual(["marketplace.unmetVerified", "marketplace.unmetCertifiedWorkers", "marketplace.unmetServiceArea"]);
    expect(await checkEligibility(huijing.committee, need)).toContain("marketplace.unmetProviderKind");
  });
});

describe("finding work", () => {
  let ids: Record<string, string>;
  const found = async (query: Record<string, string>) => {
    const { serviceNeeds: rows } = await searchMarket({ ...marketFilterSchema.parse(query) });
    return rows.map((r) => Object.entries(ids).find(([, id]) => id === r.id)?.[0]).filter(Boolean);
  };
  beforeAll(async () => {
    const base = { postedByOrgId: huijing.committee.id, createdBy: huijing.staffUser.id };
    const at = (n: number) => new Date(Date.UTC(2026, 0, n));
    const make = async (o: Partial<Parameters<typeof listedServiceNeed>[0]>) => (await listedServiceNeed({ ...base, communityId: huijing.community.id, ...o })).id;
    ids = {
      meals: await make({ title: "老年人助餐服务", description: "独居老人午餐配送。", category: "elderly_care", budgetMinFen: 8_000_000n, budgetMaxFen: 12_000_000n, publishedAt: at(5), proposalDeadline: new Date("2031-01-10T00:00:00Z") }),
      rehab: await make({ title: "社区戒毒康复社会工作服务", description: "为社区戒毒康复人员提供个案管理与就业支持。", category: "correction_rehab", budgetMinFen: 20_000_000n, budgetMaxFen: 23_000_000n, publishedAt: at(4), proposalDeadline: new Date("2031-03-01T00:00:00Z") }),
      kids: await make({ communityId: meihu.community.id, postedByOrgId: meihu.committee.id, title: "四点半课堂", description: "放学后的儿童托管与作业辅导，关爱老人子女。", category: "children", budgetMinFen: 500_000n, budgetMaxFen: 900_000n, publishedAt: at(3), proposalDeadline: new Date("2031-02-01T00:00:00Z") }),
      closed: await make({ title: "老人助浴服务", description: "已截止的助浴服务。", category: "elderly_care", publishedAt: at(2), proposalDeadline: new Date(Date.now() - 1000) }),
      draft: await make({ title: "老人助餐草稿", description: "还没发布。", status: "draft", publishedAt: null }),
    };
  });

  it("searches in Chinese by one, two and four characters, only among open service needs", async () => {
    expect(await found({ q: "餐" })).toEqual(["meals"]);
    expect(await found({ q: "老人" })).toEqual(["meals", "kids"]);
    expect(await found({ q: "戒毒康复" })).toEqual(["rehab"]);
    expect(await found({ q: "康复戒毒" })).toEqual([]);
  });

  it("filters by category, place, budget range and deadline", async () => {
    expect(await found({ category: "children" })).toEqual(["kids"]);
    expect(await found({ placeId: meihu.community.id })).toEqual(["kids"]);
    expect(await found({ placeId: huijing.street.id })).toEqual(["meals", "rehab"]);
    expect(await found({ budgetMin: "150000" })).toEqual(["rehab"]);
    expect(await found({ budgetMax: "10000" })).toEqual(["kids"]);
    expect(await found({ deadlineBy: "2031-01-31" })).toEqual(["meals"]);
    expect(await found({ budgetMin: "abc", category: "nonsense", deadlineBy: "2031-01-32" })).toEqual(["meals", "rehab", "kids"]);
  });

  it("a saved search's owner hears of needs published since the last digest, each once", async () => {
    const bidder = await biddingOrg();
    const { id } = await saveSearch({ actor: bidder.ownerActor, name: "戒毒康复", filter: marketFilterSchema.parse({ q: "戒毒", category: "correction_rehab" }) });
    await db().update(savedSearches).set({ lastDigestAt: new Date("2026-01-01T00:00:00Z") }).where(eq(savedSearches.id, id));
    const digests = async () =>
      (await jobs("notify"))
        .filter((j) => j.payload.kind === "marketplace.digest" && (j.payload.key as string).includes(id))
        .map((j) => [j.payload.userIds, (j.payload.params as Record<string, string>).count, (j.payload.params as Record<string, string>).first]);
    await sendDigests();
    expect(await digests()).toEqual([[[bidder.owner.id], "1", "社区戒毒康复社会工作服务"]]);
    await sendDigests();
    expect(await digests()).toHaveLength(1);
    await listedServiceNeed({ communityId: meihu.community.id, postedByOrgId: meihu.committee.id, createdBy: meihu.staffUser.id, title: "戒毒康复人员就业帮扶", category: "correction_rehab" });
    await sendDigests();
    expect((await digests())[1]).toEqual([[bidder.owner.id], "1", "戒毒康复人员就业帮扶"]);
  });
});
