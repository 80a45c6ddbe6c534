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
        pledgeFen: sql<string>`coalesce(sum(${matches.amountFen}), 0)::text`,
        donorFen: sql<string>`coalesce(sum(${matches.amountFen}) filter (where ${matches.donorKey} = ${key}), 0)::text`,
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
