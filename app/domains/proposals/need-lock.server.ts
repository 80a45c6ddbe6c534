// Every proposal write starts by reading the service need under a row lock, with the deadline
// compared on the database's clock (never the web server's, never the status alone): edits share
// the lock, the community's decisions take it exclusively, so a selection never races an edit.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { serviceNeeds, type ServiceNeed } from "@db/schema";
import { notFound } from "~/utils/errors";

export interface LockedNeed {
  need: ServiceNeed;
  /** The proposal deadline has passed by the database's clock. */
  closed: boolean;
}

export async function lockNeed(tx: Tx, serviceNeedId: string, mode: "share" | "update"): Promise<LockedNeed> {
  const [row] = await tx
    .select({ need: serviceNeeds, closed: sql<boolean>`clock_timestamp() >= ${serviceNeeds.proposalDeadline}` })
    .from(serviceNeeds)
    .where(eq(serviceNeeds.id, serviceNeedId))
    .for(mode);
  if (!row) throw notFound();
  return row;
}

/** Statuses in which a need takes proposals (before its deadline) or awaits a decision (after it). */
export const OPEN_NEED = ["published", "evaluating"] as const;
export const isOpenNeed = (status: string) => (OPEN_NEED as readonly string[]).includes(status);
