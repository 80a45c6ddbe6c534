import type { Task } from "graphile-worker";
import { notify, type NotifyPayload } from "~/domains/notifications/notify.server";

export const notifyTask: Task = async (payload) => {
  await notify(payload as NotifyPayload);
};
