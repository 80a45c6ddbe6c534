// /household: the resident's own household, whether staff have confirmed them, and leaving it; and
// the households staff asked them to join, to accept or decline (the notification links here).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { leaveHousehold } from "~/domains/households/leave-household.server";
import { acceptLinkRequest, declineLinkRequest } from "~/domains/households/link-requests.server";
import { linkRequestsFor, myHousehold } from "~/domains/households/queries.server";
import { linkRequestSchema } from "~/domains/households/schemas";
import { FormError, Notice } from "~/components/ui/field";
import { IntentButton } from "~/components/ui/intent-button";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor } from "~/utils/request.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "我的住户 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  return { household: await myHousehold(actor.userId), requests: await linkRequestsFor(actor.userId) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const form = await readForm(request);
    const intent = textField(form, "_intent");
    if (intent === "accept" || intent === "decline") {
      const { requestId } = parseInput(linkRequestSchema, form);
      if (intent === "accept") await acceptLinkRequest({ actor, requestId });
      else await declineLinkRequest({ actor, requestId });
      return { ok: true as const, notice: intent === "accept" ? "households.requestAccepted" : "households.requestDeclined" } as const;
    }
    await leaveHousehold({ actor });
    return { ok: true as const, notice: "households.left" } as const;
  });
}

export default function MyHousehold() {
  const t = useT();
  const locale = useLocale();
  const { household, requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("households.mineTitle")}</h1>
      {params.get("joined") && household ? (
        <Notice>{t("households.joined")}</Notice>
      ) : null}
      {result && "notice" in result ? (
        <Notice>{t(result.notice)}</Notice>
      ) : null}
      <FormError failure={result} />
      {requests.length > 0 ? (
        <section aria-labelledby="requests">
          <h2 id="requests">{t("households.requestsTitle")}</h2>
          <p className="muted">{t("households.requestHint")}</p>
          <ul style={{ listStyle: "none", padding: 0 }}>
            {requests.map((r) => (
              <li key={r.id} className="card">
                <strong>{r.label}</strong>
                <p style={{ margin: "4px 0" }}>
                  {t("households.mineWhere")}：{r.where}
                </p>
                <p className="muted" style={{ margin: "4px 0 8px" }}>
                  {t("households.requestFrom", { name: r.requestedBy, date: formatDate(r.expiresAt, locale) })}
                </p>
                <div className="row">
                  <IntentButton intent="accept" fields={{ requestId: r.id }} label={t("households.acceptRequest")} ariaLabel={t("households.acceptRequestNamed", { household: r.label })} busy={busy} />
                  <IntentButton intent="decline" fields={{ requestId: r.id }} label={t("households.declineRequest")} ariaLabel={t("households.declineRequestNamed", { household: r.label })} busy={busy} secondary />
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {household ? (
        <section className="card" aria-labelledby="mine">
          <h2 id="mine">{household.label}</h2>
          <p>
            {t("households.mineWhere")}：{household.where}
          </p>
          <p>
            {household.verified ? <span className="badge ok">{t("households.verified")}</span> : <span className="badge warn">{t("households.unverified")}</span>}{" "}
            {t(household.verified ? "households.mineStatusVerified" : "households.mineStatusPending")}
          </p>
          <p className="muted">{t("households.mineMembers", { count: household.members })}</p>
          <Form method="post">
            <input type="hidden" name="_intent" value="leave" />
            <p className="muted" id="leave-hint">
              {t("households.leaveHint")}
            </p>
            <button type="submit" className="secondary" disabled={busy} aria-describedby="leave-hint">
              {t("households.leave")}
            </button>
          </Form>
        </section>
      ) : (
        <>
          <p className="muted">{t("households.mineNone")}</p>
          <p>
            <Link to="/household/join" className="button">
              {t("households.joinLink")}
            </Link>
          </p>
        </>
      )}
    </>
  );
}
