// The state machines of organisations and social-worker certificates (docs/product.md §4):
// which status may follow which. Each transition has its own function; they all ask here first.
import type { MessageKey } from "~/locales";
import { conflict } from "~/utils/errors";

export type OrgStatus = "pending" | "verified" | "rejected";
export type CertificateStatus = "pending" | "verified" | "rejected";

export const ORG_TRANSITIONS: Record<OrgStatus, readonly OrgStatus[]> = {
  pending: ["verified", "rejected"], // the platform admin decides
  rejected: ["pending"], // the organisation corrects and resubmits
  verified: [],
};

export const CERTIFICATE_TRANSITIONS: Record<CertificateStatus, readonly CertificateStatus[]> = {
  pending: ["verified", "rejected"], // the organisation's owner or admin decides
  rejected: ["pending"], // the member records it again
  verified: [],
};

// Why a decision cannot be taken, by the state the organisation is already in.
const ORG_REFUSAL: Record<OrgStatus, MessageKey> = {
  pending: "orgs.notRejected",
  verified: "orgs.alreadyVerified",
  rejected: "orgs.alreadyRejected",
};

export function assertOrgTransition(from: OrgStatus, to: OrgStatus) {
  if (!ORG_TRANSITIONS[from].includes(to)) throw conflict(ORG_REFUSAL[from]);
}

export function assertCertificateTransition(from: CertificateStatus, to: CertificateStatus) {
  if (!CERTIFICATE_TRANSITIONS[from].includes(to)) throw conflict("orgs.certificateAlreadyReviewed");
}
