// Invitations live for a week; their state is derived from their timestamps, never stored twice.
import type { invitations } from "@db/schema";
import type { MessageKey } from "~/locales";

export const INVITATION_DAYS = 7;

export type InvitationState = "open" | "accepted" | "revoked" | "expired";
type InvitationRow = Pick<typeof invitations.$inferSelect, "acceptedAt" | "revokedAt" | "expiresAt">;

export function invitationState(row: InvitationRow, now = new Date()): InvitationState {
  if (row.acceptedAt) return "accepted";
  if (row.revokedAt) return "revoked";
  if (row.expiresAt <= now) return "expired";
  return "open";
}

/** Why an invitation that is no longer open cannot be accepted or revoked. */
export const CLOSED_INVITATION: Record<Exclude<InvitationState, "open">, MessageKey> = {
  accepted: "orgs.invitationUsed",
  revoked: "orgs.invitationRevoked",
  expired: "orgs.invitationExpired",
};

/** The contact as stored: a mobile number or a lower-case email. */
export const contactText = (contact: { phone: string } | { email: string }) => ("phone" in contact ? contact.phone : contact.email);

/** 138****8000 / w***@example.cn: enough for the invitee to know which account to use, and no more. */
export function maskContact(value: string): string {
  if (value.includes("@")) {
    const [name, domain] = value.split("@");
    return `${name.slice(0, 1)}***@${domain}`;
  }
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}
