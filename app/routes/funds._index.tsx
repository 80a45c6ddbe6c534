// /funds: every community foundation and micro-fund, with its holder and balance (居务公开).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { yuan } from "~/components/funds/ledger-table";
import { fundList } from "~/domains/funds/queries.server";
import { useT } from "~/utils/i18n";
import { runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "社区基金 · 三社联动平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return runLoader(request, async () => ({ funds: await fundList() }));
}

export default function Funds() {
  const t = useT();
  const { funds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("funds.listTitle")}</h1>
      <p className="muted">{t("funds.listIntro")}</p>
      {funds.length === 0 ? <p>{t("funds.none")}</p> : null}
      <div className="grid">
        {funds.map((f) => (
          <section key={f.id} className="card" aria-labelledby={`fund-${f.id}`}>
            <h2 id={`fund-${f.id}`} style={{ marginTop: 0 }}>
              <Link to={`/funds/${f.id}`}>{f.name}</Link>
            </h2>
            <p className="row">
              <span className="badge">{t(`funds.kind.${f.kind}`)}</span>
              <span>
                {t("funds.balance")} <strong>{yuan(f.balance)}</strong>
              </span>
            </p>
            <p className="muted">
              {t("funds.holder")}：{f.holder.name}
            </p>
            {f.subFunds.length ? (
              <ul>
                {f.subFunds.map((s) => (
                  <li key={s.id}>
                    <Link to={`/funds/${s.id}`}>{s.name}</Link> <span className="muted">{yuan(s.balance)}</span>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
    </>
  );
}
