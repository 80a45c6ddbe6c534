import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setLocale } from "~/domains/accounts/set-locale.server";
import { isLocale } from "~/locales";
import { isProduction } from "~/utils/env.server";
import { localeCookie } from "~/utils/i18n.server";
import { safeRedirect } from "~/utils/request.server";
import { textField } from "~/utils/form-decoder";
import { readForm } from "~/utils/forms.server";

/** The language switch: remembered in a cookie, and on the account of a signed-in user. */
export async function action({ request, context }: ActionFunctionArgs) {
  // A form that cannot be read (too large, hostile names) switches nothing and goes home.
  const form = await readForm(request).catch(() => null);
  if (!form) return redirect("/");
  const locale = textField(form, "locale");
  const to = safeRedirect(textField(form, "redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  if (context.user) await setLocale(context.user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": localeCookie(locale, isProduction()) } });
}

export async function loader() {
  return redirect("/");
}
