import type { Task } from "graphile-worker";
import { runMilestoneDeadlines } from "~/domains/delivery/milestone-deadlines.server";

/** Hourly: due-date reminders and overdue marking; each reminder is sent once however often this runs. */
export const milestoneDeadlinesTask: Task = async () => {
  await runMilestoneDeadlines();
};
