import type { ServiceNeed } from "@db/schema";
import { toChinaDateTimeInput } from "./schemas";

const yuanText = (fen: bigint) => `${fen / 100n}.${(fen % 100n).toString().padStart(2, "0")}`;

/** A stored service need as the form's fields: what the edit form shows and what publishing checks again. */
export function formValuesOf(row: ServiceNeed, questions: string[]): Record<string, string | undefined> {
  return {
    title: row.title,
    description: row.description,
    category: row.category,
    placeId: row.placeId === row.communityId ? undefined : row.placeId,
    needId: row.needId ?? undefined,
    beneficiaryGroup: row.beneficiaryGroup,
    beneficiaryCount: String(row.beneficiaryCount),
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    budgetMin: yuanText(row.budgetMinFen),
    budgetMax: yuanText(row.budgetMaxFen),
    fundingSource: row.fundingSource,
    verifiedOnly: row.verifiedOnly ? "on" : undefined,
    minCertifiedWorkers: String(row.minCertifiedWorkers),
    requiredServiceAreaId: row.requiredServiceAreaId ?? undefined,
    minReputation: row.minReputation === null ? undefined : String(row.minReputation),
    proposalDeadline: toChinaDateTimeInput(row.proposalDeadline),
    requiresCouncilApproval: row.requiresCouncilApproval ? "on" : undefined,
    questions: questions.join("\n"),
  };
}
