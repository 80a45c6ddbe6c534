// 配捐: how much a matcher's pledge adds to one donation. Pure, so its rules can be read and
// tested on their own; matching.server.ts applies it under the pledge's row lock.

export interface PledgeTerms {
  ratioNumerator: number;
  ratioDenominator: number;
  capFen: bigint;
  perDonorCapFen: bigint;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The window is half-open, [startsAt, endsAt): a gift at the very second a pledge opens is
 * matched, one at the second it ends is not, so back-to-back pledges never both match a gift.
 */
export const pledgeCovers = (pledge: Pick<PledgeTerms, "startsAt" | "endsAt">, at: Date) =>
  pledge.startsAt.getTime() <= at.getTime() && at.getTime() < pledge.endsAt.getTime();

/**
 * amount × ratio, rounded down to the fen, and never more than is left of the pledge's cap or of
 * what this donor may still have matched (so splitting one gift into many does not match more).
 */
export function matchAmount(pledge: PledgeTerms, donation: { amountFen: bigint; at: Date }, used: { pledgeFen: bigint; donorFen: bigint }): bigint {
  if (!pledgeCovers(pledge, donation.at)) return 0n;
  const wanted = (donation.amountFen * BigInt(pledge.ratioNumerator)) / BigInt(pledge.ratioDenominator);
  const leftOfCap = pledge.capFen - used.pledgeFen;
  const leftForDonor = pledge.perDonorCapFen - used.donorFen;
  const amount = [wanted, leftOfCap, leftForDonor].reduce((a, b) => (b < a ? b : a));
  return amount > 0n ? amount : 0n;
}

/** Whom the per-donor cap counts against: the account, else the email, else the gift alone. */
export function donorKey(donation: { id: string; donorUserId: string | null; donorEmail: string | null }): string {
  if (donation.donorUserId) return `user:${donation.donorUserId}`;
  if (donation.donorEmail) return `email:${donation.donorEmail.trim().toLowerCase()}`;
  return `donation:${donation.id}`;
}
