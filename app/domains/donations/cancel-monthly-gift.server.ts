// A donor stops their monthly gift (月捐). Stripe cancels the subscription and tells us with
// customer.subscription.deleted; that event, stored like every other, is what marks it ended.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { donations } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { AppError, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { paymentGateway } from "./gateway.server";
import { isSubscriptionEnded } from "./queries.server";

export async function cancelMonthlyGift(options: { actor: Actor; subscriptionId: string }) {
  const { actor, subscriptionId } = options;
  const [gift] = await db()
    .select({ id: donations.id })
    .from(donations)
    .where(and(eq(donations.subscriptionId, subscriptionId), eq(donations.donorUserId, actor.userId)))
    .limit(1);
  // Somebody else's subscription is as good as none: say nothing about it.
  if (!gift) throw notFound();
  if (await isSubscriptionEnded(subscriptionId)) throw new AppError("conflict", { message: "donations.monthlyAlreadyEnded" });
  await paymentGateway().cancelSubscription(subscriptionId);
  await db().transaction((tx) =>
    recordAudit(tx, { actorId: actor.userId, action: "donation.monthly_cancel", entityType: "donation", entityId: gift.id, fromState: "active", toState: "cancelled", detail: { subscriptionId } }),
  );
}
