// What the platform admin's two decisions on an organisation share.
import type { Tx } from "@db/client";
import type { NotifyPayload } from "~/domains/notifications/notify.server";
import { forbidden, notFound } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { lockOrg } from "./org-input.server";
import { assertOrgTransition, type OrgStatus } from "./states";

/**
 * Checks that the actor reviews organisations and is not deciding on their own, and that the
 * organisation (locked for this transaction) may move to `to`; returns it as it was.
 */
export async function beginDecision(tx: Tx, actor: Actor, orgId: string, to: OrgStatus) {
  authorize(actor, "org.review");
  const org = await lockOrg(tx, orgId);
  if (!org) throw notFound();
  if (actor.memberships.some((m) => m.orgId === orgId)) throw forbidden("orgs.ownOrgReview");
  assertOrgTransition(org.status, to);
  return org;
}

/** Tells the organisation's owners and admins, in the app and by email or text (the `notify` job). */
export async function notifyOrgAdmins(tx: Tx, orgId: string, payload: Omit<NotifyPayload, "orgAdminsOf" | "link">) {
  const job: NotifyPayload = { ...payload, orgAdminsOf: [orgId], link: `/orgs/${orgId}` };
  await enqueueJob(tx, "notify", { ...job });
}
