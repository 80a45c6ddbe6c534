import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { places, type Place } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, badInput, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { parentLevelOf } from "./levels";
import { findPlace } from "./queries.server";
import type { MovePlaceInput } from "./schemas";
import { refusingDuplicates } from "./unique-violation.server";

/**
 * Puts a place (with everything below it) under another parent of the level its parent has.
 * Levels only go down, so the new parent can never be the place itself or one of its descendants.
 */
export async function movePlace(options: { actor: Actor | null; input: MovePlaceInput }): Promise<Place> {
  const { actor, input } = options;
  authorize(actor, "places.manage");
  const [place, parent] = await Promise.all([findPlace(input.placeId), findPlace(input.parentId)]);
  if (!place || !parent) throw notFound();

  const expected = parentLevelOf(place.level);
  if (expected === null) throw badInput({ parentId: "places.cityCannotMove" });
  if (parent.level !== expected) {
    const message = `places.parentMustBe.${expected}` as const;
    throw new AppError("bad_input", { message, fieldErrors: { parentId: message } });
  }
  if (parent.id === place.parentId) throw badInput({ parentId: "places.alreadyUnderParent" });

  return refusingDuplicates("places_parent_name", { parentId: "places.nameTakenUnderParent" }, () =>
    db().transaction(async (tx) => {
      const [moved] = await tx.update(places).set({ parentId: parent.id }).where(eq(places.id, place.id)).returning();
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "place.move",
        entityType: "place",
        entityId: place.id,
        detail: { fromParentId: place.parentId, toParentId: parent.id },
      });
      return moved;
    }),
  );
}
