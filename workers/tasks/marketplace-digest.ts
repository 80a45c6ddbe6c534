import type { Task } from "graphile-worker";
import { closeBidding, closeOverdueBidding } from "~/domains/marketplace/close-bidding.server";
import { sendDigests } from "~/domains/marketplace/digest.server";

/** Daily: each saved search's owner hears of new matching service needs. */
export const marketplaceDigestTask: Task = async () => {
  await sendDigests();
};

/** At a service need's deadline (jobKey service-need-deadline:<id>), or from the crontab's sweep without a payload. */
export const closeServiceNeedBiddingTask: Task = async (payload) => {
  const id = (payload as { serviceNeedId?: string } | null)?.serviceNeedId;
  if (id) await closeBidding(id);
  else await closeOverdueBidding();
};
