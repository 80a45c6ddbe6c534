import type { Task } from "graphile-worker";
import { forgetClosedWindows } from "~/utils/rate-limit.server";

/** Daily: counters of rate limits whose windows closed two days ago are forgotten (docs/decisions/0011-contact-verification.md). */
export const forgetRateWindowsTask: Task = async () => {
  await forgetClosedWindows();
};
