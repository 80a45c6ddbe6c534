import type { Task } from "graphile-worker";
import { runMilestoneDeadlines } from "~/domains/delivery/milestone-deadlines.server";
import { runRatingWindowSweep } from "~/domains/delivery/rating-window.server";

/**
 * Hourly: due-date reminders and overdue marking, and the notice that a rating window closed short
 * of the funder's bar; each is sent once however often this runs.
 */
export const milestoneDeadlinesTask: Task = async () => {
  await runMilestoneDeadlines();
  await runRatingWindowSweep();
};
