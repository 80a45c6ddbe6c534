// Applies every pledge of a donation's campaign to it, in the transaction that records the
// donation. Each pledge row is locked while its remaining cap is read and spent, so concurrent
// donations never match beyond a cap.
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { matches, matchingPledges, type Donation } from "@db/schema";
import { postEntry } from "~/domains/ledger/post-entry.server";
import { newId } from "~/utils/ids";
import { donorKey, matchAmount } from "./matching";

export interface AppliedMatch {
  matchId: string;
  pledgeId: string;
  amountFen: bigint;
}

export async function applyMatches(tx: Tx, donation: Donation, at: Date): Promise<AppliedMatch[]> {
  if (!donation.campaignId) return [];
  const pledges = await tx
    .select()
    .from(matchingPledges)
    .where(and(eq(matchingPledges.campaignId, donation.campaignId), lte(matchingPledges.startsAt, at), gt(matchingPledges.endsAt, at)))
    .orderBy(asc(matchingPledges.createdAt), asc(matchingPledges.id))
    .for("update");
  const key = donorKey(donation);
  const applied: AppliedMatch[] = [];
  for (const pledge of pledges) {
    const [used] = await tx
      .select({
        pledgeFen: sql<string>`coalesce(sum(${matches.amountFen} - ${matches.reversedFen}), 0)::text`,
        donorFen: sql<string>`coalesce(sum(${matches.amountFen} - ${matches.reversedFen}) filter (where ${matches.donorKey} = ${key}), 0)::text`,
      })
      .from(matches)
      .where(eq(matches.pledgeId, pledge.id));
    const amountFen = matchAmount(pledge, { amountFen: donation.amountFen, at }, { pledgeFen: BigInt(used.pledgeFen), donorFen: BigInt(used.donorFen) });
    if (amountFen === 0n) continue;
    const [match] = await tx
      .insert(matches)
      .values({ id: newId(), pledgeId: pledge.id, donationId: donation.id, donorKey: key, amountFen, createdAt: at })
      .onConflictDoNothing()
      .returning({ id: matches.id });
    if (!match) continue; // this donation was matched by this pledge already
    await postEntry(tx, {
      fundId: donation.fundId,
      kind: "match",
      memo: `配捐：${pledge.matcherName}`,
      source: { type: "match", id: match.id },
      counterparty: pledge.matcherName,
      occurredAt: at,
      lines: [
        { account: "matching_receivable", debit: amountFen },
        { account: "matching", credit: amountFen },
      ],
    });
    applied.push({ matchId: match.id, pledgeId: pledge.id, amountFen });
  }
  return applied;
}

/**
 * A refunded gift takes its match back in the same proportion: the matcher pledged to match money the
 * fund keeps, not money returned. Called in the refund's transaction with the donation's refunded
 * total after it; each step is its own reversing entry (the match entry stays), posted once per
 * refunded total, and the reversed part frees the pledge's cap for other donors.
 */
export async function reverseMatchesForRefund(tx: Tx, donation: Donation, refundedFen: bigint, at: Date = new Date()) {
  const rows = await tx
    .select({ match: matches, matcherName: matchingPledges.matcherName })
    .from(matches)
    .innerJoin(matchingPledges, eq(matchingPledges.id, matches.pledgeId))
    .where(eq(matches.donationId, donation.id))
    .orderBy(asc(matches.id))
    .for("update", { of: matches });
  for (const { match, matcherName } of rows) {
    const due = refundedFen >= donation.amountFen ? match.amountFen : (match.amountFen * refundedFen) / donation.amountFen;
    const delta = due - match.reversedFen;
    if (delta <= 0n) continue;
    await postEntry(tx, {
      fundId: donation.fundId,
      kind: "match_reversal",
      memo: `配捐冲回（所配捐赠已退款）：${matcherName}`,
      source: { type: "match_reversal", id: `${match.id}:${due}` },
      counterparty: matcherName,
      occurredAt: at,
      lines: [
        { account: "matching", debit: delta },
        { account: "matching_receivable", credit: delta },
      ],
    });
    await tx.update(matches).set({ reversedFen: due }).where(eq(matches.id, match.id));
  }
}
