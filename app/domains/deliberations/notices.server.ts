// Who hears about a deliberation: the followers of its needs (and the residents who raised them),
// through the `notify` job, enqueued in the transaction of the step that causes it.
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { deliberationNeeds } from "@db/schema";
import type { MessageKey, Params } from "~/locales";
import { enqueueJob } from "~/utils/jobs.server";
import { formatDateTime } from "~/utils/time";

export async function followersOf(tx: DbOrTx, deliberationId: string): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }>(sql`
    select f.user_id from need_followers f join deliberation_needs dn on dn.need_id = f.need_id where dn.deliberation_id = ${deliberationId}
    union
    select n.raised_by from needs n join deliberation_needs dn on dn.need_id = n.id where dn.deliberation_id = ${deliberationId} and n.raised_by is not null`);
  return rows.map((r) => r.user_id);
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
