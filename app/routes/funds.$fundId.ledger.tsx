// /funds/<id>/ledger: the public ledger (居务公开): every entry with its running balance, filters by
// kind and date, pages, and the open-data exports that anyone can verify.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { LedgerTable, yuan } from "~/components/funds/ledger-table";
import { SelectField, TextField } from "~/components/ui/field";
import { ledgerPage } from "~/domains/funds/queries.server";
import { LEDGER_KINDS, ledgerFilterSchema } from "~/domains/funds/schemas";
import { useT } from "~/utils/i18n";
import { notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fund.name ?? "社区基金"} · 公开账目 · 三社联动平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runLoader(request, async () => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const filter = ledgerFilterSchema.parse(query);
    const page = await ledgerPage(params.fundId ?? "", filter);
    if (!page) notFoundResponse();
    return { ...page, query: { kind: filter.kind ?? "", from: filter.from ? query.from : "", to: filter.to ? query.to : "" } };
  });
}

export default function FundLedger() {
  const t = useT();
  const { fund, rows, total, page, pages, money, query } = useLoaderData<typeof loader>();
  const pageLink = (n: number) => `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, v]) => v)), page: String(n) })}`;
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>{fund.name}</Link>
      </p>
      <h1>{t("funds.ledgerTitle", { fund: fund.name })}</h1>
      <p className="muted">{t("funds.ledgerIntro")}</p>
      <p>
        {t("funds.balance")} <strong data-testid="ledger-balance">{yuan(money.balance)}</strong> · {t("funds.moneyIn")} {yuan(money.moneyIn)} · {t("funds.moneyOut")}{" "}
        {yuan(money.moneyOut)}
      </p>

      <section aria-labelledby="filters" className="card">
        <h2 id="filters" style={{ marginTop: 0 }}>
          {t("funds.filterTitle")}
        </h2>
        <Form method="get" className="stack" aria-labelledby="filters">
          <SelectField
            name="kind"
            label={t("funds.filterKind")}
            defaultValue={query.kind}
            options={[{ value: "", label: t("funds.filterAllKinds") }, ...LEDGER_KINDS.map((k) => ({ value: k, label: t(`funds.entryKind.${k}`) }))]}
          />
          <TextField name="from" type="date" label={t("funds.filterFrom")} defaultValue={query.from} />
          <TextField name="to" type="date" label={t("funds.filterTo")} defaultValue={query.to} />
          <p className="row">
            <button type="submit">{t("funds.filterApply")}</button>
            <Link to={`/funds/${fund.id}/ledger`}>{t("funds.filterClear")}</Link>
          </p>
        </Form>
      </section>

      <section aria-labelledby="entries">
        <h2 id="entries">{t("funds.ledgerTable")}</h2>
        <p className="muted">{t("funds.ledgerCount", { total, page, pages })}</p>
        {rows.length === 0 ? <p>{t("funds.ledgerEmpty")}</p> : <LedgerTable rows={rows} labelledBy="entries" />}
        <nav className="row" aria-label={t("funds.ledgerTable")}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("funds.prevPage")}</Link> : null}
          {page < pages ? <Link to={pageLink(page + 1)}>{t("funds.nextPage")}</Link> : null}
        </nav>
      </section>

      <section aria-labelledby="export">
        <h2 id="export">{t("funds.exportTitle")}</h2>
        <p className="muted">{t("funds.exportHint")}</p>
        <p className="row">
          <a href={`/funds/${fund.id}/ledger.csv`} download>
            {t("funds.exportCsv")}
          </a>
          <a href={`/funds/${fund.id}/ledger.json`} download>
            {t("funds.exportJson")}
          </a>
          <Link to={`/funds/${fund.id}/verify`}>{t("funds.verifyLink")}</Link>
        </p>
      </section>
    </>
  );
}
