// One household, for its community's staff: the join code to hand out, the residents (confirm
// those who joined by code, remove those who left), and asking a registered resident to join:
// until they accept, staff see only the masked contact they typed.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation, useSearchParams } from "@remix-run/react";
import { confirmMember } from "~/domains/households/confirm-member.server";
import { cancelLinkRequest } from "~/domains/households/link-requests.server";
import { linkResident } from "~/domains/households/link-resident.server";
import { householdDetail } from "~/domains/households/queries.server";
import { regenerateJoinCode } from "~/domains/households/regenerate-join-code.server";
import { removeMember } from "~/domains/households/remove-member.server";
import { LINK_OUTCOMES, linkRequestSchema, linkResidentSchema, memberSchema } from "~/domains/households/schemas";
import { fieldErrors, FormError, TextField, Notice } from "~/components/ui/field";
import { IntentButton } from "~/components/ui/intent-button";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "住户 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "households.manage", { communityId: params.communityId });
    const detail = await householdDetail(params.householdId ?? "");
    if (!detail || detail.household.communityId !== params.communityId) notFoundResponse();
    return detail;
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const householdId = params.householdId ?? "";
  return runAction(async () => {
    const form = await readForm(request);
    const intent = textField(form, "_intent");
    if (intent === "regenerate") {
      await regenerateJoinCode({ actor, householdId });
      return { ok: true as const, notice: "households.regenerated" };
    }
    if (intent === "confirm" || intent === "remove") {
      const { userId } = parseInput(memberSchema, form);
      if (intent === "confirm") await confirmMember({ actor, householdId, userId });
      else await removeMember({ actor, householdId, userId });
      return { ok: true as const, notice: intent === "confirm" ? "households.confirmed" : "households.removed" };
    }
    if (intent === "cancel") {
      const { requestId } = parseInput(linkRequestSchema, form);
      await cancelLinkRequest({ actor, householdId, requestId });
      return { ok: true as const, notice: "households.requestCancelled" };
    }
    const input = parseInput(linkResidentSchema, form);
    // "The number is verified and the resident asked", never whose number it is: the answer is a
    // redirect, and the name appears in the member list only once the person has accepted.
    const { outcome } = await linkResident({ actor, householdId, input });
    return redirect(`/community/${params.communityId}/households/${householdId}?linked=${outcome}`);
  });
}

export default function Household() {
  const t = useT();
  const locale = useLocale();
  const { household, members, asked } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  // A new page after each link, so the form starts empty again: the number typed does not linger.
  const { key: visit } = useLocation();
  const linked = LINK_OUTCOMES.find((o) => o === search.get("linked"));
  const notice = result && "notice" in result ? result.notice : linked ? (`households.linked.${linked}` as const) : null;
  return (
    <>
      <p>
        <Link to={`/community/${household.communityId}/households?building=${household.buildingId}`}>{t("households.backToCommunity")}</Link>
      </p>
      <h1>{t("households.householdTitle", { building: household.buildingName, label: household.label })}</h1>
      {notice ? (
        <Notice>{t(notice)}</Notice>
      ) : null}
      <FormError failure={result} />

      <section className="card" aria-labelledby="join-code">
        <h2 id="join-code">{t("households.joinCode")}</h2>
        <p>
          <code className="join-code" style={{ fontSize: "1.6rem", letterSpacing: "0.15em" }} data-testid="join-code">
            {household.joinCode}
          </code>
        </p>
        <p className="muted">{t("households.joinCodeHint")}</p>
        <Form method="post">
          <input type="hidden" name="_intent" value="regenerate" />
          <p className="hint muted" id="regenerate-hint">
            {t("households.regenerateHint")}
          </p>
          <button type="submit" className="secondary" disabled={busy} aria-describedby="regenerate-hint">
            {t("households.regenerate")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="members">
        <h2 id="members">{t("households.membersTitle")}</h2>
        {members.length === 0 ? (
          <p className="muted">{t("households.noMembers")}</p>
        ) : (
          <ul style={{ listStyle: "none", padding: 0 }}>
            {members.map((m) => (
              <li key={m.userId} className="card">
                <strong>{m.name}</strong> <span className="muted">{m.contact}</span>{" "}
                {m.verified ? <span className="badge ok">{t("households.verified")}</span> : <span className="badge warn">{t("households.unverified")}</span>}
                <p className="muted" style={{ margin: "4px 0 8px" }}>
                  {formatDate(m.since, locale)}
                  {m.linkedBy ? ` · ${t("households.linkedBy", { name: m.linkedBy })}` : ""}
                </p>
                <div className="row">
                  {m.verified ? null : (
                    <IntentButton intent="confirm" fields={{ userId: m.userId }} label={t("households.confirm")} ariaLabel={t("households.confirmNamed", { name: m.name })} busy={busy} />
                  )}
                  <IntentButton intent="remove" fields={{ userId: m.userId }} label={t("households.remove")} ariaLabel={t("households.removeNamed", { name: m.name })} busy={busy} secondary />
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      {asked.length > 0 ? (
        <section aria-labelledby="asked">
          <h2 id="asked">{t("households.askedTitle")}</h2>
          <ul style={{ listStyle: "none", padding: 0 }}>
            {asked.map((r) => (
              <li key={r.id} className="card">
                <strong>{r.contact}</strong> <span className="badge warn">{t("households.awaitingResident")}</span>
                <p className="muted" style={{ margin: "4px 0 8px" }}>
                  {formatDate(r.since, locale)} · {t("households.askedBy", { name: r.requestedBy })}
                </p>
                <IntentButton intent="cancel" fields={{ requestId: r.id }} label={t("households.cancelRequest")} ariaLabel={t("households.cancelRequestNamed", { contact: r.contact })} busy={busy} secondary />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="link">
        <h2 id="link">{t("households.linkTitle")}</h2>
        <Form key={visit} method="post" className="stack" noValidate aria-labelledby="link">
          <input type="hidden" name="_intent" value="link" />
          <p className="muted">{t("households.linkHint")}</p>
          <TextField name="contact" label={t("households.linkContact")} autoComplete="off" required error={errors.contact} />
          <div className="field">
            <label htmlFor="move" style={{ fontWeight: "normal" }}>
              <input type="checkbox" id="move" name="move" aria-invalid={errors.move ? true : undefined} aria-describedby={errors.move ? "move-error" : undefined} />{" "}
              {t("households.move")}
            </label>
            {errors.move ? (
              <span className="error" id="move-error" role="alert">
                {t(errors.move)}
              </span>
            ) : null}
          </div>
          <button type="submit" disabled={busy}>
            {t("households.linkSubmit")}
          </button>
        </Form>
      </section>
    </>
  );
}
