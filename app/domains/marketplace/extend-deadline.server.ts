// Extending the proposal deadline: only later, only while proposals are open; the deadline job
// moves with it, and the organisations that asked or have a proposal under way are told.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { serviceNeeds } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, conflict } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { formatChinaTime } from "./time";
import { assertStaffOf, interestedOrgIds, lockServiceNeed, scheduleDeadline, tellOrgs } from "./steps.server";

export async function extendDeadline(options: { actor: Actor | null; serviceNeedId: string; proposalDeadline: Date; now?: Date }) {
  const { actor, proposalDeadline } = options;
  authorize(actor, "account.use");
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, options.serviceNeedId);
    assertStaffOf(actor, serviceNeed);
    if (serviceNeed.status !== "published" || serviceNeed.proposalDeadline <= (options.now ?? new Date())) throw conflict("marketplace.notOpen");
    if (proposalDeadline <= serviceNeed.proposalDeadline) throw badInput({ proposalDeadline: "marketplace.extendOnlyLater" });
    await tx.update(serviceNeeds).set({ proposalDeadline }).where(eq(serviceNeeds.id, serviceNeed.id));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "service_need.extend",
      entityType: "service_need",
      entityId: serviceNeed.id,
      fromState: "published",
      toState: "published",
      detail: { from: serviceNeed.proposalDeadline.toISOString(), to: proposalDeadline.toISOString() },
    });
    await scheduleDeadline(tx, serviceNeed, proposalDeadline);
    await tellOrgs(tx, `service_need.extended:${serviceNeed.id}:${proposalDeadline.toISOString()}`, await interestedOrgIds(tx, serviceNeed.id), {
      kind: "service_need.extended",
      title: "marketplace.notifyExtendedTitle",
      body: "marketplace.notifyExtendedBody",
      params: { title: serviceNeed.title, deadline: formatChinaTime(proposalDeadline) },
      link: `/market/${serviceNeed.id}`,
    });
  });
}
