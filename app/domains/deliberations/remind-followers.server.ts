// 24 hours before a vote closes, its followers are reminded (the job was scheduled when it opened).
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberations } from "@db/schema";
import { enqueueNotice } from "./notices.server";

export async function remindFollowers(deliberationId: string): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [d] = await tx.select().from(deliberations).where(eq(deliberations.id, deliberationId)).for("share");
    if (!d || d.status !== "open" || d.closesAt <= new Date()) return false;
    await enqueueNotice(tx, d, "reminder", { title: "deliberations.notice.reminderTitle", body: "deliberations.notice.reminderBody" });
    return true;
  });
}
