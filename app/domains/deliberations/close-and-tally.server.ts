// The tally (唱票), run by the worker at closesAt, or later if no worker ran then. It locks the
// deliberation FOR UPDATE, so every ballot whose transaction began before has committed and none
// can follow; it writes the result once. A second run finds the deliberation no longer open and
// does nothing, so the job can be retried, doubled or swept up without harm.
import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationOptions, deliberations, needs, votes } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { canMove } from "~/domains/needs/states";
import { recordNeedStep } from "~/domains/needs/timeline.server";
import { enqueueJob } from "~/utils/jobs.server";
import { enqueueNotice, needIdsOf } from "./notices.server";
import { tallyJobKey } from "./open-deliberation.server";
import { scopeHouseholdIds } from "./scope.server";
import { tally, type TallyResult } from "./tally";

export type TallyOutcome = { outcome: "tallied"; result: TallyResult } | { outcome: "not_open" | "not_due" };

export async function closeAndTally(deliberationId: string): Promise<TallyOutcome> {
  return db().transaction(async (tx) => {
    const [deliberation] = await tx
      .select({ row: deliberations, due: sql<boolean>`clock_timestamp() >= ${deliberations.closesAt}` })
      .from(deliberations)
      .where(eq(deliberations.id, deliberationId))
      .for("update");
    if (!deliberation || deliberation.row.status !== "open") return { outcome: "not_open" as const };
    const d = deliberation.row;
    if (!deliberation.due) {
      // Too early (a clock apart from the database's): try again at the deadline.
      await enqueueJob(tx, "tally_deliberation", { deliberationId: d.id }, { runAt: d.closesAt, jobKey: tallyJobKey(d.id) });
      return { outcome: "not_due" as const };
    }

    const options = await tx
      .select({ id: deliberationOptions.id, label: deliberationOptions.label })
      .from(deliberationOptions)
      .where(eq(deliberationOptions.deliberationId, d.id))
      .orderBy(asc(deliberationOptions.position));
    const ballots = await tx
      .select({ householdId: votes.householdId, optionId: votes.optionId, channel: votes.channel })
      .from(votes)
      .where(eq(votes.deliberationId, d.id));
    const result = tally(options, ballots, await scopeHouseholdIds(tx, d.scopePlaceId), d.quorumPercent, d.threshold);

    await tx
      .update(deliberations)
      .set({ status: result.status, result, winningOptionId: result.winningOptionId, talliedAt: sql`clock_timestamp()` })
      .where(eq(deliberations.id, d.id));
    await recordAudit(tx, {
      actorId: null,
      action: "deliberation.tally",
      entityType: "deliberation",
      entityId: d.id,
      fromState: "open",
      toState: result.status,
      detail: { eligibleHouseholds: result.eligibleHouseholds, votingHouseholds: result.votingHouseholds, winningOptionId: result.winningOptionId },
    });

    // Passed: the matter is decided. Failed or no quorum: the need goes back to triaged, ready
    // for another round or another path.
    const to = result.status === "passed" ? "decided" : "triaged";
    const needIds = await needIdsOf(tx, d.id);
    const linked = needIds.length ? await tx.select().from(needs).where(inArray(needs.id, needIds)).orderBy(needs.id).for("update") : [];
    const winner = options.find((o) => o.id === result.winningOptionId);
    for (const need of linked) {
      if (!canMove(need.status, to)) continue; // withdrawn or merged meanwhile: its own step already said so
      await tx.update(needs).set({ status: to, updatedAt: sql`now()` }).where(eq(needs.id, need.id));
      await recordNeedStep(tx, {
        needId: need.id,
        actorId: null,
        kind: result.status === "passed" ? "decided" : "deliberation_not_passed",
        fromStatus: need.status,
        toStatus: to,
        note: winner?.label ?? null,
        detail: { deliberationId: d.id, round: d.round, outcome: result.status, winningOptionId: result.winningOptionId },
      });
    }

    const body = { passed: "deliberations.notice.passedBody", failed: "deliberations.notice.failedBody", no_quorum: "deliberations.notice.noQuorumBody" } as const;
    await enqueueNotice(tx, d, "result", {
      title: "deliberations.notice.resultTitle",
      body: body[result.status],
      params: { option: winner?.label ?? "", voting: result.votingHouseholds, eligible: result.eligibleHouseholds },
    });
    return { outcome: "tallied" as const, result };
  });
}

/** Every open deliberation past its deadline, tallied: the safety net if a tally job was lost. */
export async function tallyOverdueDeliberations(now = new Date()): Promise<number> {
  const due = await db()
    .select({ id: deliberations.id })
    .from(deliberations)
    .where(and(eq(deliberations.status, "open"), lte(deliberations.closesAt, now)));
  let tallied = 0;
  for (const { id } of due) if ((await closeAndTally(id)).outcome === "tallied") tallied++;
  return tallied;
}
