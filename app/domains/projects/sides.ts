// Who stands on which side of a service agreement.
import type { Actor } from "~/utils/permissions.server";

export function agreementSides(actor: Actor | null, agreement: { purchaserOrgId: string; providerOrgId: string }) {
  const purchaser = !!actor?.memberships.some((m) => m.orgId === agreement.purchaserOrgId);
  const providerMember = !!actor?.memberships.some((m) => m.orgId === agreement.providerOrgId);
  const provider = !!actor?.memberships.some((m) => m.orgId === agreement.providerOrgId && (m.role === "owner" || m.role === "admin"));
  return { purchaser, provider, party: purchaser || providerMember };
}
