// Outgoing mail and text messages. With SMTP_URL set, mail goes through SMTP; texts go through
// the configured SmsGateway (./sms-gateway.server.ts). Every message is also kept in
// message_outbox, which for the stand-ins is the only place it goes (the development outbox page
// lists it). A secret (a one-time code) is kept there only when the outbox is where it went.
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { DbOrTx } from "@db/client";
import { messageOutbox } from "@db/schema";
import { DEFAULT_LOCALE, translate } from "~/locales";
import { env } from "~/utils/env.server";
import { newId } from "~/utils/ids";
import { smsGateway } from "./sms-gateway.server";

export interface OutgoingMessage {
  channel: "email" | "sms";
  to: string;
  subject: string;
  body: string;
  /** The body holds a one-time code: once a real mail server or SMS provider has it, the outbox keeps no copy. */
  secret?: boolean;
}

let transport: Transporter | undefined;
function smtp(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export async function sendMessage(tx: DbOrTx, { secret, ...message }: OutgoingMessage) {
  let transport = "outbox";
  if (message.channel === "sms") {
    const gateway = smsGateway();
    await gateway.send(message.to, message.body);
    transport = gateway.name;
  } else {
    const viaSmtp = smtp();
    if (viaSmtp) await viaSmtp.sendMail({ from: env().MAIL_FROM, to: message.to, subject: message.subject, text: message.body });
    if (viaSmtp) transport = "smtp";
  }
  const body = secret && transport !== "outbox" ? translate(DEFAULT_LOCALE, "outbox.secretWithheld") : message.body;
  await tx.insert(messageOutbox).values({ id: newId(), ...message, body, transport });
}
