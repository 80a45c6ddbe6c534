import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { auditLog, proposals, proposalTeamMembers, serviceAgreements, serviceNeeds } from "@db/schema";
import { approveByCouncil, selectProposal, shortlistProposal } from "~/domains/proposals/decide.server";
import { proposalForViewer, proposalsForCommunity, publicSelection } from "~/domains/proposals/queries.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import { withdrawProposal } from "~/domains/proposals/withdraw.server";
import { actorOf, biddingOrg, createServiceNeed, createUser, passDeadline, proposalInput, purchasingCommunity, refusalOf } from "../factories";

async function market(options: { requiresCouncilApproval?: boolean; minCertifiedWorkers?: number } = {}) {
  const community = await purchasingCommunity();
  const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id, ...options });
  return { community, need };
}

async function submitted(need: Awaited<ReturnType<typeof createServiceNeed>>, name?: string, total = 10_000_000n) {
  const bidder = await biddingOrg({ name });
  const input = proposalInput(need);
  input.budget[0].amount += total - 10_000_000n;
  const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: { ...input, total } });
  await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
  return { ...bidder, proposalId: draft.id };
}

const jobsOfKind = async (kind: string) =>
  (await db().execute<{ payload: { orgAdminsOf: string[]; params: { reasons: string } } }>(
    sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id where t.identifier = 'notify' and j.payload->>'kind' = ${kind}`,
  )).map((r) => r.payload);

describe("writing and submitting a proposal", () => {
  it("a member of an unverified organisation saves a draft but cannot submit it", async () => {
    const { need } = await market();
    const bidder = await biddingOrg({ status: "pending" });
    const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) });
    expect(draft.status).toBe("draft");
    const refusal = await refusalOf(submitProposal({ actor: bidder.ownerActor, proposalId: draft.id }));
    expect(refusal.messageKey).toBe("proposals.orgNotVerified");
    expect((await db().select().from(proposals).where(eq(proposals.id, draft.id)))[0].status).toBe("draft");
  });

  it("an organisation with too few certified social workers is told which requirement it misses", async () => {
    const { need } = await market({ minCertifiedWorkers: 3 });
    const bidder = await biddingOrg({ certified: 1 });
    const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) });
    const refusal = await refusalOf(submitProposal({ actor: bidder.ownerActor, proposalId: draft.id }));
    expect(refusal.messageKey).toBe("proposals.requirementsUnmet");
    expect(Object.values(refusal.fieldErrors ?? {})).toEqual(["marketplace.unmetCertifiedWorkers"]);
  });

  it("a verified organisation submits a complete proposal; its certified social worker is marked in the team", async () => {
    const { need } = await market();
    const bidder = await biddingOrg({ certified: 1 });
    const input = proposalInput(need, { team: [{ name: "项目主管", role: "负责人", userId: bidder.owner.id }, { name: "社工", role: "社工", userId: bidder.workers[0].id }] });
    const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input });
    const done = await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
    expect(done.status).toBe("submitted");
    expect(done.totalFen).toBe(10_000_000n);
    const team = await db().select().from(proposalTeamMembers).where(eq(proposalTeamMembers.proposalId, draft.id));
    expect(team.map((m) => [m.role, m.certified]).sort()).toEqual([["社工", true], ["负责人", false]]);
  });

  it("someone outside the organisation cannot write a proposal in its name", async () => {
    const { need } = await market();
    const bidder = await biddingOrg();
    const stranger = await actorOf(await createUser());
    const refusal = await refusalOf(saveDraft({ actor: stranger, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) }));
    expect(refusal.code).toBe("forbidden");
  });

  it.each([
    ["budget lines that do not add up to the total", (i: ReturnType<typeof proposalInput>) => ({ ...i, total: 9_000_000n }), "budget", "proposals.budgetNotSumming"],
    [
      "a total above the service need's range",
      (i: ReturnType<typeof proposalInput>) => ({ ...i, total: 13_000_000n, budget: [{ category: "personnel" as const, description: "劳务", amount: 13_000_000n }] }),
      "total",
      "proposals.totalOutsideRange",
    ],
    ["milestone shares adding up to 90%", (i: ReturnType<typeof proposalInput>) => ({ ...i, milestones: i.milestones.map((m, n) => ({ ...m, share: n === 0 ? 2000 : m.share })) }), "milestones", "proposals.sharesNot100"],
    ["a milestone after the service period", (i: ReturnType<typeof proposalInput>) => ({ ...i, milestones: i.milestones.map((m, n) => (n === 2 ? { ...m, dueDate: "2028-01-15" } : m)) }), "milestones.2.dueDate", "proposals.dateOutsidePeriod"],
    ["milestones out of order", (i: ReturnType<typeof proposalInput>) => ({ ...i, milestones: i.milestones.map((m, n) => (n === 1 ? { ...m, dueDate: "2027-02-01" } : m)) }), "milestones.1.dueDate", "proposals.datesNotIncreasing"],
    ["an unanswered question", (i: ReturnType<typeof proposalInput>) => ({ ...i, answers: {} }), "answers.", "proposals.answerRequired"],
  ])("a proposal with %s is kept as a draft and refused beside the field", async (_, change, field, message) => {
    const { need } = await market();
    const bidder = await biddingOrg();
    const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: change(proposalInput(need)) });
    const refusal = await refusalOf(submitProposal({ actor: bidder.ownerActor, proposalId: draft.id }));
    expect(refusal.code).toBe("bad_input");
    const key = field === "answers." ? `answers.${need.questions[0].id}` : field;
    expect(refusal.fieldErrors?.[key]).toBe(message);
    expect((await db().select().from(proposals).where(eq(proposals.id, draft.id)))[0].status).toBe("draft");
  });

  it("a submitted proposal edited into an incomplete one is refused and stays as it was", async () => {
    const { need } = await market();
    const bidder = await submitted(need);
    const refusal = await refusalOf(saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: { ...proposalInput(need), total: 9_999_999n } }));
    expect(refusal.fieldErrors?.budget).toBe("proposals.budgetNotSumming");
    expect((await db().select().from(proposals).where(eq(proposals.id, bidder.proposalId)))[0]).toMatchObject({ status: "submitted", totalFen: 10_000_000n });
  });

  it("an organisation withdraws before the deadline, and nothing changes after it: no edit, no submission, no withdrawal", async () => {
    const { need } = await market();
    const early = await submitted(need);
    expect((await withdrawProposal({ actor: early.ownerActor, proposalId: early.proposalId })).status).toBe("withdrawn");
    const late = await biddingOrg();
    const draft = await saveDraft({ actor: late.ownerActor, serviceNeedId: need.id, orgId: late.org.id, input: proposalInput(need) });
    const kept = await submitted(need);
    await passDeadline(need.id);
    expect((await refusalOf(saveDraft({ actor: kept.ownerActor, serviceNeedId: need.id, orgId: kept.org.id, input: proposalInput(need) }))).messageKey).toBe("proposals.deadlinePassed");
    expect((await refusalOf(submitProposal({ actor: late.ownerActor, proposalId: draft.id }))).messageKey).toBe("proposals.deadlinePassed");
    expect((await refusalOf(withdrawProposal({ actor: kept.ownerActor, proposalId: kept.proposalId }))).messageKey).toBe("proposals.deadlinePassed");
  });

  it("the deadline is the database's: a need still marked published is closed once its deadline has passed", async () => {
    const { need } = await market();
    await passDeadline(need.id);
    expect((await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, need.id)))[0].status).toBe("published");
    const bidder = await biddingOrg();
    expect((await refusalOf(saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: proposalInput(need) }))).messageKey).toBe("proposals.deadlinePassed");
  });
});

describe("sealed proposals", () => {
  it("another organisation never reads a proposal; the community only after the deadline; a platform admin never", async () => {
    const { community, need } = await market();
    const bidder = await submitted(need);
    const rival = await biddingOrg();
    const admin = await actorOf(await createUser({ admin: true }));
    const other = await purchasingCommunity();

    expect((await proposalForViewer(bidder.ownerActor, bidder.proposalId))?.viewer).toBe("own");
    for (const actor of [rival.ownerActor, community.staff, admin, other.staff, null]) expect(await proposalForViewer(actor, bidder.proposalId)).toBeNull();
    const sealed = await proposalsForCommunity(community.staff, community.community.id, need.id);
    expect(sealed?.proposals).toEqual([]);

    await passDeadline(need.id);
    expect((await proposalForViewer(community.staff, bidder.proposalId))?.viewer).toBe("community");
    for (const actor of [rival.ownerActor, admin, other.staff, null]) expect(await proposalForViewer(actor, bidder.proposalId)).toBeNull();
    expect((await proposalsForCommunity(community.staff, community.community.id, need.id))?.proposals.map((p) => p.id)).toEqual([bidder.proposalId]);
    for (const actor of [rival.ownerActor, admin, other.staff]) expect(await proposalsForCommunity(actor, community.community.id, need.id)).toBeNull();
  });

  it("the community never sees a draft or a withdrawn proposal, even after the deadline", async () => {
    const { community, need } = await market();
    const drafter = await biddingOrg();
    const draft = await saveDraft({ actor: drafter.ownerActor, serviceNeedId: need.id, orgId: drafter.org.id, input: proposalInput(need) });
    const leaver = await submitted(need);
    await withdrawProposal({ actor: leaver.ownerActor, proposalId: leaver.proposalId });
    await passDeadline(need.id);
    expect(await proposalForViewer(community.staff, draft.id)).toBeNull();
    expect(await proposalForViewer(community.staff, leaver.proposalId)).toBeNull();
    expect((await proposalsForCommunity(community.staff, community.community.id, need.id))?.proposals).toEqual([]);
  });
});

describe("choosing a proposal", () => {
  it("staff cannot shortlist or select before the deadline", async () => {
    const { community, need } = await market();
    const bidder = await submitted(need);
    expect((await refusalOf(shortlistProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: bidder.proposalId }))).messageKey).toBe("proposals.beforeDeadline");
    expect((await refusalOf(selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: bidder.proposalId, reasons: "价格合理" }))).messageKey).toBe("proposals.beforeDeadline");
  });

  it("staff of another community cannot select (the need's proposals are not there for them)", async () => {
    const { need } = await market();
    const bidder = await submitted(need);
    await passDeadline(need.id);
    const other = await purchasingCommunity();
    expect((await refusalOf(selectProposal({ actor: other.staff, serviceNeedId: need.id, proposalId: bidder.proposalId, reasons: "价格合理" }))).code).toBe("not_found");
    expect((await refusalOf(selectProposal({ actor: bidder.ownerActor, serviceNeedId: need.id, proposalId: bidder.proposalId, reasons: "自己选自己" }))).code).toBe("not_found");
  });

  it("staff shortlist and select one with reasons: the winner's agreement is drawn up, every bidder is told with the reasons, and the selection is public", async () => {
    const { community, need } = await market();
    const winner = await submitted(need, "无锡市梁溪区善行社会工作服务中心", 9_500_000n);
    const loser = await submitted(need, "另一家社工机构", 11_000_000n);
    await passDeadline(need.id);
    await shortlistProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: winner.proposalId });
    const result = await selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: winner.proposalId, reasons: "价格更低，团队有两名持证社工" });
    expect(result.final).toBe(true);

    const rows = await db().select({ id: proposals.id, status: proposals.status, reasons: proposals.decisionReasons }).from(proposals).where(eq(proposals.serviceNeedId, need.id));
    expect(rows.find((r) => r.id === winner.proposalId)).toMatchObject({ status: "selected", reasons: "价格更低，团队有两名持证社工" });
    expect(rows.find((r) => r.id === loser.proposalId)).toMatchObject({ status: "not_selected", reasons: "价格更低，团队有两名持证社工" });
    expect((await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, need.id)))[0]).toMatchObject({ status: "selected", selectedProposalId: winner.proposalId });
    const [agreement] = await db().select().from(serviceAgreements).where(eq(serviceAgreements.proposalId, winner.proposalId));
    expect(agreement).toMatchObject({ amountFen: 9_500_000n, purchaserOrgId: community.committee.id, providerOrgId: winner.org.id, periodStart: "2027-01-01", periodEnd: "2027-12-31", status: "pending" });

    expect((await jobsOfKind("proposal_selected")).map((p) => p.orgAdminsOf)).toEqual([[winner.org.id]]);
    const told = await jobsOfKind("proposal_not_selected");
    expect(told.map((p) => [p.orgAdminsOf, p.params.reasons])).toEqual([[[loser.org.id], "价格更低，团队有两名持证社工"]]);
    const audit = await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, winner.proposalId));
    expect(audit.map((a) => a.action)).toContain("proposal.selected");

    expect(await publicSelection(need.id)).toMatchObject({ orgName: "无锡市梁溪区善行社会工作服务中心", amountFen: 9_500_000n, reasons: "价格更低，团队有两名持证社工" });
    expect((await proposalForViewer(loser.ownerActor, loser.proposalId))?.proposal.decisionReasons).toBe("价格更低，团队有两名持证社工");
  });

  it("two staff selecting different proposals at the same moment: exactly one selection stands", async () => {
    const { community, need } = await market();
    const a = await submitted(need);
    const b = await submitted(need);
    await passDeadline(need.id);
    const colleague = await actorOf(await createUser());
    await db().execute(sql`insert into memberships (org_id, user_id, role) values (${community.committee.id}, ${colleague.userId}, 'member')`);
    const results = await Promise.allSettled([
      selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: a.proposalId, reasons: "甲方案更好" }),
      selectProposal({ actor: await actorOf({ id: colleague.userId, isPlatformAdmin: false }), serviceNeedId: need.id, proposalId: b.proposalId, reasons: "乙方案更好" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db().select().from(serviceAgreements).where(eq(serviceAgreements.serviceNeedId, need.id))).toHaveLength(1);
    expect(await db().select().from(proposals).where(and(eq(proposals.serviceNeedId, need.id), eq(proposals.status, "selected")))).toHaveLength(1);
  });

  it("where the residents' council must approve, the selection waits for its recorded approval, then is final", async () => {
    const { community, need } = await market({ requiresCouncilApproval: true });
    const bidder = await submitted(need);
    await passDeadline(need.id);
    const pending = await selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: bidder.proposalId, reasons: "方案完整" });
    expect(pending.final).toBe(false);
    expect(await db().select().from(serviceAgreements).where(eq(serviceAgreements.serviceNeedId, need.id))).toHaveLength(0);
    expect(await publicSelection(need.id)).toBeNull();
    expect((await refusalOf(selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: bidder.proposalId, reasons: "再选一次" }))).messageKey).toBe("proposals.selectionPending");

    await approveByCouncil({ actor: community.staff, serviceNeedId: need.id, approvedOn: "2026-12-20", minuteRef: "惠景居议〔2026〕12号" });
    expect((await db().select().from(serviceNeeds).where(eq(serviceNeeds.id, need.id)))[0]).toMatchObject({ status: "selected", councilApproval: "2026-12-20 · 惠景居议〔2026〕12号" });
    expect(await db().select().from(serviceAgreements).where(eq(serviceAgreements.serviceNeedId, need.id))).toHaveLength(1);
    expect((await refusalOf(approveByCouncil({ actor: community.staff, serviceNeedId: need.id, approvedOn: "2026-12-21", minuteRef: "again" }))).messageKey).toBe("proposals.alreadyDecided");
  });
});
