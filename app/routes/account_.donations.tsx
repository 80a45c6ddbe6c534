// /account/donations: a donor's gifts with their receipts, and their monthly gifts, which they
// can cancel here.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormError } from "~/components/ui/field";
import { cancelMonthlyGift } from "~/domains/donations/cancel-monthly-gift.server";
import { donorDonations } from "~/domains/donations/queries.server";
import { rowId } from "~/domains/places/schemas";
import { parseForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDate } from "~/utils/time";
import styles from "~/styles/donations.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: "我的捐赠 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "account.use");
    return donorDonations(actor.userId);
  });
}

const cancelSchema = z.object({ subscriptionId: rowId() });

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    authorize(actor, "account.use");
    const { subscriptionId } = await parseForm(request, cancelSchema);
    await cancelMonthlyGift({ actor, subscriptionId });
    return { ok: true as const, cancelled: subscriptionId };
  });
}

export default function MyDonations() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("donations.mineTitle")}</h1>
      <FormError failure={result} />
      {result && "cancelled" in result ? <p className="notice">{t("donations.monthlyCancelled")}</p> : null}
      {data.monthly.length > 0 ? (
        <section aria-labelledby="monthly-title">
          <h2 id="monthly-title">{t("donations.monthlyTitle")}</h2>
          {data.monthly.map((m) => (
            <div key={m.subscriptionId} className="card">
              <p className="row">
                <strong>{m.campaignTitle ?? m.fundName}</strong>
                <span>{t("donations.monthlyEvery", { amount: formatFen(BigInt(m.amountFen)) })}</span>
                <span className="muted">{t("donations.monthlyMonths", { count: m.months })}</span>
                <span className={`badge ${m.active ? "ok" : ""}`}>{t(m.active ? "donations.monthlyActive" : "donations.monthlyEnded")}</span>
              </p>
              {m.active ? (
                <Form method="post">
                  <input type="hidden" name="subscriptionId" value={m.subscriptionId} />
                  <button type="submit" className="secondary" disabled={busy}>
                    {t("donations.monthlyCancel")}
                  </button>
                </Form>
              ) : null}
            </div>
          ))}
        </section>
      ) : null}
      {data.donations.length === 0 ? (
        <p className="muted">{t("donations.mineEmpty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("donations.mineTitle")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("donations.colDate")}</th>
                <th scope="col">{t("donations.colFund")}</th>
                <th scope="col">{t("donations.colAmount")}</th>
                <th scope="col">{t("donations.colStatus")}</th>
                <th scope="col">{t("donations.colReceipt")}</th>
              </tr>
            </thead>
            <tbody>
              {data.donations.map((d) => (
                <tr key={d.id}>
                  <td>{formatDate(d.createdAt, locale)}</td>
                  <td>
                    {d.campaignTitle ?? d.fundName}
                    {d.monthly ? <span className="muted"> · {t("donations.receiptMonthly")}</span> : null}
                  </td>
                  <td>
                    {formatFen(BigInt(d.amountFen))}
                    {d.refundedFen !== "0" ? <span className="muted"> · {t("donations.receiptRefunded", { amount: formatFen(BigInt(d.refundedFen)) })}</span> : null}
                  </td>
                  <td>{t(`donations.status.${d.status}`)}</td>
                  <td>{d.receiptNumber ? <Link to={`/receipts/${d.id}`}>{d.receiptNumber}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
