// What the HTTP server (server.ts) resolves once per request and hands to every loader and action.
import type { Locale } from "~/locales";
import type { SessionUser } from "./auth.server";

declare module "@remix-run/node" {
  interface AppLoadContext {
    user: SessionUser | null;
    sessionId: string | null;
    locale: Locale;
    clientAddress: string;
  }
}

export {};
