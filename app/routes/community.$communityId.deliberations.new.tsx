// /community/<id>/deliberations/new: staff draft a deliberation on needs of their community, or
// (?from=<id>) the next round of one that did not pass.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { createDeliberation } from "~/domains/deliberations/create-deliberation.server";
import { deliberationFormChoices, previousRound } from "~/domains/deliberations/queries.server";
import { DEFAULT_OPTIONS, deliberationSchema, MAX_OPTIONS, MIN_OPTIONS, THRESHOLDS } from "~/domains/deliberations/schemas";
import { CONTINUABLE } from "~/domains/deliberations/start-next-round.server";
import { toShanghaiLocal } from "~/domains/deliberations/window";
import { formatFen } from "~/utils/money";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "发起议事 · 三社联动平台" }];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const communityId = params.communityId ?? "";
    authorize(actor, "deliberations.manage", { communityId });
    const from = new URL(request.url).searchParams.get("from");
    const previous = from ? await previousRound(communityId, from) : null;
    if (from && (!previous || !(CONTINUABLE as readonly string[]).includes(previous.deliberation.status))) notFoundResponse();
    const now = new Date();
    return {
      communityId,
      ...(await deliberationFormChoices(communityId)),
      previous: previous
        ? { id: previous.deliberation.id, question: previous.deliberation.question, status: previous.deliberation.status, round: previous.deliberation.round, needs: previous.needs }
        : null,
      defaults: {
        question: previous?.deliberation.question ?? "",
        options: previous ? previous.options.map((o) => o.label) : DEFAULT_OPTIONS,
        // A further round offers the spending its options had; the yuan as typed ("3000.00").
        spending: previous ? previous.options.map((o) => (o.spend ? { fundId: o.spend.fundId, ceiling: formatFen(BigInt(o.spend.ceilingFen)) } : null)) : [],
        scopePlaceId: previous?.deliberation.scopePlaceId ?? communityId,
        opensAt: toShanghaiLocal(now).slice(0, 16),
        closesAt: toShanghaiLocal(new Date(now.getTime() + WEEK_MS)).slice(0, 16),
        quorumPercent: previous?.deliberation.quorumPercent ?? 50,
        threshold: previous?.deliberation.threshold ?? "simple_majority",
      },
    };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, deliberationSchema);
    const deliberation = await createDeliberation({ actor, communityId: params.communityId ?? "", input });
    return redirect(`/community/${deliberation.communityId}/deliberations/${deliberation.id}?created=1`);
  });
}

export default function NewDeliberation() {
  const t = useT();
  const { communityId, readyNeeds, scopes, spendFunds, previous, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const optionsError = Object.entries(errors).find(([field]) => field === "options" || field.startsWith("options."))?.[1];
  const busy = useNavigation().state === "submitting";
  const slots = Array.from({ length: MAX_OPTIONS }, (_, i) => ({ label: defaults.options[i] ?? "", spend: defaults.spending[i] ?? null }));
  const fundChoices = [{ value: "", label: t("deliberations.spendNone") }, ...spendFunds.map((f) => ({ value: f.id, label: f.name }))];
  return (
    <>
      <p>
        <Link to={`/community/${communityId}/deliberations`}>{t("deliberations.backToList")}</Link>
      </p>
      <h1>{previous ? t("deliberations.nextRoundTitle", { round: previous.round + 1 }) : t("deliberations.newTitle")}</h1>
      {previous ? <p>{t("deliberations.nextRoundIntro", { question: previous.question, status: t(`deliberations.status.${previous.status}`) })}</p> : null}

      <Form method="post" className="stack" noValidate aria-label={t("deliberations.newTitle")}>
        <FormError failure={result} />
        {previous ? (
          <>
            <input type="hidden" name="previousRoundId" value={previous.id} />
            <section aria-labelledby="carried">
              <h2 id="carried">{t("deliberations.needsField")}</h2>
              <ul>
                {previous.needs.map((n) => (
                  <li key={n.id}>{n.title}</li>
                ))}
              </ul>
            </section>
          </>
        ) : (
          <fieldset aria-describedby={["needIds-hint", errors.needIds ? "needIds-error" : ""].join(" ").trim()}>
            <legend>
              {t("deliberations.needsField")} <span className="muted">{t("form.required")}</span>
            </legend>
            <p className="hint muted" id="needIds-hint">
              {t("deliberations.needsHint")}
            </p>
            {readyNeeds.length === 0 ? <p className="muted">{t("deliberations.noReadyNeeds")}</p> : null}
            {readyNeeds.map((n) => (
              <div key={n.id}>
                <input type="checkbox" id={`need-${n.id}`} name="needIds" value={n.id} aria-invalid={errors.needIds ? true : undefined} />{" "}
                <label htmlFor={`need-${n.id}`}>{n.title}</label>
              </div>
            ))}
            {errors.needIds ? (
              <span className="error form-error" id="needIds-error" role="alert">
                {t(errors.needIds)}
              </span>
            ) : null}
          </fieldset>
        )}

        <TextArea name="question" label={t("deliberations.questionField")} hint={t("deliberations.questionHint")} required maxLength={200} rows={2} defaultValue={defaults.question} error={errors.question} />

        <fieldset aria-describedby={["options-hint", optionsError ? "options-error" : ""].join(" ").trim()}>
          <legend>
            {t("deliberations.optionsField", { min: MIN_OPTIONS, max: MAX_OPTIONS })} <span className="muted">{t("form.required")}</span>
          </legend>
          <p className="hint muted" id="options-hint">
            {t("deliberations.optionsHint")} {spendFunds.length ? t("deliberations.spendHint") : null}
          </p>
          {slots.map((slot, i) => {
            const n = i + 1;
            return (
              <div className="stack option-slot" key={n}>
                <div className="field">
                  <label htmlFor={`option-${n}`}>{t("deliberations.optionField", { n })}</label>
                  <input id={`option-${n}`} name={`option${n}`} defaultValue={slot.label} maxLength={40} aria-invalid={optionsError ? true : undefined} />
                </div>
                {spendFunds.length ? (
                  <div className="row">
                    <SelectField
                      name={`spendFund${n}`}
                      label={t("deliberations.spendFundField", { n })}
                      defaultValue={slot.spend?.fundId ?? ""}
                      options={fundChoices}
                      error={errors[`spendFund${n}`]}
                    />
                    <TextField
                      name={`spendCeiling${n}`}
                      label={t("deliberations.spendCeilingField", { n })}
                      inputMode="decimal"
                      defaultValue={slot.spend?.ceiling ?? ""}
                      error={errors[`spendCeiling${n}`]}
                    />
                  </div>
                ) : null}
              </div>
            );
          })}
          {optionsError ? (
            <span className="error form-error" id="options-error" role="alert">
              {t(optionsError)}
            </span>
          ) : null}
        </fieldset>

        <SelectField
          name="scopePlaceId"
          label={t("deliberations.scopeField")}
          hint={t("deliberations.scopeHint")}
          required
          defaultValue={defaults.scopePlaceId}
          options={scopes.map((s) => ({ value: s.id, label: t(`deliberations.scopeLevel.${s.level}`, { name: s.name }) }))}
          error={errors.scopePlaceId}
        />
        <TextField name="opensAt" type="datetime-local" step={1} label={t("deliberations.opensAtField")} hint={t("deliberations.timeHint")} required defaultValue={defaults.opensAt} error={errors.opensAt} />
        <TextField name="closesAt" type="datetime-local" step={1} label={t("deliberations.closesAtField")} hint={t("deliberations.timeHint")} required defaultValue={defaults.closesAt} error={errors.closesAt} />
        <TextField
          name="quorumPercent"
          type="number"
          inputMode="numeric"
          min={0}
          max={100}
          label={t("deliberations.quorumField")}
          hint={t("deliberations.quorumHint")}
          required
          defaultValue={defaults.quorumPercent}
          error={errors.quorumPercent}
        />
        <SelectField
          name="threshold"
          label={t("deliberations.thresholdField")}
          required
          defaultValue={defaults.threshold}
          options={THRESHOLDS.map((th) => ({ value: th, label: t(`deliberations.threshold.${th}`) }))}
          error={errors.threshold}
        />
        <button type="submit" disabled={busy}>
          {t("deliberations.createSubmit")}
        </button>
      </Form>
    </>
  );
}
