import { db } from "@db/client";
import { places, type Place } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { childLevelOf } from "./levels";
import { findPlace } from "./queries.server";
import type { AddPlaceInput } from "./schemas";
import { refusingDuplicates } from "./unique-violation.server";

/** Adds a place one level below its parent (a city at the top); sibling names are unique. */
export async function addPlace(options: { actor: Actor | null; input: AddPlaceInput }): Promise<Place> {
  const { actor, input } = options;
  authorize(actor, "places.manage");
  const parent = input.parentId ? await findPlace(input.parentId) : null;
  if (input.parentId && !parent) throw notFound();

  const expected = parent ? childLevelOf(parent.level) : "city";
  if (expected === null) throw new AppError("bad_input", { message: "places.buildingHasNoChildren", fieldErrors: { level: "places.buildingHasNoChildren" } });
  if (input.level !== expected) {
    const message = parent ? (`places.childMustBe.${expected}` as const) : "places.topMustBeCity";
    throw new AppError("bad_input", { message, params: { parent: parent?.name ?? "" }, fieldErrors: { level: message } });
  }

  return refusingDuplicates("places_parent_name", { name: "places.nameTaken" }, () =>
    db().transaction(async (tx) => {
      const [place] = await tx.insert(places).values({ id: newId(), parentId: parent?.id ?? null, level: input.level, name: input.name }).returning();
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "place.add",
        entityType: "place",
        entityId: place.id,
        toState: place.level,
        detail: { name: place.name, parentId: place.parentId },
      });
      return place;
    }),
  );
}
