// "Recommended for you": a transparent score, each part shown to the organisation as a reason.
// Pure, so the ranking can be read and tested without a database (recommend.server.ts gathers the facts).
import { meetsMinimum } from "~/domains/reputation/reputation";
import type { MessageKey, Params } from "~/locales";

export const WEIGHTS = { area: 40, category: 30, certified: 20, reputation: 20, deadlineSoon: 10, deadlineWeek2: 5 } as const;

export interface CandidateFacts {
  id: string;
  /** The need's community is in one of the organisation's service areas. */
  inServiceArea: boolean;
  /** The organisation has delivered (or been selected for) a service need of this category. */
  categoryDelivered: boolean;
  certifiedWorkers: number;
  minCertifiedWorkers: number;
  proposalDeadline: Date;
  /** The organisation's reputation score (0–100), null before it has completed a project. */
  reputationScore: number | null;
  minReputation: number | null;
}

/**
 * Up to WEIGHTS.reputation points in proportion to the score, for a need whose minimum (if any)
 * the organisation meets: a better record lifts every need it may propose for, above the ones it may not.
 */
export function reputationPoints(reputationScore: number | null, minReputation: number | null): number {
  if (reputationScore === null || !meetsMinimum({ score: reputationScore }, minReputation)) return 0;
  return Math.round((reputationScore * WEIGHTS.reputation) / 100);
}

export interface Reason {
  key: MessageKey;
  params: Params;
  points: number;
}

const DAY = 86_400_000;

export function explain(facts: CandidateFacts, now: Date): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const add = (key: MessageKey, points: number, params: Params = {}) => reasons.push({ key, points, params: { ...params, points } });
  add(facts.inServiceArea ? "marketplace.reason.area" : "marketplace.reason.noArea", facts.inServiceArea ? WEIGHTS.area : 0);
  add(facts.categoryDelivered ? "marketplace.reason.category" : "marketplace.reason.noCategory", facts.categoryDelivered ? WEIGHTS.category : 0);
  const enough = facts.certifiedWorkers >= facts.minCertifiedWorkers;
  add(enough ? "marketplace.reason.certified" : "marketplace.reason.certifiedShort", enough ? WEIGHTS.certified : 0, { have: facts.certifiedWorkers, need: facts.minCertifiedWorkers });
  const { reputationScore: score, minReputation: need } = facts;
  if (score === null) add(need === null ? "marketplace.reason.noReputation" : "marketplace.reason.noReputationRequired", 0, need === null ? {} : { need });
  else if (!meetsMinimum({ score }, need)) add("marketplace.reason.reputationShort", 0, { score, need: need! });
  else add("marketplace.reason.reputation", reputationPoints(score, need), { score });
  const days = (facts.proposalDeadline.getTime() - now.getTime()) / DAY;
  if (days <= 7) add("marketplace.reason.deadline", WEIGHTS.deadlineSoon, { days: 7 });
  else if (days <= 14) add("marketplace.reason.deadline", WEIGHTS.deadlineWeek2, { days: 14 });
  else add("marketplace.reason.deadlineFar", 0);
  return { score: reasons.reduce((n, r) => n + r.points, 0), reasons };
}

/** Highest score first; equal scores: the sooner deadline first, then the id (a stable order). */
export function rank<T extends CandidateFacts>(candidates: T[], now: Date, limit = 20) {
  return candidates
    .map((c) => ({ ...c, ...explain(c, now) }))
    .sort((a, b) => b.score - a.score || a.proposalDeadline.getTime() - b.proposalDeadline.getTime() || a.id.localeCompare(b.id))
    .slice(0, limit);
}
