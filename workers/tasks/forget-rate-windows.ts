import type { Task } from "graphile-worker";
import { forgetLapsedLinkRequests } from "~/domains/households/link-requests.server";
import { forgetClosedWindows } from "~/utils/rate-limit.server";

/**
 * Daily: counters of rate limits whose windows closed two days ago are forgotten, and so are
 * household link requests that lapsed unanswered (docs/decisions/0011-contact-verification.md).
 */
export const forgetRateWindowsTask: Task = async () => {
  await forgetClosedWindows();
  await forgetLapsedLinkRequests();
};
