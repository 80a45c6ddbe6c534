import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { data } from "@remix-run/node";
import { changePassword } from "~/domains/accounts/change-password.server";
import { accountOverview, contactsOf } from "~/domains/accounts/queries.server";
import { changePasswordSchema } from "~/domains/accounts/schemas";
import { fieldErrors, FormError, TextField, Notice } from "~/components/ui/field";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "我的账户 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  const [overview, contacts] = await Promise.all([accountOverview(actor.userId), contactsOf(actor.userId)]);
  return { displayName: context.user!.displayName, contact: context.user!.phone ?? context.user!.email, contacts, ...overview };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, changePasswordSchema);
    const { cookie } = await changePassword({ actor, input });
    return data({ ok: true as const }, { headers: { "Set-Cookie": cookie } });
  });
}

export default function Account() {
  const t = useT();
  const { displayName, contact, contacts, orgs, household } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("accounts.title")}</h1>
      <p>
        {t("accounts.signedInAs", { name: displayName })} <span className="muted">({contact})</span>
      </p>
      <nav aria-label={t("accounts.title")} className="row">
        <Link to="/needs/mine">{t("nav.myNeeds")}</Link>
        <Link to="/needs/new">{t("accounts.raiseNeed")}</Link>
        <Link to="/household">{t("nav.household")}</Link>
        <Link to="/account/donations">{t("accounts.myDonations")}</Link>
        {orgs.length ? <Link to="/proposals">{t("nav.myProposals")}</Link> : null}
      </nav>
      <h2>{t("accounts.contactsTitle")}</h2>
      <ul>
        {contacts.map((c) => (
          <li key={c.channel}>
            {c.contact}{" "}
            {c.verified ? (
              <span className="badge ok">{t("accounts.verified")}</span>
            ) : (
              <>
                <span className="badge warn">{t("accounts.unverified")}</span> <Link to="/account/verify" aria-label={`${t("accounts.verifyLink")} ${c.contact}`}>
                  {t("accounts.verifyLink")}
                </Link>
              </>
            )}
          </li>
        ))}
      </ul>
      <h2>{t("accounts.myOrgs")}</h2>
      {orgs.length === 0 ? (
        <p className="muted">{t("accounts.noOrgs")}</p>
      ) : (
        <ul>
          {orgs.map((o) => (
            <li key={o.id}>
              <Link to={`/orgs/${o.id}`}>{o.name}</Link> · {t(`accounts.role.${o.role}`)} · {t(`orgs.status.${o.status}`)}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/orgs/new">{t("orgs.registerLink")}</Link>
      </p>
      <h2>{t("accounts.myHousehold")}</h2>
      {household ? (
        <p>
          <Link to="/household">{`${household.building} ${household.label}`}</Link>
        </p>
      ) : (
        <p>
          <span className="muted">{t("accounts.noHousehold")}</span> <Link to="/household/join">{t("accounts.joinHousehold")}</Link>
        </p>
      )}
      <h2>{t("accounts.changePassword")}</h2>
      <Form method="post" className="stack" noValidate>
        {result && "ok" in result && result.ok ? (
          <Notice>{t("accounts.passwordChanged")}</Notice>
        ) : null}
        <FormError failure={result} />
        <TextField name="currentPassword" type="password" label={t("accounts.currentPassword")} autoComplete="current-password" required error={errors.currentPassword} />
        <TextField name="newPassword" type="password" label={t("accounts.newPassword")} hint={t("accounts.passwordHint")} autoComplete="new-password" required error={errors.newPassword} />
        <TextField name="newPasswordConfirm" type="password" label={t("accounts.newPasswordConfirm")} autoComplete="new-password" required error={errors.newPasswordConfirm} />
        <button type="submit" disabled={busy}>
          {t("accounts.changePassword")}
        </button>
      </Form>
    </>
  );
}
