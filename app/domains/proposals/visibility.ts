// Sealed proposals: the one rule every loader and export asks before it shows a proposal.
// - the organisation that wrote it sees it, always;
// - staff of the service need's community see it only after the deadline, never a draft or a
//   withdrawn one, and never any proposal of a need they withdrew: those stay sealed for good, or
//   staff could withdraw a need, read the prices after its deadline and post it again;
// - nobody else: other organisations, residents, platform admins. Callers answer 404, so a
//   proposal's existence does not leak.
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";

export type ProposalViewer = "own" | "community";

/** The service need as the seal sees it: its status, and whether its deadline has passed (database clock). */
export interface SealedNeed {
  communityId: string;
  status: string;
  closed: boolean;
}

/** Whether the community may open the need's proposals: after the deadline, unless it withdrew the need. */
export function sealBroken(need: Pick<SealedNeed, "status" | "closed">): boolean {
  return need.closed && need.status !== "withdrawn" && need.status !== "draft";
}

export function proposalViewer(actor: Actor | null, proposal: { orgId: string; status: string }, need: SealedNeed): ProposalViewer | null {
  if (!actor) return null;
  if (actor.memberships.some((m) => m.orgId === proposal.orgId)) return "own";
  if (sealBroken(need) && proposal.status !== "draft" && proposal.status !== "withdrawn" && isCommunityStaff(actor, need.communityId)) return "community";
  return null;
}
