// /proposals — the proposals of the organisations I belong to.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { myProposals } from "~/domains/proposals/queries.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { requireActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "我的方案 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return { proposals: await myProposals(actor) };
}

export default function MyProposals() {
  const t = useT();
  const { proposals } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("proposals.mineTitle")}</h1>
      {proposals.length === 0 ? <p className="muted">{t("proposals.mineEmpty")}</p> : null}
      <ul className="stack">
        {proposals.map((p) => (
          <li key={p.id} className="card">
            <Link to={`/proposals/${p.id}`}>{p.needTitle}</Link>
            <p className="row">
              <span>{p.orgName}</span>
              <span className="badge">{t(`proposals.status.${p.status}`)}</span>
              <span>{formatFen(p.totalFen)}</span>
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
