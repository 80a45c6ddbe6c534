// The two payment steps a person takes after acceptance: a fund manager releases an accepted
// milestone whose fund was short at acceptance time, and the funding organisation records that a
// payment instruction was paid, with the bank's reference.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { milestonePayments } from "@db/schema";
import { conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { lockMilestone, rolesOn } from "./access.server";
import { markPaid, releasePayment } from "./release-payment.server";

export async function retryRelease(options: { actor: Actor | null; milestoneId: string }) {
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = options.actor;
    if (!actor || !(await rolesOn(tx, actor, project)).fundManager) throw forbidden();
    if (milestone.status !== "accepted") throw conflict("delivery.notAccepted");
    const outcome = await releasePayment(tx, project, milestone, actor.userId);
    if (outcome === "insufficient") throw conflict("delivery.fundShort");
    return outcome;
  });
}

export async function recordBankPayment(options: { actor: Actor | null; milestoneId: string; paymentId: string; bankReference: string }) {
  return db().transaction(async (tx) => {
    const { milestone, project } = await lockMilestone(tx, options.milestoneId);
    const actor = options.actor;
    if (!actor || !(await rolesOn(tx, actor, project)).funder) throw forbidden();
    const [payment] = await tx
      .select()
      .from(milestonePayments)
      .where(and(eq(milestonePayments.id, options.paymentId), eq(milestonePayments.milestoneId, milestone.id)))
      .for("update");
    if (!payment || payment.method !== "instruction") throw notFound();
    if (payment.status === "paid") throw conflict("delivery.alreadyPaid");
    await tx.update(milestonePayments).set({ status: "paid", bankReference: options.bankReference, paidBy: actor.userId, paidAt: new Date() }).where(eq(milestonePayments.id, payment.id));
    await markPaid(tx, project, milestone, actor.userId, { paymentId: payment.id, bankReference: options.bankReference });
  });
}
