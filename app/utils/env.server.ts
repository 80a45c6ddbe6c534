import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().positive().default(3000),
  // The public address, used in links of emails; defaults to http://localhost:PORT.
  PUBLIC_URL: z.string().url().optional(),
  // smtp://user:pass@host:port — when absent, mail goes to the development outbox.
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("三社联动平台 <noreply@sanshe.local>"),
  // Which SmsGateway sends texts (app/domains/notifications/sms-gateway.server.ts). Only the outbox
  // stand-in exists until a provider's contract is signed.
  SMS_GATEWAY: z.enum(["outbox"]).default("outbox"),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  cached ??= schema.parse(process.env);
  return cached;
}

export const isProduction = () => env().NODE_ENV === "production";

export function publicUrl(): string {
  return env().PUBLIC_URL ?? `http://localhost:${env().PORT}`;
}
