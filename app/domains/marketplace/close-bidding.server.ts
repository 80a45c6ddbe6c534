// When the proposal deadline passes, a published service need moves to evaluating: from then on
// the community may read proposals and nobody may send or change one. Run by the deadline job
// (one per service need, moved when the deadline is extended) and by a sweep for any it missed.
import { and, eq, lte } from "drizzle-orm";
import { db } from "@db/client";
import { serviceNeeds } from "@db/schema";
import { lockServiceNeed, moveServiceNeed } from "./steps.server";

/** Moves one service need if its deadline has passed; does nothing otherwise (extended, withdrawn, already moved). */
export async function closeBidding(serviceNeedId: string, now = new Date()): Promise<boolean> {
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, serviceNeedId).catch(() => null);
    if (!serviceNeed || serviceNeed.status !== "published" || serviceNeed.proposalDeadline > now) return false;
    await moveServiceNeed(tx, null, serviceNeed, "evaluating");
    return true;
  });
}

export async function closeOverdueBidding(now = new Date()): Promise<number> {
  const due = await db()
    .select({ id: serviceNeeds.id })
    .from(serviceNeeds)
    .where(and(eq(serviceNeeds.status, "published"), lte(serviceNeeds.proposalDeadline, now)));
  let moved = 0;
  for (const { id } of due) if (await closeBidding(id, now)) moved++;
  return moved;
}
