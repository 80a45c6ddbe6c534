// The need's state machine (docs/product.md §4). Every transition function checks `canMove` first.
import type { Need, NeedStatus } from "@db/schema";

export const NEED_TRANSITIONS: Record<NeedStatus, readonly NeedStatus[]> = {
  submitted: ["triaged", "referred", "rejected", "withdrawn", "merged"],
  // Triaged 小事 goes to deliberation or straight to publishing; 大事 waits for the street.
  triaged: ["in_deliberation", "published", "decided", "referred", "rejected", "withdrawn", "merged"],
  in_deliberation: ["decided", "triaged"], // back to triaged when a vote fails and no new round follows
  decided: ["published", "in_delivery", "closed"],
  published: ["matched", "closed"],
  matched: ["in_delivery"],
  in_delivery: ["evaluated"],
  evaluated: ["closed"],
  closed: [],
  referred: [],
  rejected: [],
  withdrawn: [],
  merged: [],
};

/** Every status, in the order of the chain (for filters and labels). */
export const NEED_STATUSES = Object.keys(NEED_TRANSITIONS) as [NeedStatus, ...NeedStatus[]];

/** Statuses a need can no longer leave by the community's hand: it is over. */
export const FINISHED_NEED_STATUSES: NeedStatus[] = ["closed", "referred", "rejected", "withdrawn", "merged"];

/** A public need shows on public pages unless its raiser withdrew it or it was referred as a private matter. */
export const HIDDEN_FROM_PUBLIC: NeedStatus[] = ["withdrawn", "referred"];

export function isPubliclyVisible(need: Pick<Need, "isPublic" | "status">): boolean {
  return need.isPublic && !HIDDEN_FROM_PUBLIC.includes(need.status);
}

export function canMove(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_TRANSITIONS[from].includes(to);
}

/** Needs that still wait for the community to act (the inbox's "open"). */
export const OPEN_NEED_STATUSES: NeedStatus[] = ["submitted", "triaged", "in_deliberation", "decided"];
