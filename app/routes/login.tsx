import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { logIn } from "~/domains/accounts/log-in.server";
import { logInSchema } from "~/domains/accounts/schemas";
import { fieldErrors, FormError, TextField } from "~/components/ui/field";
import { endSession } from "~/utils/auth.server";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { safeRedirect } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "登录 · 三社联动平台" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "/account"));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return runAction(async () => {
    const url = new URL(request.url);
    const input = await parseForm(request, logInSchema);
    const { cookie } = await logIn(input, context.clientAddress);
    // A session that came with the request (another person's on a shared device) ends here.
    const headers = new Headers();
    if (context.sessionId) await endSession(context.sessionId);
    headers.append("Set-Cookie", cookie);
    return redirect(safeRedirect(url.searchParams.get("redirectTo"), "/account"), { headers });
  });
}

export default function LogIn() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("accounts.loginTitle")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormError failure={result} />
        <TextField name="contact" label={t("accounts.contact")} hint={t("accounts.contactHint")} autoComplete="username" required error={errors.contact} />
        <TextField name="password" type="password" label={t("accounts.password")} autoComplete="current-password" required error={errors.password} />
        <button type="submit" disabled={busy}>
          {t("accounts.loginSubmit")}
        </button>
        <Link to={`/signup${params.toString() ? `?${params}` : ""}`}>{t("accounts.noAccount")}</Link>
      </Form>
    </>
  );
}
