// What a proposal must be before it is submitted (and stay while it is edited after submission).
// Each problem is a locale key beside the field it belongs to.
import type { FieldErrors } from "~/utils/errors";
import { FULL_SHARE_BP } from "./schemas";

export interface ProposalContent {
  approach: string;
  budget: { amount: bigint }[];
  team: unknown[];
  milestones: { dueDate: string; share: number }[];
  answers: Record<string, string>;
}

export function completenessErrors(
  content: ProposalContent,
  need: { budgetMinFen: bigint; budgetMaxFen: bigint; periodStart: string; periodEnd: string },
  questionIds: string[],
  totalFen: bigint,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!content.approach.trim()) errors.approach = "errors.required";
  const sum = content.budget.reduce((s, line) => s + line.amount, 0n);
  if (!content.budget.length) errors.budget = "proposals.budgetRequired";
  else if (sum !== totalFen) errors.budget = "proposals.budgetNotSumming";
  if (totalFen < need.budgetMinFen || totalFen > need.budgetMaxFen) errors.total = "proposals.totalOutsideRange";
  if (!content.team.length) errors.team = "proposals.teamRequired";
  if (!content.milestones.length) errors.milestones = "proposals.milestonesRequired";
  else if (content.milestones.reduce((s, m) => s + m.share, 0) !== FULL_SHARE_BP) errors.milestones = "proposals.sharesNot100";
  content.milestones.forEach((m, i) => {
    if (m.dueDate < need.periodStart || m.dueDate > need.periodEnd) errors[`milestones.${i}.dueDate`] = "proposals.dateOutsidePeriod";
    else if (i > 0 && m.dueDate <= content.milestones[i - 1].dueDate) errors[`milestones.${i}.dueDate`] = "proposals.datesNotIncreasing";
  });
  for (const id of questionIds) if (!content.answers[id]?.trim()) errors[`answers.${id}`] = "proposals.answerRequired";
  return errors;
}
