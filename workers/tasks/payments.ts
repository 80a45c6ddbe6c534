import type { Task } from "graphile-worker";
import { expireStaleDonations } from "~/domains/donations/expire-donations.server";
import { reconcileDay } from "~/domains/donations/reconcile-payments.server";
import { paymentMode } from "~/utils/stripe.server";

/** Nightly: yesterday's (or payload.day's) Stripe balance against the ledger. Only with Stripe keys. */
export const reconcilePaymentsTask: Task = async (payload) => {
  if (paymentMode() !== "real") return;
  const day = (payload as { day?: string } | null)?.day;
  await reconcileDay(day ? new Date(`${day}T12:00:00+08:00`) : new Date(Date.now() - 86400_000));
};

/** Every few minutes: unpaid Checkout Sessions past their lifetime end as expired donations. */
export const expireDonationsTask: Task = async () => {
  await expireStaleDonations();
};
