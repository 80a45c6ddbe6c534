// Text messages leave the platform through an SmsGateway. No SMS provider is reachable from here,
// so the one implementation is the outbox: the text stays in message_outbox, where /dev/outbox
// and the tests read it. A real provider (阿里云短信, 腾讯云短信…) implements the same `send` and is
// chosen with SMS_GATEWAY; nothing else in the platform changes.
import { env } from "~/utils/env.server";

export interface SmsGateway {
  /** How the outbox records the message: "outbox" for the stand-in, the provider's name otherwise. */
  readonly name: string;
  /** Hands `text` to the provider for a mainland mobile number; resolves once it was accepted. */
  send(to: string, text: string): Promise<void>;
}

/** The stand-in: every message is kept in the outbox anyway (by sendMessage), so it sends nothing further. */
export const outboxSmsGateway: SmsGateway = {
  name: "outbox",
  send: async () => {},
};

const GATEWAYS: Record<ReturnType<typeof env>["SMS_GATEWAY"], SmsGateway> = {
  outbox: outboxSmsGateway,
};

export const smsGateway = (): SmsGateway => GATEWAYS[env().SMS_GATEWAY];
