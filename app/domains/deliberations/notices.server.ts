// Who hears about a deliberation: the followers of its needs (and the residents who raised them),
// through the `notify` job, enqueued in the transaction of the step that causes it.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { deliberationNeeds, needs } from "@db/schema";
import { followerIds } from "~/domains/needs/steps.server";
import type { MessageKey, Params } from "~/locales";
import { enqueueJob } from "~/utils/jobs.server";
import { formatDateTime } from "~/utils/time";

/** The people each of its needs tells of a step (see the needs' followerIds), and their raisers. */
export async function followersOf(tx: DbOrTx, deliberationId: string): Promise<string[]> {
  const linked = await tx
    .select({ id: needs.id, isPublic: needs.isPublic, status: needs.status, raisedBy: needs.raisedBy })
    .from(needs)
    .innerJoin(deliberationNeeds, eq(deliberationNeeds.needId, needs.id))
    .where(eq(deliberationNeeds.deliberationId, deliberationId));
  const followers = await Promise.all(linked.map((need) => followerIds(tx, need)));
  return [...new Set([...followers.flat(), ...linked.flatMap((n) => (n.raisedBy ? [n.raisedBy] : []))])];
}

export async function needIdsOf(tx: DbOrTx, deliberationId: string): Promise<string[]> {
  const rows = await tx.select({ needId: deliberationNeeds.needId }).from(deliberationNeeds).where(eq(deliberationNeeds.deliberationId, deliberationId));
  return rows.map((r) => r.needId);
}

export type NoticeKind = "opened" | "reminder" | "result";

/** Enqueues one notice about a deliberation to its followers; `key` makes a retried job send it once. */
export async function enqueueNotice(
  tx: DbOrTx,
  deliberation: { id: string; question: string; closesAt: Date },
  kind: NoticeKind,
  message: { title: MessageKey; body: MessageKey; params?: Params },
) {
  const userIds = await followersOf(tx, deliberation.id);
  if (userIds.length === 0) return;
  await enqueueJob(tx, "notify", {
    key: `deliberation-${kind}:${deliberation.id}`,
    kind: `deliberation_${kind}`,
    title: message.title,
    body: message.body,
    params: { question: deliberation.question, closesAt: formatDateTime(deliberation.closesAt, "zh-CN"), ...message.params },
    link: `/deliberations/${deliberation.id}`,
    userIds,
  });
}
