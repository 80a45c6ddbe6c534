import { describe, expect, it } from "vitest";
import type { ProjectEvaluation } from "@db/schema";
import { budgetDiscipline, meetsMinimum, ratingPoints, reputationFrom } from "~/domains/reputation/reputation";

const perfect: ProjectEvaluation = { indicatorsAchievedPct: 100, budgetExecutedPct: 100, onTimePct: 100, averageRatingTenths: 50, ratingsCount: 10 };
const evaluation = (e: Partial<ProjectEvaluation>): ProjectEvaluation => ({ ...perfect, ...e });

describe("an organisation's reputation", () => {
  it("does not exist before the organisation has completed a project", () => {
    expect(reputationFrom([])).toBeNull();
  });

  it("does not make one perfect project a perfect score: it is pulled toward the neutral 60 as if by two more projects", () => {
    const one = reputationFrom([perfect])!;
    expect(one.weightedScore).toBe(100);
    expect(one.score).toBe(73); // (1 × 100 + 2 × 60) / 3
    expect(reputationFrom(Array(10).fill(perfect))!.score).toBe(93); // (10 × 100 + 120) / 12
  });

  it("shows each part: means of the projects, ratings weighted by how many households rated", () => {
    const reputation = reputationFrom([
      evaluation({ indicatorsAchievedPct: 80, onTimePct: 50, budgetExecutedPct: 90, averageRatingTenths: 40, ratingsCount: 3 }),
      evaluation({ indicatorsAchievedPct: 100, onTimePct: 100, budgetExecutedPct: 120, averageRatingTenths: 50, ratingsCount: 1 }),
    ])!;
    expect(reputation).toMatchObject({
      projectsCompleted: 2,
      indicatorsAchievedPct: 90,
      onTimePct: 75,
      budgetExecutedPct: 105,
      budgetDisciplinePct: 85, // 90 % spent → 90, 120 % spent → 80
      averageRatingTenths: 43, // (3 × 4.0 + 1 × 5.0) / 4 = 4.25
      ratingsCount: 4,
    });
    // From the parts as shown, 4.3 stars being 82.5 points: (30 × 90 + 25 × 75 + 15 × 85 + 30 × 82.5) / 100 = 83.25;
    // then (2 × 83.25 + 2 × 60) / 4 = 71.6
    expect(reputation.weightedScore).toBe(83.3);
    expect(reputation.score).toBe(72);
  });

  it("leaves the rating out of the mean, weight and all, when nobody rated", () => {
    const reputation = reputationFrom([evaluation({ indicatorsAchievedPct: 100, onTimePct: 100, budgetExecutedPct: 100, averageRatingTenths: null, ratingsCount: 0 })])!;
    expect(reputation.averageRatingTenths).toBeNull();
    expect(reputation.weightedScore).toBe(100);
  });

  it("counts spending under and over the amount alike, never below 0", () => {
    expect(budgetDiscipline(100)).toBe(100);
    expect(budgetDiscipline(85)).toBe(85);
    expect(budgetDiscipline(115)).toBe(85);
    expect(budgetDiscipline(250)).toBe(0);
  });

  it("maps one star to 0 and five stars to 100", () => {
    expect(ratingPoints(10)).toBe(0);
    expect(ratingPoints(30)).toBe(50);
    expect(ratingPoints(50)).toBe(100);
  });

  it("scores an organisation that delivered nothing well low, but not below the floor of its parts", () => {
    const reputation = reputationFrom(Array(4).fill(evaluation({ indicatorsAchievedPct: 0, onTimePct: 0, budgetExecutedPct: 0, averageRatingTenths: 10, ratingsCount: 5 })))!;
    expect(reputation.weightedScore).toBe(0);
    expect(reputation.score).toBe(20); // (4 × 0 + 2 × 60) / 6
  });

  it("meets a minimum reputation only with a score at or above it; no reputation meets no minimum", () => {
    expect(meetsMinimum({ score: 70 }, 70)).toBe(true);
    expect(meetsMinimum({ score: 69 }, 70)).toBe(false);
    expect(meetsMinimum(null, 1)).toBe(false);
    expect(meetsMinimum(null, null)).toBe(true);
  });
});
