import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { organisations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { parseInput } from "~/utils/forms.server";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { beginDecision, notifyOrgAdmins } from "./org-review.server";
import { rejectOrgSchema } from "./schemas";

/**
 * The platform admin sends a pending organisation back with a reason (pending → rejected); the
 * organisation is told why and may correct and resubmit.
 */
export async function rejectOrg(options: { actor: Actor; orgId: string; reason: string }) {
  const { actor, orgId } = options;
  // The reason is what the organisation reads and corrects: never empty, whoever calls.
  const { reason } = parseInput(rejectOrgSchema, { reason: options.reason?.trim() || undefined });
  return db().transaction(async (tx) => {
    const org = await beginDecision(tx, actor, orgId, "rejected");
    await tx
      .update(organisations)
      .set({ status: "rejected", rejectionReason: reason, reviewedBy: actor.userId, reviewedAt: new Date() })
      .where(eq(organisations.id, orgId));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "org.reject",
      entityType: "organisation",
      entityId: orgId,
      fromState: org.status,
      toState: "rejected",
      detail: { reason },
    });
    // An organisation can be rejected again after resubmitting: each decision is its own notification.
    await notifyOrgAdmins(tx, orgId, {
      key: `org.rejected:${newId()}`,
      kind: "org.rejected",
      title: "orgs.notify.rejectedTitle",
      body: "orgs.notify.rejectedBody",
      params: { name: org.name, reason },
    });
    return { name: org.name };
  });
}
