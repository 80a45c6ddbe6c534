// /funds/<id>: a fund's public page: its holder by full name and 统一社会信用代码, purpose, spending
// rules, balance, money in and out, sub-funds, campaigns and its latest ledger entries.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CampaignProgress, Holder, LedgerTable, yuan } from "~/components/funds/ledger-table";
import { fundPage } from "~/domains/funds/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fund.name ?? "社区基金"} · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const page = await fundPage(params.fundId ?? "", actor);
    if (!page) notFoundResponse();
    return page;
  });
}

/** Money in (or out) by account: online donations, matching, offline income; grants, fees, refunds. */
function AccountLines({ lines, type }: { lines: { code: string; type: string; amount: string }[]; type: "income" | "expense" }) {
  const t = useT();
  return (
    <ul>
      {lines
        .filter((a) => a.type === type)
        .map((a) => (
          <li key={a.code}>{`${t(`funds.account.${a.code}`)} ${yuan(a.amount)}`}</li>
        ))}
    </ul>
  );
}

export default function FundPage() {
  const t = useT();
  const locale = useLocale();
  const { fund, holder, parent, money, subFunds, campaigns, recent, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/funds">{t("funds.listTitle")}</Link>
        {parent ? (
          <>
            {" · "}
            <Link to={`/funds/${parent.id}`}>{t("funds.subFundOf", { name: parent.name })}</Link>
          </>
        ) : null}
      </p>
      <h1>{fund.name}</h1>
      <p className="row">
        <span className="badge">{t(`funds.kind.${fund.kind}`)}</span>
        <Link className="button" to={`/donate/${fund.id}`}>
          {t("funds.donate")}
        </Link>
        {canManage ? <Link to={`/funds/${fund.id}/manage`}>{t("funds.manageLink")}</Link> : null}
      </p>
      <dl className="card">
        <Holder holder={holder} />
        <dt>{t("funds.purpose")}</dt>
        <dd style={{ whiteSpace: "pre-line" }}>{fund.purpose}</dd>
        <dt>{t("funds.spendingRules")}</dt>
        <dd style={{ whiteSpace: "pre-line" }}>{fund.spendingRules}</dd>
      </dl>

      <section aria-labelledby="money">
        <h2 id="money">{t("funds.balance")}</h2>
        <p>
          <strong style={{ fontSize: "1.4rem" }} data-testid="fund-balance">
            {yuan(money.balance)}
          </strong>{" "}
          <span className="muted">
            {t("funds.available")} {yuan(money.available)}
          </span>
        </p>
        <p className="muted">{t("funds.balanceHint")}</p>
        <dl className="card">
          <dt>{t("funds.moneyIn")}</dt>
          <dd>
            {yuan(money.moneyIn)}
            <AccountLines lines={money.byAccount} type="income" />
          </dd>
          <dt>{t("funds.moneyOut")}</dt>
          <dd>
            {yuan(money.moneyOut)}
            <AccountLines lines={money.byAccount} type="expense" />
          </dd>
        </dl>
      </section>

      {fund.kind === "foundation" || subFunds.length ? (
        <section aria-labelledby="sub-funds">
          <h2 id="sub-funds">{t("funds.subFunds")}</h2>
          {subFunds.length === 0 ? <p className="muted">{t("funds.subFundsNone")}</p> : null}
          <ul>
            {subFunds.map((s) => (
              <li key={s.id}>
                <Link to={`/funds/${s.id}`}>{s.name}</Link> · {t("funds.balance")} {yuan(s.balance)}
                <br />
                <span className="muted">{s.purpose}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="campaigns">
        <h2 id="campaigns">{t("funds.campaigns")}</h2>
        {campaigns.length === 0 ? <p className="muted">{t("funds.campaignsNone")}</p> : null}
        <div className="grid">
          {campaigns.map((c) => (
            <div key={c.id} className="card">
              <h3 style={{ marginTop: 0 }}>
                <Link to={`/campaigns/${c.id}`}>{c.title}</Link>
              </h3>
              <p className="row">
                <span className="badge">{t(`funds.campaignStatus.${c.status}`)}</span>
                <span className="muted">
                  {t("funds.campaignDeadline")} {formatDate(c.deadline, locale)}
                </span>
              </p>
              <CampaignProgress id={c.id} raised={c.raised} matched={c.matched} goal={c.goalFen} />
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="recent">
        <h2 id="recent">{t("funds.recent")}</h2>
        {recent.length === 0 ? <p className="muted">{t("funds.recentNone")}</p> : <LedgerTable rows={recent} labelledBy="recent" />}
        <p className="row">
          <Link to={`/funds/${fund.id}/ledger`}>{t("funds.viewLedger")}</Link>
          <Link to={`/funds/${fund.id}/verify`}>{t("funds.verifyLink")}</Link>
        </p>
      </section>
    </>
  );
}
