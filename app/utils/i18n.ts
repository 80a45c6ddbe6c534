// The browser side of translation: the language comes from the root loader.
import { useRouteLoaderData } from "@remix-run/react";
import { DEFAULT_LOCALE, translate, type Locale, type MessageKey, type Params } from "~/locales";

export function useLocale(): Locale {
  const data = useRouteLoaderData<{ locale: Locale }>("root");
  return data?.locale ?? DEFAULT_LOCALE;
}

export function useT() {
  const locale = useLocale();
  return (key: MessageKey | string, params?: Params) => translate(locale, key, params);
}
