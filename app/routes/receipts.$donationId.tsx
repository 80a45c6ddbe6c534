// /receipts/<donationId>: the donor's receipt (捐赠收据), for the signed-in donor or whoever holds
// the Checkout Session id Stripe sent them back with. Prints (or saves as PDF) on its own.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { receiptFor } from "~/domains/donations/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";
import styles from "~/styles/donations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `捐赠收据 ${data?.receipt.receiptNumber ?? ""} · 三社联动平台` },
  { name: "robots", content: "noindex" },
  // Until Stripe's webhook has said how the payment went, look again every few seconds.
  ...(data && (data.receipt.status === "pending" || data.receipt.status === "created") ? [{ httpEquiv: "refresh", content: "3" } as const] : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const session = new URL(request.url).searchParams.get("session");
  return runLoader(request, async () => ({ receipt: await receiptFor(params.donationId ?? "", { userId: context.user?.id ?? null, sessionId: session }) }));
}

export default function Receipt() {
  const t = useT();
  const locale = useLocale();
  const { receipt: r } = useLoaderData<typeof loader>();
  const giveAgain = <Link to={`/donate/${r.fundId}`}>{t("donations.giveAgain")}</Link>;
  if (r.status === "created" || r.status === "pending") return <p role="status">{t("donations.pending")}</p>;
  if (r.status === "failed" || r.status === "expired") {
    return (
      <>
        <h1>{t("donations.receiptTitle")}</h1>
        <p className="form-error">{t(r.status === "failed" ? "donations.failed" : "donations.expired")}</p>
        <p>{giveAgain}</p>
      </>
    );
  }
  return (
    <>
      <article className="card receipt" aria-labelledby="receipt-title">
        <h1 id="receipt-title">{t("donations.receiptTitle")}</h1>
        <dl>
          <dt>{t("donations.receiptNumber")}</dt>
          <dd>
            <strong>{r.receiptNumber}</strong>
          </dd>
          <dt>{t("donations.receiptDonor")}</dt>
          <dd>{r.donorName}</dd>
          <dt>{t("donations.receiptAmount")}</dt>
          <dd className="amount">
            {formatFen(BigInt(r.amountFen))}
            {r.monthly ? <span className="muted"> · {t("donations.receiptMonthly")}</span> : null}
          </dd>
          {r.refundedFen !== "0" ? (
            <>
              <dt>{t("donations.colStatus")}</dt>
              <dd>{t("donations.receiptRefunded", { amount: formatFen(BigInt(r.refundedFen)) })}</dd>
            </>
          ) : null}
          <dt>{t("donations.receiptDate")}</dt>
          <dd>{formatDateTime(r.succeededAt ?? r.createdAt, locale)}</dd>
          <dt>{t("donations.receiptRecipient")}</dt>
          <dd>
            {r.holderName}
            {r.holderCreditCode ? (
              <>
                <br />
                {t("donations.creditCode", { code: r.holderCreditCode })}
              </>
            ) : null}
          </dd>
          <dt>{t("donations.receiptFund")}</dt>
          <dd>{r.fundName}</dd>
          {r.campaignTitle ? (
            <>
              <dt>{t("donations.receiptCampaign")}</dt>
              <dd>{r.campaignTitle}</dd>
            </>
          ) : null}
          {r.paymentMethod ? (
            <>
              <dt>{t("donations.receiptMethod")}</dt>
              <dd>{t(`donations.method.${r.paymentMethod}`)}</dd>
            </>
          ) : null}
        </dl>
        {r.anonymous ? <p className="muted">{t("donations.receiptAnonymous")}</p> : null}
        <p>{t("donations.receiptThanks")}</p>
      </article>
      <p className="row no-print">
        <button type="button" onClick={() => window.print()}>
          {t("donations.print")}
        </button>
        <Link to={`/funds/${r.fundId}/ledger`}>{t("donations.viewLedger")}</Link>
        {giveAgain}
      </p>
    </>
  );
}
