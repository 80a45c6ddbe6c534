// Invitations live for a week; their state is derived from their timestamps, never stored twice.
import type { invitations } from "@db/schema";
import type { MessageKey } from "~/locales";

export const INVITATION_DAYS = 7;
/** Invitations one organisation may send in 24 hours: each is a text or an email to a stranger. */
export const INVITATIONS_PER_DAY = 20;

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

/** Whether an account holds the invited contact, and has proved it with a code. */
export function verifiedHolderOf(
  account: { phone: string | null; email: string | null; phoneVerifiedAt: Date | null; emailVerifiedAt: Date | null },
  contact: string,
): "verified" | "unverified" | "other" {
  if (account.phone === contact) return account.phoneVerifiedAt ? "verified" : "unverified";
  if (account.email === contact) return account.emailVerifiedAt ? "verified" : "unverified";
  return "other";
}
