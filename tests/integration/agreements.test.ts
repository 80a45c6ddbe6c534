import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { memberships, milestones, projects, serviceAgreements } from "@db/schema";
import { orgPage } from "~/domains/orgs/queries.server";
import { acceptAgreement } from "~/domains/projects/accept-agreement.server";
import { splitByShares } from "~/domains/projects/milestone-split";
import { agreementForParty, projectView, projectsOfOrg } from "~/domains/projects/queries.server";
import { selectProposal } from "~/domains/proposals/decide.server";
import { saveDraft } from "~/domains/proposals/save-draft.server";
import { submitProposal } from "~/domains/proposals/submit.server";
import type { ProposalInput } from "~/domains/proposals/schemas";
import { actorOf, biddingOrg, createServiceNeed, createUser, passDeadline, proposalInput, purchasingCommunity, refusalOf } from "../factories";

/** A need decided for one organisation's proposal; returns the pending agreement. */
async function selected(change: (input: ProposalInput) => ProposalInput = (i) => i) {
  const community = await purchasingCommunity();
  const need = await createServiceNeed({ communityId: community.community.id, postedByOrgId: community.committee.id, createdBy: community.staffUser.id });
  const bidder = await biddingOrg();
  const draft = await saveDraft({ actor: bidder.ownerActor, serviceNeedId: need.id, orgId: bidder.org.id, input: change(proposalInput(need)) });
  await submitProposal({ actor: bidder.ownerActor, proposalId: draft.id });
  await passDeadline(need.id);
  const result = await selectProposal({ actor: community.staff, serviceNeedId: need.id, proposalId: draft.id, reasons: "方案最完整" });
  if (!result.final) throw new Error("expected a final selection");
  return { community, need, bidder, agreement: result.agreement };
}

describe("the service agreement", () => {
  it("both sides accept it in the app and the project is born active, with the proposal's three milestones", async () => {
    const { community, bidder, agreement } = await selected();
    const first = await acceptAgreement({ actor: community.staff, agreementId: agreement.id });
    expect(first.project).toBeNull();
    expect((await refusalOf(acceptAgreement({ actor: community.staff, agreementId: agreement.id }))).messageKey).toBe("proposals.alreadyAccepted");
    const second = await acceptAgreement({ actor: bidder.ownerActor, agreementId: agreement.id });
    expect(second.agreement.status).toBe("accepted");
    expect(second.project).toMatchObject({ status: "active", sourceType: "agreement", sourceId: agreement.id, amountFen: 10_000_000n });
    const list = await db().select().from(milestones).where(eq(milestones.projectId, second.project!.id));
    expect(list.map((m) => [m.title, m.paymentShareBp, m.amountFen]).sort()).toEqual([
      ["助餐服务中期", 4000, 4_000_000n],
      ["启动与需求评估", 3000, 3_000_000n],
      ["结项评估", 3000, 3_000_000n],
    ]);
  });

  it("a plain member of the provider, a stranger and staff of another community cannot accept; strangers do not see it at all", async () => {
    const { bidder, agreement } = await selected();
    const member = await createUser();
    await db().insert(memberships).values({ orgId: bidder.org.id, userId: member.id, role: "member" });
    const memberActor = await actorOf(member);
    expect((await refusalOf(acceptAgreement({ actor: memberActor, agreementId: agreement.id }))).code).toBe("forbidden");
    expect(await agreementForParty(memberActor, agreement.id)).not.toBeNull();
    const stranger = await actorOf(await createUser());
    const other = await purchasingCommunity();
    for (const actor of [stranger, other.staff]) {
      expect((await refusalOf(acceptAgreement({ actor, agreementId: agreement.id }))).code).toBe("not_found");
      expect(await agreementForParty(actor, agreement.id)).toBeNull();
    }
    expect((await db().select().from(serviceAgreements).where(eq(serviceAgreements.id, agreement.id)))[0].providerAcceptedAt).toBeNull();
  });

  it("both sides accepting at the same moment make one project", async () => {
    const { community, bidder, agreement } = await selected();
    await Promise.all([acceptAgreement({ actor: community.staff, agreementId: agreement.id }), acceptAgreement({ actor: bidder.ownerActor, agreementId: agreement.id })]);
    expect(await db().select().from(projects).where(eq(projects.agreementId, agreement.id))).toHaveLength(1);
  });
});

describe("milestone amounts", () => {
  it("three shares of 33.33%, 33.33% and 33.34% of ¥100,000.01 add up to the amount to the fen", async () => {
    const odd = (i: ProposalInput): ProposalInput => ({
      ...i,
      total: 10_000_001n,
      budget: [{ category: "personnel", description: "劳务", amount: 10_000_001n }],
      milestones: i.milestones.map((m, n) => ({ ...m, share: n === 2 ? 3334 : 3333 })),
    });
    const { community, bidder, agreement } = await selected(odd);
    await acceptAgreement({ actor: community.staff, agreementId: agreement.id });
    const { project } = await acceptAgreement({ actor: bidder.ownerActor, agreementId: agreement.id });
    const amounts = (await db().select().from(milestones).where(eq(milestones.projectId, project!.id))).map((m) => m.amountFen);
    expect(amounts.reduce((s, a) => s + a, 0n)).toBe(10_000_001n);
    expect(splitByShares(10_000_001n, [3333, 3333, 3334])).toEqual([3_333_000n, 3_333_000n, 3_334_001n]);
    expect(splitByShares(100n, [3333, 3333, 3334])).toEqual([33n, 33n, 34n]);
  });
});

describe("the project page and the organisation's record", () => {
  it("the public sees the project and its milestones without the team's names, the parties also see the team, and the organisation's page lists the project and the amount won", async () => {
    const { community, bidder, agreement } = await selected((i) => ({ ...i, team: [{ name: "王小红", role: "项目负责人" }] }));
    await acceptAgreement({ actor: community.staff, agreementId: agreement.id });
    const { project } = await acceptAgreement({ actor: bidder.ownerActor, agreementId: agreement.id });
    const publicView = await projectView(null, project!.id);
    expect(publicView?.milestones).toHaveLength(3);
    expect(publicView?.team).toBeNull();
    expect(publicView?.agreementId).toBeNull();
    expect(JSON.stringify(publicView, (_, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain("王小红");
    expect((await projectView(bidder.ownerActor, project!.id))?.team?.map((t) => t.name)).toEqual(["王小红"]);
    expect(await projectsOfOrg(bidder.org.id)).toMatchObject({ totalFen: 10_000_000n, list: [{ id: project!.id, amountFen: 10_000_000n }] });
    const orgPublicPage = await orgPage(bidder.org.id, null);
    expect(orgPublicPage?.record).toMatchObject({ totalFen: 10_000_000n, list: [{ title: "老年人助餐服务" }] });
  });
});
