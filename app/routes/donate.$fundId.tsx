// /donate/<fundId>[?campaign=<id>]: choose an amount (presets or your own), a message, whether
// the public sees your name, and how to pay; then on to Checkout (Stripe's, or the local one).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { fieldErrors, FormError, TextArea, TextField, RadioGroup } from "~/components/ui/field";
import { startDonation } from "~/domains/donations/create-checkout.server";
import { donationPage } from "~/domains/donations/queries.server";
import { donateSchema, PAYMENT_METHODS } from "~/domains/donations/schemas";
import { env } from "~/utils/env.server";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { getActor, runLoader } from "~/utils/request.server";
import styles from "~/styles/donations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "捐赠 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  return runLoader(request, async () => ({
    ...(await donationPage(params.fundId ?? "", url.searchParams.get("campaign"))),
    signedIn: !!context.user,
    userName: context.user?.displayName ?? null,
    cancelled: url.searchParams.has("cancelled"),
  }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  return runAction(async () => {
    const input = await parseForm(request, donateSchema);
    const actor = await getActor(context);
    const baseUrl = env().PUBLIC_URL ?? new URL(request.url).origin;
    const { url } = await startDonation({ actor, fundId: params.fundId ?? "", input, baseUrl });
    return redirect(url);
  });
}

export default function Donate() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state !== "idle";
  const [preset, setPreset] = useState<string>("50");
  const [method, setMethod] = useState<string>("wechat_pay");
  const { fund, campaign } = data;
  return (
    <>
      <h1>{campaign ? t("donations.campaignTitle", { campaign: campaign.title }) : t("donations.title", { fund: fund.name })}</h1>
      <p>{campaign ? campaign.purpose : fund.purpose}</p>
      <p className="muted">
        {t("donations.holder", { name: fund.holderName })}
        {fund.holderCreditCode ? ` · ${t("donations.creditCode", { code: fund.holderCreditCode })}` : null}
      </p>
      {data.cancelled ? <p className="notice">{t("donations.cancelled")}</p> : null}
      {!data.open ? (
        <p className="form-error">{t("donations.campaignClosed")}</p>
      ) : (
        <Form method="post" className="stack" noValidate>
          <FormError failure={result} />
          {campaign ? <input type="hidden" name="campaignId" value={campaign.id} /> : null}
          <fieldset aria-describedby={errors.preset ? "preset-error" : undefined}>
            <legend>{t("donations.amount")}</legend>
            <div className="row">
              {data.presets.map((yuan) => (
                <label key={yuan} className="choice">
                  <input type="radio" name="preset" value={String(yuan)} checked={preset === String(yuan)} onChange={() => setPreset(String(yuan))} />{" "}
                  {t("donations.presetYuan", { yuan })}
                </label>
              ))}
              <label className="choice">
                <input type="radio" name="preset" value="custom" checked={preset === "custom"} onChange={() => setPreset("custom")} /> {t("donations.custom")}
              </label>
            </div>
            {errors.preset ? (
              <span className="error" id="preset-error" role="alert">
                {t(errors.preset)}
              </span>
            ) : null}
          </fieldset>
          <TextField
            name="customAmount"
            label={t("donations.customAmount")}
            hint={t("donations.customHint", { min: formatFen(BigInt(data.minimumFen)).slice(1) })}
            inputMode="decimal"
            autoComplete="off"
            onFocus={() => setPreset("custom")}
            error={errors.customAmount}
          />
          <TextField
            name="name"
            label={t("donations.name")}
            hint={t("donations.nameHint")}
            defaultValue={data.userName ?? ""}
            autoComplete="name"
            maxLength={40}
            required={!data.signedIn}
            error={errors.name}
          />
          {data.signedIn ? null : <TextField name="email" type="email" label={t("donations.email")} hint={t("donations.emailHint")} autoComplete="email" error={errors.email} />}
          <TextArea name="message" label={t("donations.message")} maxLength={200} rows={2} error={errors.message} />
          <label className="choice">
            <input type="checkbox" name="anonymous" /> {t("donations.anonymous")}
          </label>
          <RadioGroup
            name="method"
            legend={t("donations.method")}
            options={PAYMENT_METHODS.map((m) => ({ value: m, label: t(`donations.method.${m}`) }))}
            value={method}
            onChange={setMethod}
            error={errors.method}
          />
          {data.signedIn ? (
            <label className="choice">
              <input type="checkbox" name="monthly" disabled={method !== "card"} /> {t("donations.monthly")}
            </label>
          ) : (
            <p className="muted">
              <Link to={`/login?redirectTo=${encodeURIComponent(`/donate/${fund.id}${campaign ? `?campaign=${campaign.id}` : ""}`)}`}>{t("donations.signInForMonthly")}</Link>
            </p>
          )}
          <button type="submit" disabled={busy}>
            {t("donations.submit")}
          </button>
        </Form>
      )}
    </>
  );
}
