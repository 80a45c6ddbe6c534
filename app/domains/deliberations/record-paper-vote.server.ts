// Paper ballots collected at a residents' meeting (议事会), recorded by staff for named households of
// the scope, marked as paper. Never twice for a household, and never over a vote it cast online.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberations, votes } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, conflict, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertOptionOf, lockForVoting } from "./ballot-box.server";
import type { PaperVoteInput } from "./schemas";
import { householdInScope } from "./scope.server";

export async function recordPaperVote(options: { actor: Actor | null; deliberationId: string; input: PaperVoteInput }) {
  const { actor, deliberationId, input } = options;
  const [found] = await db().select({ communityId: deliberations.communityId }).from(deliberations).where(eq(deliberations.id, deliberationId));
  if (!found) throw notFound();
  authorize(actor, "deliberations.manage", { communityId: found.communityId });

  await db().transaction(async (tx) => {
    const deliberation = await lockForVoting(tx, deliberationId);
    if (!(await householdInScope(tx, input.householdId, deliberation.scopePlaceId))) throw badInput({ householdId: "deliberations.householdOutsideScope" });
    await assertOptionOf(tx, deliberation.id, input.optionId);

    const inserted = await tx
      .insert(votes)
      .values({ deliberationId: deliberation.id, householdId: input.householdId, optionId: input.optionId, channel: "paper", castBy: actor.userId })
      .onConflictDoNothing()
      .returning({ householdId: votes.householdId });
    if (inserted.length === 0) {
      const [existing] = await tx
        .select({ channel: votes.channel })
        .from(votes)
        .where(and(eq(votes.deliberationId, deliberation.id), eq(votes.householdId, input.householdId)));
      throw conflict(existing?.channel === "online" ? "deliberations.alreadyVotedOnline" : "deliberations.paperTwice");
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "deliberation.paper_vote",
      entityType: "deliberation",
      entityId: deliberation.id,
      detail: { householdId: input.householdId, channel: "paper" },
    });
  });
}
