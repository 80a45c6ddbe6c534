import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { organisations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import type { Actor } from "~/utils/permissions.server";
import { beginDecision, notifyOrgAdmins } from "./org-review.server";

/** The platform admin verifies a pending organisation (pending → verified) and the organisation is told. */
export async function verifyOrg(options: { actor: Actor; orgId: string }) {
  const { actor, orgId } = options;
  return db().transaction(async (tx) => {
    const org = await beginDecision(tx, actor, orgId, "verified");
    await tx
      .update(organisations)
      .set({ status: "verified", rejectionReason: null, reviewedBy: actor.userId, reviewedAt: new Date() })
      .where(eq(organisations.id, orgId));
    await recordAudit(tx, { actorId: actor.userId, action: "org.verify", entityType: "organisation", entityId: orgId, fromState: org.status, toState: "verified" });
    await notifyOrgAdmins(tx, orgId, {
      key: `org.verified:${orgId}`,
      kind: "org.verified",
      title: "orgs.notify.verifiedTitle",
      body: "orgs.notify.verifiedBody",
      params: { name: org.name },
    });
    return { name: org.name };
  });
}
