// 民事民决 → 民事民办: after residents voted to pay for something from their micro-fund, community
// staff start the project — who delivers it, the amount, the milestone with its indicator and the
// evidence required, and (if the residents want it) the rating bar acceptance must reach. The money
// does not move now: it leaves the fund when the milestone is accepted (and co-signed by the 监委会).
import { and, asc, eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationNeeds, deliberations, funds, milestones, needs, organisations, projects } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { lockVoteAuthority } from "~/domains/funds/vote-authority.server";
import { balanceOf } from "~/domains/ledger/post-entry.server";
import { recordNeedStep } from "~/domains/needs/timeline.server";
import { canMove } from "~/domains/needs/states";
import { badInput, conflict, forbidden, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { formatFen } from "~/utils/money";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import type { StartProjectInput } from "./schemas";

export async function startProjectFromDecision(options: { actor: Actor | null; communityId: string; input: StartProjectInput; id?: string }) {
  const { actor, communityId, input } = options;
  if (!actor || !isCommunityStaff(actor, communityId)) throw forbidden();
  return db().transaction(async (tx) => {
    const [deliberation] = await tx.select().from(deliberations).where(eq(deliberations.id, input.deliberationId)).for("update");
    if (!deliberation || deliberation.communityId !== communityId) throw notFound();
    if (deliberation.status !== "passed") throw badInput({ deliberationId: "delivery.deliberationNotPassed" });
    const [existing] = await tx.select({ id: projects.id }).from(projects).where(and(eq(projects.sourceType, "deliberation"), eq(projects.sourceId, deliberation.id)));
    if (existing) throw conflict("delivery.projectExists");

    const [fund] = await tx.select().from(funds).where(eq(funds.id, input.fundId));
    if (!fund || fund.communityId !== communityId) throw badInput({ fundId: "delivery.fundOtherCommunity" });
    // The residents decided this payment: their winning option spends from this fund, and the
    // project's amount stays within what is left of its ceiling (the deliberation is locked above).
    await lockVoteAuthority(tx, { fund, deliberationId: deliberation.id, amount: input.amount });
    const [provider] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(and(eq(organisations.id, input.providerOrgId), eq(organisations.status, "verified")));
    if (!provider) throw badInput({ providerOrgId: "delivery.chooseProvider" });
    // A promise the fund cannot keep is refused now rather than at acceptance.
    const available = (await balanceOf(tx, fund.id, ["cash"])) + (await balanceOf(tx, fund.id, ["stripe_clearing"]));
    if (input.amount > available) throw badInput({ amount: "delivery.overFundBalance" }, undefined);

    const [link] = await tx.select({ needId: deliberationNeeds.needId }).from(deliberationNeeds).where(eq(deliberationNeeds.deliberationId, deliberation.id)).orderBy(asc(deliberationNeeds.needId)).limit(1);
    const id = options.id ?? newId();
    const [project] = await tx
      .insert(projects)
      .values({
        id,
        title: input.title,
        communityId,
        providerOrgId: provider.id,
        sourceType: "deliberation",
        sourceId: deliberation.id,
        deliberationId: deliberation.id,
        needId: link?.needId ?? null,
        amountFen: input.amount,
        fundId: fund.id,
        // The community's own money: the supervisory committee co-signs every acceptance.
        requiresCosign: fund.kind === "micro_fund",
        scopePlaceId: deliberation.scopePlaceId,
        ratingBarTenths: input.ratingBar === "none" ? null : Math.round(Number(input.ratingBar) * 10),
        ratingBarHouseholds: input.ratingBar === "none" ? null : input.ratingHouseholds!,
        budgetLines: [{ label: input.budgetLabel, amountFen: Number(input.amount) }],
        status: "active",
      })
      .returning();
    await tx.insert(milestones).values({
      id: newId(),
      projectId: id,
      position: 1,
      title: input.milestoneTitle,
      dueDate: input.dueDate,
      paymentShareBp: 10_000,
      amountFen: input.amount,
      deliverables: [{ indicator: input.indicator, target: input.target, unit: input.unit }],
      evidenceRequired: input.evidenceRequired,
    });
    await recordAudit(tx, { actorId: actor.userId, action: "project.create", entityType: "project", entityId: id, toState: "active", detail: { deliberationId: deliberation.id, fundId: fund.id, amountFen: String(input.amount) } });
    if (link) {
      const [need] = await tx.select().from(needs).where(eq(needs.id, link.needId)).for("update");
      if (need && canMove(need.status, "in_delivery")) {
        await tx.update(needs).set({ status: "in_delivery" }).where(eq(needs.id, need.id));
        await recordNeedStep(tx, { needId: need.id, actorId: actor.userId, kind: "in_delivery", fromStatus: need.status, toStatus: "in_delivery", note: input.title, detail: { projectId: id } });
      }
    }
    await enqueueJob(tx, "notify", {
      key: `project-started:${id}`,
      kind: "project_started",
      title: "delivery.notify.startedTitle",
      body: "delivery.notify.startedBody",
      params: { project: input.title, amount: formatFen(input.amount) },
      link: `/projects/${id}`,
      orgAdminsOf: [provider.id],
    });
    return project;
  });
}
