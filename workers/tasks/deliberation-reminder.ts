import type { Task } from "graphile-worker";
import { remindFollowers } from "~/domains/deliberations/remind-followers.server";

/** 24 hours before a vote closes; skipped if the deliberation is no longer open. */
export const deliberationReminderTask: Task = async (payload) => {
  await remindFollowers((payload as { deliberationId: string }).deliberationId);
};
