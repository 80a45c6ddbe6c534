import { describe, expect, it } from "vitest";
import { donorKey, matchAmount, pledgeCovers } from "~/domains/donations/matching";

const start = new Date("2026-09-09T00:00:00+08:00");
const end = new Date("2026-09-10T00:00:00+08:00");
const pledge = { ratioNumerator: 1, ratioDenominator: 1, capFen: 100_000n, perDonorCapFen: 20_000n, startsAt: start, endsAt: end };
const unused = { pledgeFen: 0n, donorFen: 0n };
const at = new Date("2026-09-09T12:00:00+08:00");

describe("配捐 rules", () => {
  it("matches a gift at the pledge's ratio, rounding down to the fen", () => {
    expect(matchAmount(pledge, { amountFen: 5_000n, at }, unused)).toBe(5_000n);
    expect(matchAmount({ ...pledge, ratioNumerator: 1, ratioDenominator: 2 }, { amountFen: 5_001n, at }, unused)).toBe(2_500n);
    expect(matchAmount({ ...pledge, ratioNumerator: 2, ratioDenominator: 1 }, { amountFen: 3_000n, at }, unused)).toBe(6_000n);
  });

  it("never matches beyond what is left of the pledge's cap", () => {
    expect(matchAmount(pledge, { amountFen: 10_000n, at }, { pledgeFen: 95_000n, donorFen: 0n })).toBe(5_000n);
    expect(matchAmount(pledge, { amountFen: 10_000n, at }, { pledgeFen: 100_000n, donorFen: 0n })).toBe(0n);
  });

  it("never matches one donor beyond the per-donor cap, however the gift is split", () => {
    expect(matchAmount(pledge, { amountFen: 15_000n, at }, { pledgeFen: 15_000n, donorFen: 15_000n })).toBe(5_000n);
    expect(matchAmount(pledge, { amountFen: 100n, at }, { pledgeFen: 20_000n, donorFen: 20_000n })).toBe(0n);
  });

  it("covers a gift at the very second the pledge opens but not at the second it ends", () => {
    expect(pledgeCovers(pledge, start)).toBe(true);
    expect(pledgeCovers(pledge, new Date(end.getTime() - 1000))).toBe(true);
    expect(pledgeCovers(pledge, end)).toBe(false);
    expect(pledgeCovers(pledge, new Date(start.getTime() - 1000))).toBe(false);
    expect(matchAmount(pledge, { amountFen: 5_000n, at: end }, unused)).toBe(0n);
  });

  it("counts a donor by account, else by email in any case, else the gift alone", () => {
    expect(donorKey({ id: "d1", donorUserId: "u1", donorEmail: "a@b.cn" })).toBe("user:u1");
    expect(donorKey({ id: "d1", donorUserId: null, donorEmail: " He@Example.CN " })).toBe(donorKey({ id: "d2", donorUserId: null, donorEmail: "he@example.cn" }));
    expect(donorKey({ id: "d1", donorUserId: null, donorEmail: null })).not.toBe(donorKey({ id: "d2", donorUserId: null, donorEmail: null }));
  });
});
