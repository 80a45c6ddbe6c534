import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { households } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import type { Actor } from "~/utils/permissions.server";
import { withFreshJoinCode } from "./join-code.server";
import { managedHousehold } from "./scope.server";

/** A new join code for a household (the old one stops working), e.g. after it was shared too widely. */
export async function regenerateJoinCode(options: { actor: Actor | null; householdId: string }): Promise<{ joinCode: string }> {
  const { actor, household } = await managedHousehold(options.actor, options.householdId);
  return withFreshJoinCode((joinCode) =>
    db().transaction(async (tx) => {
      await tx.update(households).set({ joinCode }).where(eq(households.id, household.id));
      // The code itself stays out of the log: the log outlives it and is read more widely.
      await recordAudit(tx, { actorId: actor.userId, action: "household.regenerate_code", entityType: "household", entityId: household.id });
      return { joinCode };
    }),
  );
}
