import { describe, expect, it } from "vitest";
import { explain, rank, type CandidateFacts } from "~/domains/marketplace/recommend";

const now = new Date("2026-11-23T00:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);
const need = (id: string, facts: Partial<CandidateFacts>): CandidateFacts => ({
  id,
  inServiceArea: false,
  categoryDelivered: false,
  certifiedWorkers: 2,
  minCertifiedWorkers: 0,
  proposalDeadline: inDays(30),
  reputationScore: null,
  minReputation: null,
  ...facts,
});

describe("recommendations for an organisation", () => {
  // An organisation with 2 certified social workers, serving 梁溪区, that has delivered elderly-care projects.
  const candidates = [
    need("far-away-elderly", { categoryDelivered: true }),
    need("nearby-rehab", { inServiceArea: true }),
    need("nearby-elderly", { inServiceArea: true, categoryDelivered: true }),
    need("nearby-elderly-needs-5-workers", { inServiceArea: true, categoryDelivered: true, minCertifiedWorkers: 5 }),
    need("nearby-rehab-closing-soon", { inServiceArea: true, proposalDeadline: inDays(3) }),
    need("nothing-in-common", {}),
  ];

  it("ranks area and delivered category first, then enough certified staff, then the nearer deadline", () => {
    expect(rank(candidates, now).map((r) => [r.id, r.score])).toEqual([
      ["nearby-elderly", 90],
      ["nearby-rehab-closing-soon", 70],
      ["nearby-elderly-needs-5-workers", 70],
      ["nearby-rehab", 60],
      ["far-away-elderly", 50],
      ["nothing-in-common", 20],
    ]);
  });

  it("gives every part of the score as a reason, a missing reputation said rather than guessed", () => {
    const { reasons } = explain(candidates[3], now);
    expect(reasons.map((r) => [r.key, r.points])).toEqual([
      ["marketplace.reason.area", 40],
      ["marketplace.reason.category", 30],
      ["marketplace.reason.certifiedShort", 0],
      ["marketplace.reason.noReputation", 0],
      ["marketplace.reason.deadlineFar", 0],
    ]);
    expect(reasons[2].params).toMatchObject({ have: 2, need: 5 });
  });

  it("a reputation adds up to 20 in proportion to its score, wherever the need asks no more than it", () => {
    expect(explain(need("a", { reputationScore: 80 }), now).score - explain(need("b", {}), now).score).toBe(16);
    expect(explain(need("a", { reputationScore: 80, minReputation: 80 }), now).reasons[3]).toMatchObject({ key: "marketplace.reason.reputation", points: 16, params: { score: 80 } });
    expect(explain(need("a", { reputationScore: 79, minReputation: 80 }), now).reasons[3]).toMatchObject({ key: "marketplace.reason.reputationShort", points: 0, params: { score: 79, need: 80 } });
    expect(explain(need("a", { minReputation: 50 }), now).reasons[3]).toMatchObject({ key: "marketplace.reason.noReputationRequired", points: 0, params: { need: 50 } });
  });

  it("ranks a need the organisation's reputation meets above an equal one whose minimum it falls short of", () => {
    const ranked = rank([need("asks-90", { inServiceArea: true, reputationScore: 75, minReputation: 90 }), need("asks-70", { inServiceArea: true, reputationScore: 75, minReputation: 70 })], now);
    expect(ranked.map((r) => [r.id, r.score])).toEqual([
      ["asks-70", 75],
      ["asks-90", 60],
    ]);
  });

  it("a deadline within a week adds 10 and within two weeks 5", () => {
    expect(explain(need("a", { proposalDeadline: inDays(6) }), now).score - explain(need("b", {}), now).score).toBe(10);
    expect(explain(need("a", { proposalDeadline: inDays(13) }), now).score - explain(need("b", {}), now).score).toBe(5);
  });

  it("keeps only the best twenty", () => {
    expect(rank(Array.from({ length: 30 }, (_, i) => need(`n${i}`, {})), now)).toHaveLength(20);
  });
});
