// Sealed proposals: the one rule every loader and export asks before it shows a proposal.
// - the organisation that wrote it sees it, always;
// - staff of the service need's community see it only after the deadline, and never a draft or a
//   withdrawn one;
// - nobody else: other organisations, residents, platform admins. Callers answer 404, so a
//   proposal's existence does not leak.
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";

export type ProposalViewer = "own" | "community";

export function proposalViewer(
  actor: Actor | null,
  proposal: { orgId: string; status: string },
  need: { communityId: string; closed: boolean },
): ProposalViewer | null {
  if (!actor) return null;
  if (actor.memberships.some((m) => m.orgId === proposal.orgId)) return "own";
  if (need.closed && proposal.status !== "draft" && proposal.status !== "withdrawn" && isCommunityStaff(actor, need.communityId)) return "community";
  return null;
}
