import { DEFAULT_LOCALE, isLocale, type Locale } from "~/locales";

export const LOCALE_COOKIE = "sanshe_lang";

/** The language cookie wins (the switch sets it); then the signed-in user's saved choice; then Chinese. */
export function resolveLocale(cookieHeader: string | null | undefined, userLocale: string | null): Locale {
  const match = /(?:^|;\s*)sanshe_lang=([^;]+)/.exec(cookieHeader ?? "");
  const fromCookie = match ? decodeURIComponent(match[1]) : null;
  if (isLocale(fromCookie)) return fromCookie;
  if (isLocale(userLocale)) return userLocale;
  return DEFAULT_LOCALE;
}

export function localeCookie(locale: Locale, secure: boolean): string {
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}
