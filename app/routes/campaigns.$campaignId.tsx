// /campaigns/<id>: a campaign's public page (募捐项目): who holds the money (full name and 统一社会信用代码),
// goal, deadline, purpose, the need it answers, and its progress with matched money (配捐) shown apart.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignProgress, Holder, yuan } from "~/components/funds/ledger-table";
import { campaignPage } from "~/domains/funds/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.campaign.title ?? "募捐项目"} · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const page = await campaignPage(params.campaignId ?? "", actor);
    if (!page) notFoundResponse();
    return { ...page, past: new Date(page.campaign.deadline).getTime() < Date.now() };
  });
}

export default function CampaignPage() {
  const t = useT();
  const locale = useLocale();
  const { campaign: c, fund, holder, need, raised, matched, pledges, past } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>{fund.name}</Link>
      </p>
      <h1>{c.title}</h1>
      <p className="row">
        <span className="badge">{t(`funds.campaignStatus.${c.status}`)}</span>
        {past ? <span className="badge warn">{t("funds.campaignPast")}</span> : null}
        {c.status === "active" && !past ? (
          <Link className="button" to={`/donate/${fund.id}?campaign=${c.id}`}>
            {t("funds.donate")}
          </Link>
        ) : null}
      </p>
      <section aria-labelledby="progress" className="card">
        <h2 id="progress" style={{ marginTop: 0 }}>
          {t("funds.campaignProgress")}
        </h2>
        <CampaignProgress id={c.id} raised={raised} matched={matched} goal={c.goalFen} />
        <p>
          {t("funds.campaignDonated")} {yuan(raised)} · {t("funds.campaignMatched")} <span data-testid="matched">{yuan(matched)}</span>
        </p>
      </section>
      <dl className="card">
        <dt>{t("funds.campaignGoal")}</dt>
        <dd>{yuan(c.goalFen)}</dd>
        <dt>{t("funds.campaignDeadline")}</dt>
        <dd>{formatDate(c.deadline, locale)}</dd>
        <dt>{t("funds.campaignFund")}</dt>
        <dd>
          <Link to={`/funds/${fund.id}`}>{fund.name}</Link>
        </dd>
        <Holder holder={holder} />
        {need ? (
          <>
            <dt>{t("funds.campaignLinkedNeed")}</dt>
            <dd>
              <Link to={`/needs/${need.id}`}>{need.title}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t("funds.purpose")}</h2>
      <p style={{ whiteSpace: "pre-line" }}>{c.purpose}</p>
      {pledges.length ? (
        <section aria-labelledby="pledges">
          <h2 id="pledges">{t("funds.campaignPledges")}</h2>
          <ul>
            {pledges.map((p) => (
              <li key={p.id}>
                {t("funds.campaignPledge", {
                  matcher: p.matcherName,
                  numerator: p.ratioNumerator,
                  denominator: p.ratioDenominator,
                  cap: yuan(p.capFen),
                  remaining: yuan(p.remaining),
                  endsAt: formatDate(p.endsAt, locale),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
