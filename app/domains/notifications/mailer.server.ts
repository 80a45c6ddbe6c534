// Outgoing mail and text messages. With SMTP_URL set, mail goes through SMTP; every message is
// also kept in message_outbox, which without SMTP is the only place it goes (the development
// outbox page lists it). No SMS gateway is reachable here: texts are kept in the outbox only,
// behind the same `send` as a real gateway would be.
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import type { DbOrTx } from "@db/client";
import { messageOutbox } from "@db/schema";
import { env } from "~/utils/env.server";
import { newId } from "~/utils/ids";

export interface OutgoingMessage {
  channel: "email" | "sms";
  to: string;
  subject: string;
  body: string;
}

let transport: Transporter | undefined;
function smtp(): Transporter | null {
  const url = env().SMTP_URL;
  if (!url) return null;
  transport ??= nodemailer.createTransport(url);
  return transport;
}

export async function sendMessage(tx: DbOrTx, message: OutgoingMessage) {
  const viaSmtp = message.channel === "email" ? smtp() : null;
  if (viaSmtp) await viaSmtp.sendMail({ from: env().MAIL_FROM, to: message.to, subject: message.subject, text: message.body });
  await tx.insert(messageOutbox).values({ id: newId(), ...message, transport: viaSmtp ? "smtp" : "outbox" });
}
