import { eq } from "drizzle-orm";
import { db, type DbOrTx } from "@db/client";
import { memberships, organisations, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertPlacesFit, orgColumns, replaceServiceAreas, withUniqueCreditCode } from "./org-input.server";
import type { OrgInput } from "./schemas";

/**
 * Whether the person has proved a number or an email by code. Registering makes them an
 * organisation's owner, and roles follow proved contacts only (docs/decisions/0011-contact-verification.md).
 */
export async function hasVerifiedContact(userId: string, tx: DbOrTx = db()): Promise<boolean> {
  const [me] = await tx.select({ phone: users.phoneVerifiedAt, email: users.emailVerifiedAt }).from(users).where(eq(users.id, userId));
  return !!(me?.phone || me?.email);
}

/** A signed-in person with a verified contact registers an organisation; they become its owner and it waits for the platform's review. */
export async function registerOrg(options: { actor: Actor; input: OrgInput }): Promise<{ orgId: string }> {
  const { actor, input } = options;
  authorize(actor, "org.register");
  await assertPlacesFit(input);
  const orgId = newId();
  const columns = orgColumns(input);
  await withUniqueCreditCode(() =>
    db().transaction(async (tx) => {
      if (!(await hasVerifiedContact(actor.userId, tx))) throw forbidden("orgs.registerNeedsVerified");
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
