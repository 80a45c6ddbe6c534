import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { signUpSchema } from "~/domains/accounts/schemas";
import { signUp } from "~/domains/accounts/sign-up.server";
import { fieldErrors, FormError, TextField } from "~/components/ui/field";
import { startSession } from "~/utils/auth.server";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { safeRedirect } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "注册 · 三社联动平台" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/account");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  return runAction(async () => {
    const url = new URL(request.url);
    const input = await parseForm(request, signUpSchema);
    const { userId, verified } = await signUp({ ...input, locale: context.locale }, context.clientAddress);
    const cookie = await startSession(userId);
    // The code is on its way: the next step is typing it, then on to where the person was going.
    // (A contact taken over from an account that never proved it was proved by its code already.)
    const next = safeRedirect(url.searchParams.get("redirectTo"), "/account");
    return redirect(verified ? next : `/account/verify?redirectTo=${encodeURIComponent(next)}`, { headers: { "Set-Cookie": cookie } });
  });
}

export default function SignUp() {
  const t = useT();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("accounts.signupTitle")}</h1>
      <Form method="post" className="stack" noValidate>
        <FormError failure={result} />
        <TextField name="contact" label={t("accounts.contact")} hint={t("accounts.contactHint")} autoComplete="username" required error={errors.contact} />
        <TextField name="displayName" label={t("accounts.displayName")} hint={t("accounts.displayNameHint")} autoComplete="nickname" required error={errors.displayName} />
        <TextField name="password" type="password" label={t("accounts.password")} hint={t("accounts.passwordHint")} autoComplete="new-password" required error={errors.password} />
        <TextField name="passwordConfirm" type="password" label={t("accounts.passwordConfirm")} autoComplete="new-password" required error={errors.passwordConfirm} />
        {errors.code ? (
          <TextField name="code" label={t("accounts.code.label")} hint={t("accounts.code.hint")} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={errors.code} />
        ) : null}
        <button type="submit" disabled={busy}>
          {t("accounts.signupSubmit")}
        </button>
        <Link to={`/login${params.toString() ? `?${params}` : ""}`}>{t("accounts.haveAccount")}</Link>
      </Form>
    </>
  );
}
