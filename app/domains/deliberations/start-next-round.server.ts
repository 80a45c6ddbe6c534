// A further round (scenario 6): when a round failed or missed its quorum, staff put the matter to
// the households again. The new round points to the one before and carries its needs.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@db/client";
import { deliberations } from "@db/schema";
import { conflict, notFound } from "~/utils/errors";
import { needIdsOf } from "./notices.server";

/** Statuses after which another round may follow. A passed round decided the matter. */
export const CONTINUABLE = ["failed", "no_quorum"] as const;

/** The previous round (locked, so two staff cannot both continue it) and the needs the next round carries. */
export async function carryFromPreviousRound(tx: Tx, communityId: string, previousRoundId: string) {
  const [previous] = await tx
    .select()
    .from(deliberations)
    .where(and(eq(deliberations.id, previousRoundId), eq(deliberations.communityId, communityId)))
    .for("update");
  if (!previous) throw notFound();
  if (!(CONTINUABLE as readonly string[]).includes(previous.status)) throw conflict("deliberations.cannotContinue");
  const [next] = await tx.select({ id: deliberations.id }).from(deliberations).where(eq(deliberations.previousRoundId, previous.id));
  if (next) throw conflict("deliberations.nextRoundExists");
  return { round: previous.round + 1, needIds: await needIdsOf(tx, previous.id) };
}
