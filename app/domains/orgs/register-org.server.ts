import { db } from "@db/client";
import { memberships, organisations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertPlacesFit, orgColumns, replaceServiceAreas, withUniqueCreditCode } from "./org-input.server";
import type { OrgInput } from "./schemas";

/** A signed-in person registers an organisation; they become its owner and it waits for the platform's review. */
export async function registerOrg(options: { actor: Actor; input: OrgInput }): Promise<{ orgId: string }> {
  const { actor, input } = options;
  authorize(actor, "org.register");
  await assertPlacesFit(input);
  const orgId = newId();
  const columns = orgColumns(input);
  await withUniqueCreditCode(() =>
    db().transaction(async (tx) => {
      await tx.insert(organisations).values({ id: orgId, ...columns, status: "pending", createdBy: actor.userId });
      await replaceServiceAreas(tx, orgId, input.serviceAreaIds);
      await tx.insert(memberships).values({ orgId, userId: actor.userId, role: "owner" });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "org.register",
        entityType: "organisation",
        entityId: orgId,
        toState: "pending",
        detail: { creditCodeChecks: columns.creditCodeChecks, registration: input.registration },
      });
    }),
  );
  return { orgId };
}
