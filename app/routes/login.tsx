import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { logIn } from "~/domains/accounts/log-in.server";
import { logInSchema, signInCodeSchema } from "~/domains/accounts/schemas";
import { sendSignInCode } from "~/domains/accounts/send-sign-in-code.server";
import { fieldErrors, FormError, Notice, TextField } from "~/components/ui/field";
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
    if (url.searchParams.get("intent") === "code") {
      // The owner of a locked account asks for a sign-in code (the answer is the same for any number).
      const { contact } = await parseForm(request, signInCodeSchema);
      await sendSignInCode({ contact }, context.clientAddress);
      return { codeSent: true as const, contact: contact.phone ?? contact.email ?? "" };
    }
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
  const kept = new URLSearchParams(params);
  kept.delete("intent");
  const here = kept.size ? `/login?${kept}` : "/login";
  kept.set("intent", "code");
  const sent = result && "codeSent" in result ? result : null;
  const locked = !!result && "message" in result && result.message === "auth.lockedUseCode";
  const withCode = !!sent || !!errors.code;
  return (
    <>
      <h1>{t("accounts.loginTitle")}</h1>
      <Form method="post" action={here} className="stack" noValidate>
        {sent ? <Notice>{t("accounts.login.codeSent")}</Notice> : <FormError failure={result} />}
        <TextField
          name="contact"
          label={t("accounts.contact")}
          hint={t("accounts.contactHint")}
          autoComplete="username"
          required
          defaultValue={sent?.contact}
          error={errors.contact}
        />
        <TextField name="password" type="password" label={t("accounts.password")} autoComplete="current-password" required error={errors.password} />
        {withCode ? (
          <TextField name="code" label={t("accounts.code.label")} hint={t("accounts.code.hint")} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={errors.code} />
        ) : null}
        <button type="submit" disabled={busy}>
          {t("accounts.loginSubmit")}
        </button>
        <Link to={`/signup${params.toString() ? `?${params}` : ""}`}>{t("accounts.noAccount")}</Link>
      </Form>
      {locked ? (
        <section aria-labelledby="code-title">
          <h2 id="code-title">{t("accounts.login.codeTitle")}</h2>
          <p>{t("accounts.login.codeIntro")}</p>
          <Form method="post" action={`/login?${kept}`} className="stack" noValidate>
            <TextField name="contact" id="code-contact" label={t("accounts.contact")} autoComplete="username" required />
            <button type="submit" disabled={busy}>
              {t("accounts.login.sendCode")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
