// 机构信誉: an organisation's public reputation, from the final evaluations of the projects it
// completed. Every part is shown beside the score; the formula is docs/decisions/0009-reputation.md.
// Pure, so the score can be read and tested without a database (reputation.server.ts loads the evaluations).
import type { ProjectEvaluation } from "@db/schema";

/** Weights of the parts in the weighted mean (they need not add up to 100: the mean divides by their sum). */
export const REPUTATION_WEIGHTS = { indicators: 30, onTime: 25, budget: 15, rating: 30 } as const;
/** The neutral score an organisation starts from, and how many projects' worth of weight it has. */
export const REPUTATION_PRIOR = { score: 60, projects: 2 } as const;

export interface Reputation {
  projectsCompleted: number;
  /** Means over the completed projects, one decimal. */
  indicatorsAchievedPct: number;
  onTimePct: number;
  budgetExecutedPct: number;
  /** 100 − how far budget executed was from 100 %, per project (never below 0), then the mean. */
  budgetDisciplinePct: number;
  /** Over every visible rating of every completed project (a project with many ratings counts more). */
  averageRatingTenths: number | null;
  ratingsCount: number;
  /** The weighted mean of the parts before the prior, one decimal. */
  weightedScore: number;
  /** 0–100, an integer: what a service need's minimum reputation is compared with. */
  score: number;
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** Spending 10 % under or over the amount both cost 10 points: either means the plan was off. */
export function budgetDiscipline(budgetExecutedPct: number): number {
  return Math.max(0, 100 - Math.abs(budgetExecutedPct - 100));
}

/** A 1–5 rating in tenths as 0–100: 1 star is 0, 5 stars 100. */
export function ratingPoints(averageRatingTenths: number): number {
  return ((averageRatingTenths - 10) / 40) * 100;
}

export function reputationFrom(evaluations: ProjectEvaluation[]): Reputation | null {
  const n = evaluations.length;
  if (n === 0) return null;
  // The score is computed from the parts as shown (rounded), so anyone can redo the sum from the page.
  const indicators = oneDecimal(mean(evaluations.map((e) => e.indicatorsAchievedPct)));
  const onTime = oneDecimal(mean(evaluations.map((e) => e.onTimePct)));
  const discipline = oneDecimal(mean(evaluations.map((e) => budgetDiscipline(e.budgetExecutedPct))));
  const rated = evaluations.filter((e) => e.averageRatingTenths !== null && e.ratingsCount > 0);
  const ratingsCount = rated.reduce((sum, e) => sum + e.ratingsCount, 0);
  const averageRatingTenths = ratingsCount === 0 ? null : Math.round(rated.reduce((sum, e) => sum + e.averageRatingTenths! * e.ratingsCount, 0) / ratingsCount);

  // Without any rating the rating part is left out (its weight too) rather than counted as 0 or as perfect.
  const parts: [number, number][] = [
    [REPUTATION_WEIGHTS.indicators, indicators],
    [REPUTATION_WEIGHTS.onTime, onTime],
    [REPUTATION_WEIGHTS.budget, discipline],
  ];
  if (averageRatingTenths !== null) parts.push([REPUTATION_WEIGHTS.rating, ratingPoints(averageRatingTenths)]);
  const weighted = parts.reduce((sum, [w, v]) => sum + w * Math.min(v, 100), 0) / parts.reduce((sum, [w]) => sum + w, 0);
  // Shrunk toward the neutral prior as if it were REPUTATION_PRIOR.projects more projects: one perfect project is not a perfect record.
  const score = Math.round((n * weighted + REPUTATION_PRIOR.projects * REPUTATION_PRIOR.score) / (n + REPUTATION_PRIOR.projects));

  return {
    projectsCompleted: n,
    indicatorsAchievedPct: indicators,
    onTimePct: onTime,
    budgetExecutedPct: oneDecimal(mean(evaluations.map((e) => e.budgetExecutedPct))),
    budgetDisciplinePct: discipline,
    averageRatingTenths,
    ratingsCount,
    weightedScore: oneDecimal(weighted),
    score,
  };
}

/** Whether an organisation meets a minimum reputation: one without a reputation meets none. */
export function meetsMinimum(reputation: Pick<Reputation, "score"> | null, minReputation: number | null | undefined): boolean {
  if (minReputation === null || minReputation === undefined) return true;
  return reputation !== null && reputation.score >= minReputation;
}
