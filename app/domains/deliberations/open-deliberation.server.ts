// Opening a drafted deliberation: its needs move to in_deliberation (timeline and audit), the
// followers are told, and the tally and the reminder are scheduled, all in one transaction: a
// deliberation is open exactly when its tally job exists.
import { eq, inArray } from "drizzle-orm";
import { db } from "@db/client";
import { deliberations, needs } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { canMove } from "~/domains/needs/states";
import { recordNeedStep } from "~/domains/needs/timeline.server";
import { conflict, notFound } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { readyForDeliberation } from "./create-deliberation.server";
import { enqueueNotice, needIdsOf } from "./notices.server";

export const REMINDER_BEFORE_CLOSE_MS = 24 * 60 * 60 * 1000;
export const tallyJobKey = (id: string) => `tally:${id}`;
export const reminderJobKey = (id: string) => `deliberation-reminder:${id}`;

export async function openDeliberation(options: { actor: Actor | null; deliberationId: string; now?: Date }) {
  const { actor, deliberationId, now = new Date() } = options;
  const [found] = await db().select({ communityId: deliberations.communityId }).from(deliberations).where(eq(deliberations.id, deliberationId));
  if (!found) throw notFound();
  authorize(actor, "deliberations.manage", { communityId: found.communityId });

  return db().transaction(async (tx) => {
    const [deliberation] = await tx.select().from(deliberations).where(eq(deliberations.id, deliberationId)).for("update");
    if (deliberation.status !== "draft") throw conflict("deliberations.notDraft");
    if (deliberation.closesAt.getTime() <= now.getTime()) throw conflict("deliberations.draftExpired");

    const needIds = await needIdsOf(tx, deliberation.id);
    const linked = needIds.length ? await tx.select().from(needs).where(inArray(needs.id, needIds)).orderBy(needs.id).for("update") : [];
    const notReady = linked.find((n) => !readyForDeliberation(n) || !canMove(n.status, "in_deliberation"));
    if (notReady) throw conflict("deliberations.needNoLongerReady", { title: notReady.title });

    for (const need of linked) {
      await tx.update(needs).set({ status: "in_deliberation", updatedAt: now }).where(eq(needs.id, need.id));
      await recordNeedStep(tx, {
        needId: need.id,
        actorId: actor.userId,
        kind: "deliberation_opened",
        fromStatus: need.status,
        toStatus: "in_deliberation",
        detail: { deliberationId: deliberation.id, round: deliberation.round },
      });
    }
    const [opened] = await tx.update(deliberations).set({ status: "open" }).where(eq(deliberations.id, deliberation.id)).returning();
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "deliberation.open",
      entityType: "deliberation",
      entityId: deliberation.id,
      fromState: "draft",
      toState: "open",
      detail: { opensAt: opened.opensAt.toISOString(), closesAt: opened.closesAt.toISOString() },
    });

    // The tally runs at closesAt; graphile-worker runs an overdue job as soon as a worker starts.
    await enqueueJob(tx, "tally_deliberation", { deliberationId: opened.id }, { runAt: opened.closesAt, jobKey: tallyJobKey(opened.id) });
    const remindAt = new Date(opened.closesAt.getTime() - REMINDER_BEFORE_CLOSE_MS);
    // A window shorter than a day has no reminder: the opening notice already says when it closes.
    if (remindAt > now && remindAt > opened.opensAt) {
      await enqueueJob(tx, "deliberation_reminder", { deliberationId: opened.id }, { runAt: remindAt, jobKey: reminderJobKey(opened.id) });
    }
    await enqueueNotice(tx, opened, "opened", { title: "deliberations.notice.openedTitle", body: "deliberations.notice.openedBody" });
    return opened;
  });
}
