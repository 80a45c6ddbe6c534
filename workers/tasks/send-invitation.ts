import type { Task } from "graphile-worker";
import { sendInvitation } from "~/domains/orgs/send-invitation.server";

export const sendInvitationTask: Task = async (payload) => {
  await sendInvitation((payload as { invitationId: string }).invitationId);
};
