// A donor starts a gift: the donation row is written (created), a Checkout Session opened for it
// (pending), and the donor sent to pay. No money is recorded here: only Stripe's webhook does that.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { campaigns, donations, funds, users } from "@db/schema";
import { AppError, badInput, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { paymentGateway } from "./gateway.server";
import type { DonateInput } from "./schemas";

/** Stripe lets a session live 30 minutes to 24 hours; an hour is enough to pay with a phone. */
export const CHECKOUT_LIFETIME_MS = 60 * 60 * 1000;

export async function startDonation(options: { actor: Actor | null; fundId: string; input: DonateInput; baseUrl: string }) {
  const { actor, fundId, input } = options;
  const [fund] = await db().select({ id: funds.id, name: funds.name }).from(funds).where(eq(funds.id, fundId));
  if (!fund) throw notFound();
  let description = `捐赠：${fund.name}`;
  if (input.campaignId) {
    const [campaign] = await db()
      .select({ title: campaigns.title, status: campaigns.status, deadline: campaigns.deadline })
      .from(campaigns)
      .where(and(eq(campaigns.id, input.campaignId), eq(campaigns.fundId, fundId)));
    if (!campaign) throw notFound();
    if (campaign.status !== "active" || campaign.deadline.getTime() < Date.now()) throw new AppError("conflict", { message: "donations.campaignClosed" });
    description = `捐赠：${campaign.title}（${fund.name}）`;
  }
  // A monthly gift is cancelled by its donor from their account: it needs one.
  if (input.monthly && !actor) throw new AppError("unauthenticated", { message: "donations.monthlyNeedsAccount" });

  const [person] = actor ? await db().select({ name: users.displayName, email: users.email }).from(users).where(eq(users.id, actor.userId)) : [];
  const donorName = input.name ?? person?.name;
  if (!donorName) throw badInput({ name: "donations.nameRequired" });
  const donorEmail = input.email ?? person?.email ?? null;

  const id = newId();
  await db().insert(donations).values({
    id,
    fundId,
    campaignId: input.campaignId,
    donorUserId: actor?.userId ?? null,
    donorName,
    donorEmail,
    anonymous: input.anonymous,
    message: input.message,
    amountFen: input.amountFen,
    paymentMethod: input.method,
    status: "created",
  });

  let session: { sessionId: string; url: string };
  try {
    session = await paymentGateway().createCheckout({
      donationId: id,
      description: input.monthly ? `每月${description}` : description,
      amountFen: input.amountFen,
      monthly: input.monthly,
      method: input.method,
      donorEmail,
      // Stripe fills in {CHECKOUT_SESSION_ID}; holding it lets a donor without an account see the receipt.
      successUrl: `${options.baseUrl}/receipts/${id}?session={CHECKOUT_SESSION_ID}`,
      cancelUrl: `${options.baseUrl}/donate/${fundId}${input.campaignId ? `?campaign=${input.campaignId}&` : "?"}cancelled=1`,
      expiresAt: new Date(Date.now() + CHECKOUT_LIFETIME_MS),
    });
  } catch (error) {
    console.error(`[payments] could not open a checkout session for donation ${id}:`, error);
    await db().update(donations).set({ status: "failed" }).where(eq(donations.id, id));
    throw new AppError("conflict", { message: "donations.paymentUnavailable" });
  }
  await db()
    .update(donations)
    .set({ checkoutSessionId: session.sessionId, status: "pending" })
    .where(and(eq(donations.id, id), eq(donations.status, "created")));
  return { donationId: id, sessionId: session.sessionId, url: session.url };
}
