import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { listPublicOrgs } from "~/domains/orgs/queries.server";
import { ORG_KINDS, orgSearchSchema } from "~/domains/orgs/schemas";
import { SelectField, TextField } from "~/components/ui/field";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "社会组织与机构 · 三社联动平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v.trim() !== ""));
  return listPublicOrgs(orgSearchSchema.parse(params));
}

export default function Orgs() {
  const t = useT();
  const { orgs, total, page, pageCount } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <>
      <h1>{t("orgs.listTitle")}</h1>
      <p className="muted">{t("orgs.listIntro")}</p>
      <p>
        <Link to="/orgs/new">{t("orgs.registerLink")}</Link>
      </p>
      <Form method="get" role="search" className="row" style={{ alignItems: "end" }}>
        <TextField name="q" type="search" label={t("orgs.search")} defaultValue={params.get("q") ?? ""} />
        <SelectField
          name="kind"
          label={t("orgs.filterKind")}
          defaultValue={params.get("kind") ?? ""}
          options={[{ value: "", label: t("orgs.allKinds") }, ...ORG_KINDS.map((k) => ({ value: k, label: t(`orgs.kind.${k}`) }))]}
        />
        <button type="submit">{t("orgs.searchSubmit")}</button>
      </Form>
      <p className="muted" role="status">
        {t("orgs.listCount", { count: total })}
      </p>
      {orgs.length === 0 ? <p>{t("orgs.listEmpty")}</p> : null}
      <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
        {orgs.map((o) => (
          <li key={o.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.05rem" }}>
              <Link to={`/orgs/${o.id}`}>{o.name}</Link>
            </h2>
            <p className="row">
              <span className="badge">{t(`orgs.kind.${o.kind}`)}</span>
              <span className="badge ok">{t("orgs.status.verified")}</span>
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {o.registration === "registered" ? `${t("orgs.creditCode")}：${o.creditCode ?? ""}` : `${t("orgs.filingNumber")}：${o.filingNumber ?? ""}`}
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {o.place}
            </p>
            <p style={{ margin: 0 }}>
              {t("orgs.certifiedStaff")}：{t("orgs.certifiedStaffCount", { count: o.certifiedStaff })}
            </p>
          </li>
        ))}
      </ul>
      {pageCount > 1 ? (
        <nav className="row" aria-label={t("orgs.pageOf", { page, pages: pageCount })}>
          {page > 1 ? <Link to={pageLink(page - 1)}>{t("pager.prev")}</Link> : null}
          <span>{t("orgs.pageOf", { page, pages: pageCount })}</span>
          {page < pageCount ? <Link to={pageLink(page + 1)}>{t("pager.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
