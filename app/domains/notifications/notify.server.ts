// Sends one notification to people, each in their own language: an in-app notification and a
// message by email (or text, for people who signed up with a phone number only).
// Runs in the worker (the `notify` task), never in a web request.
import { eq, inArray, or, sql } from "drizzle-orm";
import { db } from "@db/client";
import { memberships, notifications, users } from "@db/schema";
import { isLocale, translate, type MessageKey, type Params } from "~/locales";
import { publicUrl } from "~/utils/env.server";
import { newId } from "~/utils/ids";
import { sendMessage } from "./mailer.server";

export interface NotifyPayload {
  /** Idempotency: one notification per (key, user), however often the job runs. */
  key: string;
  kind: string;
  title: MessageKey;
  body: MessageKey;
  params?: Params;
  link?: string;
  userIds?: string[];
  /** Everyone who administers these organisations (owners and admins). */
  orgAdminsOf?: string[];
}

export async function notify(payload: NotifyPayload) {
  const recipients = await db()
    .selectDistinct({ id: users.id, email: users.email, phone: users.phone, locale: users.locale })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .where(
      or(
        payload.userIds?.length ? inArray(users.id, payload.userIds) : sql`false`,
        payload.orgAdminsOf?.length
          ? sql`${memberships.orgId} in ${payload.orgAdminsOf} and ${memberships.role} in ('owner','admin')`
          : sql`false`,
      ),
    );

  for (const person of recipients) {
    const locale = isLocale(person.locale) ? person.locale : "zh-CN";
    const title = translate(locale, payload.title, payload.params);
    const body = translate(locale, payload.body, payload.params);
    // One transaction per person: the in-app row and the outgoing message together, once.
    await db().transaction(async (tx) => {
      const inserted = await tx
        .insert(notifications)
        .values({ id: newId(), userId: person.id, kind: payload.kind, title, body, link: payload.link ?? null, dedupeKey: payload.key })
        .onConflictDoNothing()
        .returning({ id: notifications.id });
      if (inserted.length === 0) return; // a retried job: this person already has it
      const text = payload.link ? `${body}\n\n${publicUrl()}${payload.link}` : body;
      if (person.email) await sendMessage(tx, { channel: "email", to: person.email, subject: title, body: text });
      else if (person.phone) await sendMessage(tx, { channel: "sms", to: person.phone, subject: title, body: `【三社联动】${text}` });
    });
  }
  return recipients.length;
}
