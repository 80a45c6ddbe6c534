// A project's amount split by the milestones' payment shares (basis points) in whole fen: each
// milestone gets its share rounded down, the last gets what remains, so the parts add up to the
// amount exactly (33.33% × 3 of ¥100,000.00 → 33,330 + 33,330 + 33,340 yuan-cents exactly).
export function splitByShares(amountFen: bigint, sharesBp: number[]): bigint[] {
  let given = 0n;
  return sharesBp.map((bp, i) => {
    const part = i === sharesBp.length - 1 ? amountFen - given : (amountFen * BigInt(bp)) / 10_000n;
    given += part;
    return part;
  });
}
