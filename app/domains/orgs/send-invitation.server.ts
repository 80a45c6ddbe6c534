// Sends an invitation to the mobile number or email it names. Someone whose account has proved it
// holds that contact gets it like any notification (in the app too, in their language, once
// however often the job runs); anyone else, including an account that only claims the number,
// gets a text or an email in Chinese, at the number itself, with the link to sign up and accept.
// Runs in the worker (the `send_invitation` task), never in a web request.
import { and, eq, isNotNull, or } from "drizzle-orm";
import { db } from "@db/client";
import { invitations, organisations, users } from "@db/schema";
import { sendMessage } from "~/domains/notifications/mailer.server";
import { notify } from "~/domains/notifications/notify.server";
import { DEFAULT_LOCALE, isLocale, translate, type Locale } from "~/locales";
import { publicUrl } from "~/utils/env.server";
import { INVITATION_DAYS, invitationState } from "./invitations.server";

export async function sendInvitation(invitationId: string): Promise<"sent" | "skipped"> {
  const [invitation] = await db()
    .select({ id: invitations.id, contact: invitations.contact, role: invitations.role, acceptedAt: invitations.acceptedAt, revokedAt: invitations.revokedAt, expiresAt: invitations.expiresAt, orgName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.id, invitationId));
  // Revoked or used before the job ran: nothing to send.
  if (!invitation || invitationState(invitation) !== "open") return "skipped";

  const link = `/invitations/${invitation.id}`;
  const [account] = await db()
    .select({ id: users.id, locale: users.locale })
    .from(users)
    .where(
      or(
        and(eq(users.phone, invitation.contact), isNotNull(users.phoneVerifiedAt)),
        and(eq(users.email, invitation.contact), isNotNull(users.emailVerifiedAt)),
      ),
    );
  const locale: Locale = account && isLocale(account.locale) ? account.locale : DEFAULT_LOCALE;
  const params = { name: invitation.orgName, role: translate(locale, `accounts.role.${invitation.role}`), days: INVITATION_DAYS };

  if (account) {
    await notify({ key: `invitation:${invitation.id}`, kind: "org.invitation", title: "orgs.invite.messageTitle", body: "orgs.invite.messageBody", params, link, userIds: [account.id] });
    return "sent";
  }
  const title = translate(locale, "orgs.invite.messageTitle", params);
  const body = `${translate(locale, "orgs.invite.messageBody", params)}\n\n${publicUrl()}${link}`;
  const email = invitation.contact.includes("@");
  await sendMessage(db(), { channel: email ? "email" : "sms", to: invitation.contact, subject: title, body: email ? body : `【三社联动】${body}` });
  return "sent";
}
