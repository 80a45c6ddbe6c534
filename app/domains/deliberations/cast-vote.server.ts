// 民事民决 online: one household, one vote, cast by any of its verified residents, changeable until
// the window closes. The votes table's primary key (deliberation, household) makes a second row
// impossible, so two residents of one household voting at once leave exactly one vote.
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, votes } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertOptionOf, lockForVoting } from "./ballot-box.server";
import type { VoteInput } from "./schemas";
import { householdInScope } from "./scope.server";

export async function castVote(options: { actor: Actor | null; deliberationId: string; input: VoteInput }): Promise<{ changed: boolean }> {
  const { actor, deliberationId, input } = options;
  authorize(actor, "account.use");

  return db().transaction(async (tx) => {
    const deliberation = await lockForVoting(tx, deliberationId);
    const [member] = await tx
      .select({ householdId: householdMembers.householdId, verified: householdMembers.verified })
      .from(householdMembers)
      .where(eq(householdMembers.userId, actor.userId))
      .for("share");
    if (!member) throw forbidden("deliberations.noHousehold");
    if (!member.verified) throw forbidden("deliberations.unverified");
    if (!(await householdInScope(tx, member.householdId, deliberation.scopePlaceId))) throw forbidden("deliberations.outsideScope");
    await assertOptionOf(tx, deliberation.id, input.optionId);

    // Insert, or change the household's online vote; a paper ballot staff recorded is not overwritten.
    const [written] = await tx
      .insert(votes)
      .values({ deliberationId: deliberation.id, householdId: member.householdId, optionId: input.optionId, channel: "online", castBy: actor.userId })
      .onConflictDoUpdate({
        target: [votes.deliberationId, votes.householdId],
        set: { optionId: input.optionId, castBy: actor.userId, updatedAt: sql`now()` },
        setWhere: sql`${votes.channel} = 'online'`,
      })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (!written) throw conflict("deliberations.paperAlreadyRecorded");

    // The audit row says that the household voted, never how: the ballot is secret.
    await recordAudit(tx, {
      actorId: actor.userId,
      action: written.inserted ? "deliberation.vote" : "deliberation.vote_change",
      entityType: "deliberation",
      entityId: deliberation.id,
      detail: { householdId: member.householdId, channel: "online" },
    });
    return { changed: !written.inserted };
  });
}
