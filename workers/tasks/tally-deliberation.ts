import type { Task } from "graphile-worker";
import { closeAndTally, tallyOverdueDeliberations } from "~/domains/deliberations/close-and-tally.server";

/** At a deliberation's closesAt (jobKey tally:<id>); does nothing if it was already tallied. */
export const tallyDeliberationTask: Task = async (payload) => {
  await closeAndTally((payload as { deliberationId: string }).deliberationId);
};

/** The crontab's sweep: any open deliberation past its deadline whose tally job went missing. */
export const tallyOverdueDeliberationsTask: Task = async () => {
  await tallyOverdueDeliberations();
};
