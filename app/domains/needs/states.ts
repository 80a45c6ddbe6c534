// The need's state machine (DESIGN.md §4). Every transition function checks `canMove` first.
import type { NeedStatus } from "@db/schema";

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

export function canMove(from: NeedStatus, to: NeedStatus): boolean {
  return NEED_TRANSITIONS[from].includes(to);
}

/** Needs that still wait for the community to act (the inbox's "open"). */
export const OPEN_NEED_STATUSES: NeedStatus[] = ["submitted", "triaged", "in_deliberation", "decided"];
