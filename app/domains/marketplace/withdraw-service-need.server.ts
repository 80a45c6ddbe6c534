// Withdrawing a service need needs a reason, which the public page shows; the organisations that
// asked or have a proposal under way are told. A selected one has an agreement and stays.
import { db } from "@db/client";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertStaffOf, interestedOrgIds, lockServiceNeed, moveServiceNeed, tellOrgs } from "./steps.server";

export async function withdrawServiceNeed(options: { actor: Actor | null; serviceNeedId: string; reason: string }) {
  const { actor, reason } = options;
  authorize(actor, "account.use");
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, options.serviceNeedId);
    assertStaffOf(actor, serviceNeed);
    await moveServiceNeed(tx, actor.userId, serviceNeed, "withdrawn", { withdrawalReason: reason }, { reason });
    await tellOrgs(tx, `service_need.withdrawn:${serviceNeed.id}`, await interestedOrgIds(tx, serviceNeed.id), {
      kind: "service_need.withdrawn",
      title: "marketplace.notifyWithdrawnTitle",
      body: "marketplace.notifyWithdrawnBody",
      params: { title: serviceNeed.title, reason },
      link: `/market/${serviceNeed.id}`,
    });
  });
}
