// What an online vote and a paper ballot both go through: the deliberation row is locked FOR SHARE
// and the window is checked by the database's clock in that same transaction. The tally locks the
// row FOR UPDATE, so a ballot either commits before the tally reads the votes, or sees the
// deliberation closed: a vote at 23:59:59.999 and the tally never interleave.
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { deliberationOptions, deliberations } from "@db/schema";
import { badInput, conflict, notFound } from "~/utils/errors";

export async function lockForVoting(tx: Tx, deliberationId: string) {
  const [row] = await tx
    .select({
      id: deliberations.id,
      communityId: deliberations.communityId,
      scopePlaceId: deliberations.scopePlaceId,
      status: deliberations.status,
      opensAt: deliberations.opensAt,
      closesAt: deliberations.closesAt,
      // The database's clock decides, at the moment the row is locked.
      early: sql<boolean>`clock_timestamp() < ${deliberations.opensAt}`,
      late: sql<boolean>`clock_timestamp() >= ${deliberations.closesAt}`,
    })
    .from(deliberations)
    .where(eq(deliberations.id, deliberationId))
    .for("share");
  if (!row) throw notFound();
  if (row.status === "draft") throw conflict("deliberations.notOpenYet");
  if (row.status !== "open" || row.late) throw conflict("deliberations.votingClosed");
  if (row.early) throw conflict("deliberations.votingNotStarted");
  return row;
}

/** The option, if it belongs to this deliberation: an option of another one is a field error. */
export async function assertOptionOf(tx: Tx, deliberationId: string, optionId: string) {
  const [option] = await tx
    .select({ id: deliberationOptions.id, label: deliberationOptions.label })
    .from(deliberationOptions)
    .where(and(eq(deliberationOptions.id, optionId), eq(deliberationOptions.deliberationId, deliberationId)));
  if (!option) throw badInput({ optionId: "deliberations.optionUnknown" });
  return option;
}
