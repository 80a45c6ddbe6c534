// The final evaluation of a project (结项评估), computed once when its last milestone is paid.
// Pure: the caller loads the milestones, their accepted reports and the ratings; this only counts.
import type { IndicatorActual, ProjectEvaluation, SpendingLine } from "@db/schema";
import { chinaDateOf } from "~/utils/time";

export { chinaDateOf };

export interface EvaluatedMilestone {
  dueDate: string; // YYYY-MM-DD, a China date
  firstSubmittedAt: Date | null;
  /** From the milestone's latest accepted report; null when it has none. */
  acceptedReport: { indicators: IndicatorActual[]; spending: SpendingLine[] } | null;
}

export interface EvaluationInput {
  amountFen: bigint;
  milestones: EvaluatedMilestone[];
  /** Every rating's score (1–5): staff may hide a comment, never a household's vote (ADR 0010). */
  ratingScores: number[];
}


const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/** A target of 0 asks for nothing, so it is met; over-delivery does not make up for another shortfall. */
export function indicatorAchievement(indicator: IndicatorActual): number {
  if (indicator.target <= 0) return 1;
  return Math.min(Math.max(indicator.actual, 0) / indicator.target, 1);
}

export function evaluateProject(input: EvaluationInput): ProjectEvaluation {
  const indicators = input.milestones.flatMap((m) => m.acceptedReport?.indicators ?? []);
  // A project that set no indicator has nothing to fall short of: 100, not 0 or "unknown".
  const indicatorsAchievedPct = indicators.length === 0 ? 100 : oneDecimal((indicators.reduce((sum, i) => sum + indicatorAchievement(i), 0) / indicators.length) * 100);

  // Spending is integer fen; summed as bigint so a large project loses nothing before the division.
  const spentFen = input.milestones.reduce((sum, m) => sum + (m.acceptedReport?.spending ?? []).reduce((s, line) => s + BigInt(line.amountFen), 0n), 0n);
  // Not capped: spending reported above the project amount shows as more than 100 %.
  // Tenths of a percent, rounded half up in integers: (spent × 1000 / amount), + ½.
  const budgetExecutedPct = input.amountFen > 0n ? Number((spentFen * 2000n + input.amountFen) / (2n * input.amountFen)) / 10 : 0;

  const onTime = input.milestones.filter((m) => m.firstSubmittedAt !== null && chinaDateOf(m.firstSubmittedAt) <= m.dueDate).length;
  const onTimePct = input.milestones.length === 0 ? 0 : oneDecimal((onTime / input.milestones.length) * 100);

  const scores = input.ratingScores;
  const averageRatingTenths = scores.length === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10);

  return { indicatorsAchievedPct, budgetExecutedPct, onTimePct, averageRatingTenths, ratingsCount: scores.length };
}
