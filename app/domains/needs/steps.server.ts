// What every step of a need shares: the row locked for the step, the people to tell, and the
// notification enqueued in the step's own transaction (so it exists exactly when the step does).
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@db/client";
import { memberships, needFollowers, needs, organisations, type Need, type OrgKind } from "@db/schema";
import type { MessageKey, Params } from "~/locales";
import { conflict, notFound } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import { canMove, isPubliclyVisible } from "./states";
import type { NeedStatus } from "@db/schema";

/** The need, locked until the transaction ends: two staff acting at once are served one after the other. */
export async function lockNeed(tx: Tx, needId: string): Promise<Need> {
  const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for("update");
  if (!need) throw notFound();
  return need;
}

/** Refuses a step the state machine does not allow from where the need is now. */
export function assertCanMove(need: Need, to: NeedStatus) {
  if (!canMove(need.status, to)) throw conflict("needs.cannotMove", { status: need.status });
}

export async function follow(tx: Tx, needId: string, userIds: string[]) {
  if (userIds.length === 0) return;
  await tx
    .insert(needFollowers)
    .values(userIds.map((userId) => ({ needId, userId })))
    .onConflictDoNothing();
}

/**
 * Whom a step on the need is told: its own followers (its raiser) and, only while the need is
 * public, the followers of duplicates merged into it (at any depth). A merge copies nobody onto the
 * kept need, and following grants no reading (see viewerOf): a private need tells only its own.
 * `need` is the need as the step leaves it.
 */
export async function followerIds(tx: DbOrTx, need: Pick<Need, "id" | "isPublic" | "status">): Promise<string[]> {
  const own = await tx.select({ userId: needFollowers.userId }).from(needFollowers).where(eq(needFollowers.needId, need.id));
  const merged = isPubliclyVisible(need)
    ? await tx.execute<{ user_id: string }>(sql`
        with recursive duplicates(id) as (
          select id from ${needs} where merged_into_id = ${need.id}
          union
          select n.id from ${needs} n join duplicates d on n.merged_into_id = d.id
        )
        select distinct f.user_id from ${needFollowers} f join duplicates d on d.id = f.need_id`)
    : [];
  return [...new Set([...own.map((r) => r.userId), ...merged.map((r) => r.user_id)])];
}

/** Members of the verified organisations of a kind placed at a place: a community's staff, a street's. */
export async function staffOf(tx: Tx, kind: OrgKind, placeId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(organisations.kind, kind), eq(organisations.status, "verified"), eq(organisations.placeId, placeId)));
  return rows.map((r) => r.userId);
}

export interface NeedNotice {
  kind: string;
  title: MessageKey;
  body: MessageKey;
  params?: Params;
  link: string;
}

/** Enqueues one notification to these people (never the one who acted), in the step's transaction. */
export async function tell(tx: Tx, step: { needId: string; actorId: string; eventKey: string }, userIds: string[], notice: NeedNotice) {
  const recipients = [...new Set(userIds)].filter((id) => id !== step.actorId);
  if (recipients.length === 0) return;
  await enqueueJob(tx, "notify", {
    key: `${notice.kind}:${step.needId}:${step.eventKey}`,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    params: notice.params ?? {},
    link: notice.link,
    userIds: recipients,
  });
}

/** Moves the need to a status (with whatever else changes), stamping updated_at. */
export async function setNeed(tx: Tx, needId: string, values: Partial<Pick<Need, "status" | "triage" | "escalatedToId" | "triageNote" | "mergedIntoId">>) {
  await tx
    .update(needs)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(needs.id, needId));
}
