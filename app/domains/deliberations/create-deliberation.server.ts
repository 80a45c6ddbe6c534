// Staff draft a deliberation (民事民议) on needs of their community: the question, the options, who
// votes (a building, a grid or the whole community), the window, the quorum and the threshold.
// Nothing is announced until it is opened (open-deliberation).
import { and, eq, inArray } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { deliberationNeeds, deliberationOptions, deliberations, funds, needs } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import type { DeliberationInput, OptionSpending } from "./schemas";
import { scopePlace } from "./scope.server";
import { carryFromPreviousRound } from "./start-next-round.server";

/** A need may be put to a vote once triaged as the community's own affair (小事). */
export const readyForDeliberation = (need: { status: string; triage: string | null }) => need.status === "triaged" && need.triage === "small";

export async function createDeliberation(options: { actor: Actor | null; communityId: string; input: DeliberationInput; now?: Date }) {
  const { actor, communityId, input, now = new Date() } = options;
  authorize(actor, "deliberations.manage", { communityId });

  const scope = await scopePlace(input.scopePlaceId);
  if (!scope || scope.communityId !== communityId) throw badInput({ scopePlaceId: "deliberations.scopeOutside" });
  if (input.closesAt.getTime() <= now.getTime()) throw badInput({ closesAt: "deliberations.closesInPast" });

  return db().transaction(async (tx) => {
    const carried = input.previousRoundId ? await carryFromPreviousRound(tx, communityId, input.previousRoundId) : null;
    const needIds = carried?.needIds ?? [...new Set(input.needIds)];
    if (!carried) {
      const found = await tx
        .select({ id: needs.id, status: needs.status, triage: needs.triage })
        .from(needs)
        .where(and(inArray(needs.id, needIds), eq(needs.communityId, communityId)));
      if (found.length !== needIds.length || !found.every(readyForDeliberation)) throw badInput({ needIds: "deliberations.needNotReady" });
    }

    const id = newId();
    const [deliberation] = await tx
      .insert(deliberations)
      .values({
        id,
        communityId,
        question: input.question,
        scopePlaceId: scope.id,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        quorumPercent: input.quorumPercent,
        threshold: input.threshold,
        round: carried?.round ?? 1,
        previousRoundId: input.previousRoundId ?? null,
        createdBy: actor.userId,
      })
      .returning();
    const spending = await checkSpending(tx, communityId, input.spending ?? []);
    await tx.insert(deliberationOptions).values(
      input.options.map((label, position) => {
        const spend = spending.find((s) => s.option === position);
        return { id: newId(), deliberationId: id, label, position, spendFundId: spend?.fundId ?? null, spendCeilingFen: spend?.ceilingFen ?? null };
      }),
    );
    if (needIds.length) await tx.insert(deliberationNeeds).values(needIds.map((needId) => ({ deliberationId: id, needId })));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "deliberation.create",
      entityType: "deliberation",
      entityId: id,
      toState: "draft",
      detail: {
        needIds,
        round: deliberation.round,
        previousRoundId: deliberation.previousRoundId,
        scopePlaceId: scope.id,
        spending: spending.map((s) => ({ option: input.options[s.option], fundId: s.fundId, ceilingFen: String(s.ceilingFen) })),
      },
    });
    return deliberation;
  });
}

/** An option may spend only from a fund of this community (its micro-fund or one of its sub-funds). */
async function checkSpending(tx: Tx, communityId: string, spending: OptionSpending[]): Promise<OptionSpending[]> {
  if (spending.length === 0) return [];
  const ids = [...new Set(spending.map((s) => s.fundId))];
  const found = await tx.select({ id: funds.id }).from(funds).where(and(inArray(funds.id, ids), eq(funds.communityId, communityId)));
  const outside = spending.find((s) => !found.some((f) => f.id === s.fundId));
  if (outside) throw badInput({ [`spendFund${outside.slot ?? outside.option + 1}`]: "deliberations.spendFundOutside" });
  return spending;
}
