// "Recommended for you": a transparent score, each part shown to the organisation as a reason.
// Pure, so the ranking can be read and tested without a database (recommend.server.ts gathers the facts).
import type { MessageKey, Params } from "~/locales";

export const WEIGHTS = { area: 40, category: 30, certified: 20, deadlineSoon: 10, deadlineWeek2: 5 } as const;

export interface CandidateFacts {
  id: string;
  /** The need's community is in one of the organisation's service areas. */
  inServiceArea: boolean;
  /** The organisation has delivered (or been selected for) a service need of this category. */
  categoryDelivered: boolean;
  certifiedWorkers: number;
  minCertifiedWorkers: number;
  proposalDeadline: Date;
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
  // Reputation will come from rated, delivered projects; until then it is said, not scored.
  add("marketplace.reason.reputation", 0);
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
