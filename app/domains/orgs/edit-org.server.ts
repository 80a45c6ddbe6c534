import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { organisations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertPlacesFit, lockOrg, orgColumns, replaceServiceAreas, withUniqueCreditCode } from "./org-input.server";
import type { OrgInput } from "./schemas";
import { assertOrgTransition } from "./states";

/**
 * The owner or an admin corrects the organisation's details while it waits for review, or after
 * a rejection, which resubmits it (rejected → pending). A verified organisation's registered
 * details change only through the platform, so they are not edited here.
 */
export async function editOrg(options: { actor: Actor; orgId: string; input: OrgInput }): Promise<{ resubmitted: boolean }> {
  const { actor, orgId, input } = options;
  authorize(actor, "org.manage", { orgId });
  await assertPlacesFit(input);
  const columns = orgColumns(input);
  return withUniqueCreditCode(() =>
    db().transaction(async (tx) => {
      const org = await lockOrg(tx, orgId);
      if (!org) throw notFound();
      if (org.status === "verified") throw conflict("orgs.verifiedNotEditable");
      const resubmitted = org.status === "rejected";
      if (resubmitted) assertOrgTransition(org.status, "pending");
      await tx
        .update(organisations)
        .set({ ...columns, status: "pending", rejectionReason: null })
        .where(eq(organisations.id, orgId));
      await replaceServiceAreas(tx, orgId, input.serviceAreaIds);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: resubmitted ? "org.resubmit" : "org.edit",
        entityType: "organisation",
        entityId: orgId,
        fromState: org.status,
        toState: "pending",
        detail: { creditCodeChecks: columns.creditCodeChecks },
      });
      return { resubmitted };
    }),
  );
}
