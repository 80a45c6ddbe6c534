// Nightly reconciliation (对账): Stripe's balance transactions of one day (Asia/Shanghai) against
// the ledger's donations, fees and refunds of that day, payment by payment. Any difference is
// reported to the managers of the fund concerned (and to platform admins when no fund is known).
import { and, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { db } from "@db/client";
import { donations, fundRoles, journalEntries, journalLines, ledgerAccounts, paymentEvents, users } from "@db/schema";
import { enqueueJob } from "~/utils/jobs.server";
import { paymentGateway } from "./gateway.server";

export interface Difference {
  paymentIntentId: string | null;
  fundId: string | null;
  donationId: string | null;
  problem: "missing_in_ledger" | "missing_at_stripe" | "amount" | "fee" | "refund";
  stripeFen: string;
  ledgerFen: string;
}

interface Side {
  amount: bigint;
  fee: bigint;
  refunded: bigint;
}
const empty = (): Side => ({ amount: 0n, fee: 0n, refunded: 0n });

/** Midnight to midnight in China (UTC+8, no daylight saving) of the day `day` falls in. */
export function chinaDay(day: Date): { from: Date; to: Date; label: string } {
  const label = new Date(day.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const from = new Date(`${label}T00:00:00+08:00`);
  return { from, to: new Date(from.getTime() + 86400_000), label };
}

async function ledgerSide(from: Date, to: Date) {
  // Donations and their fees, by the payment they came from: the gift is what the donations account
  // took in, the fee what processing_fees paid out, whether the fee is a line of the donation's entry
  // or (as posted before) an entry of its own, kind "fee".
  const paid = await db()
    .select({
      donationId: donations.id,
      fundId: donations.fundId,
      paymentIntentId: donations.paymentIntentId,
      code: ledgerAccounts.code,
      fen: sql<string>`sum(${journalLines.creditFen} + ${journalLines.debitFen})::text`,
    })
    .from(journalEntries)
    .innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id))
    .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
    .innerJoin(donations, eq(donations.id, journalEntries.sourceId))
    .where(
      and(
        eq(journalEntries.sourceType, "donation"),
        inArray(journalEntries.kind, ["donation", "fee"]),
        inArray(ledgerAccounts.code, ["donations", "processing_fees"]),
        gte(journalEntries.occurredAt, from),
        lt(journalEntries.occurredAt, to),
      ),
    )
    .groupBy(donations.id, donations.fundId, donations.paymentIntentId, ledgerAccounts.code);
  // Refunds name the Stripe event that caused them; the event names the payment.
  const refunds = await db()
    .select({
      paymentIntentId: sql<string | null>`${paymentEvents.payload} -> 'data' -> 'object' ->> 'payment_intent'`,
      fundId: journalEntries.fundId,
      fen: sql<string>`sum(${journalLines.debitFen})::text`,
    })
    .from(journalEntries)
    .innerJoin(journalLines, eq(journalLines.entryId, journalEntries.id))
    .innerJoin(paymentEvents, eq(paymentEvents.id, journalEntries.sourceId))
    .where(and(eq(journalEntries.sourceType, "refund"), eq(journalEntries.kind, "refund"), gte(journalEntries.occurredAt, from), lt(journalEntries.occurredAt, to)))
    .groupBy(sql`1`, journalEntries.fundId);

  const byPayment = new Map<string, Side & { fundId: string; donationId: string | null }>();
  const entry = (key: string, fundId: string, donationId: string | null) => {
    const side = byPayment.get(key) ?? { ...empty(), fundId, donationId };
    byPayment.set(key, side);
    return side;
  };
  for (const row of paid) {
    const side = entry(row.paymentIntentId ?? `donation:${row.donationId}`, row.fundId, row.donationId);
    if (row.code === "donations") side.amount += BigInt(row.fen);
    else side.fee += BigInt(row.fen);
  }
  for (const row of refunds) entry(row.paymentIntentId ?? "unknown refund", row.fundId, null).refunded += BigInt(row.fen);
  return byPayment;
}

export async function reconcileDay(day: Date): Promise<{ day: string; stripeLines: number; differences: Difference[] }> {
  const { from, to, label } = chinaDay(day);
  const lines = await paymentGateway().balanceTransactions(from, to);
  const stripe = new Map<string, Side>();
  for (const line of lines) {
    const key = line.paymentIntentId ?? `balance:${line.id}`;
    const side = stripe.get(key) ?? empty();
    if (line.type === "charge" || line.type === "payment") {
      side.amount += line.amountFen;
      side.fee += line.feeFen;
    } else if (line.type === "refund" || line.type === "payment_refund") {
      side.refunded += -line.amountFen;
    } else continue; // payouts, Stripe's own fees and adjustments are not donations
    stripe.set(key, side);
  }
  const ledger = await ledgerSide(from, to);

  const differences: Difference[] = [];
  for (const key of new Set([...stripe.keys(), ...ledger.keys()])) {
    const s = stripe.get(key) ?? empty();
    const l = ledger.get(key);
    const base = { paymentIntentId: key.startsWith("pi_") ? key : null, fundId: l?.fundId ?? null, donationId: l?.donationId ?? null };
    const ours = l ?? empty();
    if (s.amount !== ours.amount) {
      const problem = ours.amount === 0n ? "missing_in_ledger" : s.amount === 0n ? "missing_at_stripe" : "amount";
      differences.push({ ...base, problem, stripeFen: String(s.amount), ledgerFen: String(ours.amount) });
    } else if (s.fee !== ours.fee) {
      differences.push({ ...base, problem: "fee", stripeFen: String(s.fee), ledgerFen: String(ours.fee) });
    }
    if (s.refunded !== ours.refunded) differences.push({ ...base, problem: "refund", stripeFen: String(s.refunded), ledgerFen: String(ours.refunded) });
  }
  if (differences.length) await report(label, differences);
  return { day: label, stripeLines: lines.length, differences };
}

async function report(day: string, differences: Difference[]) {
  console.error(`[payments] reconciliation of ${day}: ${differences.length} difference(s) between Stripe and the ledger`);
  const byFund = new Map<string | null, Difference[]>();
  for (const d of differences) byFund.set(d.fundId, [...(byFund.get(d.fundId) ?? []), d]);
  const admins = (await db().select({ id: users.id }).from(users).where(eq(users.isPlatformAdmin, true))).map((u) => u.id);
  for (const [fundId, list] of byFund) {
    const managers = fundId
      ? (await db().select({ id: fundRoles.userId }).from(fundRoles).where(and(eq(fundRoles.fundId, fundId), eq(fundRoles.role, "manager")))).map((m) => m.id)
      : [];
    const userIds = managers.length ? managers : admins;
    if (userIds.length === 0) continue;
    await enqueueJob(db(), "notify", {
      key: `reconciliation:${day}:${fundId ?? "unknown"}`,
      kind: "reconciliation",
      title: "donations.reconcileTitle",
      body: "donations.reconcileBody",
      params: { day, count: list.length },
      link: fundId ? `/funds/${fundId}/ledger` : undefined,
      userIds,
    });
  }
}
