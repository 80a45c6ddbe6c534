import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { places, type Place } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { findPlace } from "./queries.server";
import type { RenamePlaceInput } from "./schemas";
import { refusingDuplicates } from "./unique-violation.server";

/** Renames a place; its new name must not be taken by a sibling. Its id, and every link to it, stays. */
export async function renamePlace(options: { actor: Actor | null; input: RenamePlaceInput }): Promise<Place> {
  const { actor, input } = options;
  authorize(actor, "places.manage");
  const place = await findPlace(input.placeId);
  if (!place) throw notFound();
  if (place.name === input.name) throw badInput({ name: "places.nameUnchanged" });

  return refusingDuplicates("places_parent_name", { name: "places.nameTaken" }, () =>
    db().transaction(async (tx) => {
      const [renamed] = await tx.update(places).set({ name: input.name }).where(eq(places.id, place.id)).returning();
      await recordAudit(tx, {
        actorId: actor.userId,
        action: "place.rename",
        entityType: "place",
        entityId: place.id,
        detail: { from: place.name, to: renamed.name },
      });
      return renamed;
    }),
  );
}
