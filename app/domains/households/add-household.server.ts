import { db } from "@db/client";
import { households, type Household } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { refusingDuplicates } from "~/domains/places/unique-violation.server";
import { notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { withFreshJoinCode } from "./join-code.server";
import type { AddHouseholdInput } from "./schemas";
import { buildingInScope } from "./scope.server";

/** Staff add a household (户) to a building of their community; its door plate is unique in the building. */
export async function addHousehold(options: { actor: Actor | null; input: AddHouseholdInput }): Promise<{ household: Household; communityId: string | null }> {
  const { actor, input } = options;
  const building = await buildingInScope(input.buildingId);
  if (!building) throw notFound();
  authorize(actor, "households.manage", { communityId: building.communityId ?? undefined });

  const household = await refusingDuplicates("households_building_label", { label: "households.labelTaken" }, () =>
    withFreshJoinCode((joinCode) =>
      db().transaction(async (tx) => {
        const [row] = await tx.insert(households).values({ id: newId(), buildingId: building.id, label: input.label, joinCode }).returning();
        await recordAudit(tx, {
          actorId: actor.userId,
          action: "household.add",
          entityType: "household",
          entityId: row.id,
          detail: { buildingId: building.id, label: row.label },
        });
        return row;
      }),
    ),
  );
  return { household, communityId: building.communityId };
}
