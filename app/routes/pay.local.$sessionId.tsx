// /pay/local/<session>: the stand-in for Stripe's hosted Checkout when no Stripe keys are set
// (development, the demo, end-to-end tests). Paying sends Stripe's events, signed, through the
// webhook handler. In production this page does not exist.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { fieldErrors, FormError, RadioGroup } from "~/components/ui/field";
import { completeLocalCheckout, localSession } from "~/domains/donations/local-checkout.server";
import { localPaySchema, PAYMENT_METHODS } from "~/domains/donations/schemas";
import { isProduction } from "~/utils/env.server";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { runLoader } from "~/utils/request.server";
import styles from "~/styles/donations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: "模拟收银台 · 三社联动平台" }, { name: "robots", content: "noindex" }];

function refuseInProduction() {
  if (isProduction()) throw new Response(null, { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  refuseInProduction();
  return runLoader(request, async () => {
    const { donation, fundName, monthly } = await localSession(params.sessionId ?? "");
    return {
      sessionId: params.sessionId ?? "",
      fundName,
      monthly,
      amountFen: String(donation.amountFen),
      method: donation.paymentMethod ?? "card",
      open: donation.status === "pending",
      receiptUrl: `/receipts/${donation.id}?session=${encodeURIComponent(params.sessionId ?? "")}`,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  refuseInProduction();
  return runAction(async () => {
    const sessionId = params.sessionId ?? "";
    const input = await parseForm(request, localPaySchema);
    const donation = await completeLocalCheckout({ sessionId, ...input });
    if (input.outcome === "cancel") {
      return redirect(`/donate/${donation.fundId}${donation.campaignId ? `?campaign=${donation.campaignId}&` : "?"}cancelled=1`);
    }
    return redirect(`/receipts/${donation.id}?session=${encodeURIComponent(sessionId)}`);
  });
}

export default function LocalCheckout() {
  const t = useT();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state !== "idle";
  const [method, setMethod] = useState(data.monthly ? "card" : data.method);
  const methods = data.monthly ? (["card"] as const) : PAYMENT_METHODS;
  return (
    <section className="card checkout" aria-labelledby="checkout-title">
      <h1 id="checkout-title">{t("donations.localTitle")}</h1>
      <p className="notice">{t("donations.localNotice")}</p>
      <p>{t("donations.localPayTo", { fund: data.fundName })}</p>
      <p className="checkout-amount">
        {formatFen(BigInt(data.amountFen))}
        {data.monthly ? <span className="muted"> · {t("donations.localMonthly")}</span> : null}
      </p>
      {!data.open ? (
        <p>
          {t("donations.localDone")} <a href={data.receiptUrl}>{t("donations.receiptTitle")}</a>
        </p>
      ) : (
        <Form method="post" className="stack">
          <FormError failure={result} />
          <RadioGroup
            name="method"
            legend={t("donations.method")}
            options={methods.map((m) => ({ value: m, label: t(`donations.method.${m}`) }))}
            value={method}
            onChange={setMethod}
            error={errors.method}
          />
          <div className="row">
            <button type="submit" name="outcome" value="pay" disabled={busy}>
              {t("donations.localPay")}
            </button>
            {method !== "card" ? (
              <button type="submit" name="outcome" value="fail" className="secondary" disabled={busy}>
                {t("donations.localFail")}
              </button>
            ) : null}
            <button type="submit" name="outcome" value="cancel" className="secondary" disabled={busy}>
              {t("donations.localCancel")}
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
