import { describe, expect, it } from "vitest";
import { chinaDateOf, evaluateProject, type EvaluatedMilestone } from "~/domains/projects/evaluation";

const report = (indicators: [number, number][], spendingFen: number[] = []) => ({
  indicators: indicators.map(([target, actual], i) => ({ indicator: `指标${i}`, unit: "人次", target, actual })),
  spending: spendingFen.map((amountFen, i) => ({ label: `预算${i}`, amountFen })),
});
const milestone = (dueDate: string, firstSubmittedAt: string | null, acceptedReport: EvaluatedMilestone["acceptedReport"]): EvaluatedMilestone => ({
  dueDate,
  firstSubmittedAt: firstSubmittedAt ? new Date(firstSubmittedAt) : null,
  acceptedReport,
});

describe("a project's final evaluation", () => {
  it("averages indicators capped at their target, sums spending against the amount and counts on-time milestones", () => {
    const evaluation = evaluateProject({
      amountFen: 1_000_000n,
      milestones: [
        // 150/200 = 75 %, 120/100 counts as 100 % (over-delivery does not make up for a shortfall)
        milestone("2027-03-31", "2027-03-30T02:00:00Z", report([[200, 150], [100, 120]], [300_000, 150_000])),
        // 50/100 = 50 %
        milestone("2027-06-30", "2027-07-02T02:00:00Z", report([[100, 50]], [500_000])),
      ],
      ratingScores: [5, 4, 4],
    });
    expect(evaluation).toEqual({ indicatorsAchievedPct: 75, budgetExecutedPct: 95, onTimePct: 50, averageRatingTenths: 43, ratingsCount: 3 });
  });

  it("rounds percentages to one decimal", () => {
    const evaluation = evaluateProject({
      amountFen: 300n,
      milestones: [milestone("2027-03-31", "2027-03-01T00:00:00Z", report([[3, 1], [3, 3], [3, 3]], [100]))],
      ratingScores: [],
    });
    expect(evaluation.indicatorsAchievedPct).toBe(77.8);
    expect(evaluation.budgetExecutedPct).toBe(33.3);
  });

  it("counts a project without indicators as fully achieved, and one without ratings as unrated", () => {
    const evaluation = evaluateProject({ amountFen: 100n, milestones: [milestone("2027-03-31", "2027-03-01T00:00:00Z", report([], [100]))], ratingScores: [] });
    expect(evaluation.indicatorsAchievedPct).toBe(100);
    expect(evaluation.averageRatingTenths).toBeNull();
    expect(evaluation.ratingsCount).toBe(0);
  });

  it("counts an indicator with a zero target as achieved", () => {
    const evaluation = evaluateProject({ amountFen: 100n, milestones: [milestone("2027-03-31", "2027-03-01T00:00:00Z", report([[0, 0], [10, 0]]))], ratingScores: [] });
    expect(evaluation.indicatorsAchievedPct).toBe(50);
  });

  it("shows spending above the project amount as more than 100 %, uncapped", () => {
    const evaluation = evaluateProject({ amountFen: 1_000n, milestones: [milestone("2027-03-31", "2027-03-01T00:00:00Z", report([], [1_100, 105]))], ratingScores: [] });
    expect(evaluation.budgetExecutedPct).toBe(120.5);
  });

  it("gives 0 % on time when every milestone was first submitted late", () => {
    const evaluation = evaluateProject({
      amountFen: 100n,
      milestones: [milestone("2027-03-31", "2027-04-01T00:00:00Z", null), milestone("2027-06-30", "2027-08-01T00:00:00Z", null)],
      ratingScores: [],
    });
    expect(evaluation.onTimePct).toBe(0);
    expect(evaluation.budgetExecutedPct).toBe(0);
  });

  it("judges on time by the China date: 23:30 in Beijing on the due date is on time, 00:30 the next day is late", () => {
    expect(chinaDateOf(new Date("2027-03-31T15:30:00Z"))).toBe("2027-03-31");
    expect(chinaDateOf(new Date("2027-03-31T16:30:00Z"))).toBe("2027-04-01");
    const onTime = evaluateProject({ amountFen: 100n, milestones: [milestone("2027-03-31", "2027-03-31T15:30:00Z", null)], ratingScores: [] });
    const late = evaluateProject({ amountFen: 100n, milestones: [milestone("2027-03-31", "2027-03-31T16:30:00Z", null)], ratingScores: [] });
    expect(onTime.onTimePct).toBe(100);
    expect(late.onTimePct).toBe(0);
  });

  it("rounds the average rating to tenths", () => {
    const evaluation = evaluateProject({ amountFen: 100n, milestones: [], ratingScores: [5, 4, 4, 4, 4, 4] });
    expect(evaluation.averageRatingTenths).toBe(42); // 4.1666… → 4.2
    expect(evaluation.ratingsCount).toBe(6);
  });
});
