// /account/verify: the person proves they hold their number or email by typing the code sent there.
// Sign-up ends here; /account links here while a contact is unverified.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { contactsOf } from "~/domains/accounts/queries.server";
import { sendVerificationSchema, verifyContactSchema } from "~/domains/accounts/schemas";
import { sendVerificationCode, verifyContact } from "~/domains/accounts/verify-contact.server";
import { fieldErrors, FormError, Notice, TextField } from "~/components/ui/field";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";

export const meta: MetaFunction = () => [{ title: "验证手机号或邮箱 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  return { contacts: await contactsOf(actor.userId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const url = new URL(request.url);
  return runAction(async () => {
    if (url.searchParams.get("intent") === "send") {
      const { channel } = await parseForm(request, sendVerificationSchema);
      await sendVerificationCode({ actor, channel, clientAddress: context.clientAddress });
      return { ok: true as const };
    }
    const { channel, code } = await parseForm(request, verifyContactSchema);
    await verifyContact({ actor, channel, code });
    return redirect(safeRedirect(url.searchParams.get("redirectTo"), "/account"));
  });
}

export default function VerifyContact() {
  const t = useT();
  const { contacts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const next = safeRedirect(params.get("redirectTo"), "/account");
  const query = (intent?: string) => `?${new URLSearchParams({ ...(intent ? { intent } : {}), redirectTo: next })}`;
  return (
    <>
      <h1>{t("accounts.verify.title")}</h1>
      <p>{t("accounts.verify.why")}</p>
      <FormError failure={result} />
      {contacts.map((c) =>
        c.verified ? (
          <Notice key={c.channel}>{t("accounts.verify.done", { contact: c.contact })}</Notice>
        ) : (
          <section key={c.channel} className="card stack" aria-label={c.contact}>
            {c.codeWaiting ? (
              <>
                <p>{t("accounts.verify.sent", { contact: c.contact })}</p>
                <Form method="post" action={query()} className="stack" noValidate>
                  <input type="hidden" name="channel" value={c.channel} />
                  <TextField
                    name="code"
                    label={t("accounts.code.label")}
                    hint={t("accounts.code.hint")}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    required
                    error={errors.code}
                  />
                  <button type="submit" disabled={busy}>
                    {t("accounts.verify.submit")}
                  </button>
                </Form>
              </>
            ) : null}
            <Form method="post" action={query("send")}>
              <input type="hidden" name="channel" value={c.channel} />
              <button type="submit" className={c.codeWaiting ? "secondary" : undefined} disabled={busy}>
                {c.codeWaiting ? t("accounts.verify.resend") : t("accounts.verify.send", { contact: c.contact })}
              </button>
            </Form>
          </section>
        ),
      )}
      <p>
        <Link to={next}>{contacts.every((c) => c.verified) ? t("accounts.verify.continue") : t("accounts.verify.later")}</Link>
      </p>
    </>
  );
}
