// /street/<id>/dashboard — the street office sees every community of its street side by side:
// projects, money released by category and by community, people served, ratings, overdue milestones.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { DashboardFilters, DashboardView } from "~/components/dashboards/DashboardView";
import { dashboardForStreetStaff } from "~/domains/dashboards/queries.server";
import { parseDashboardFilter } from "~/domains/dashboards/schemas";
import { useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "各社区项目数据看板 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, () => dashboardForStreetStaff(actor, params.streetId ?? "", parseDashboardFilter(request.url)));
}

export default function StreetDashboard() {
  const t = useT();
  const { street, communities, filter, figures } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>{t("dashboards.streetTitle", { street: street.name })}</h1>
      <p className="muted">{t("dashboards.intro")}</p>
      <p>
        <Link to={`/street/${street.id}/needs`}>{t("needs.streetTitle", { street: street.name })}</Link>
      </p>
      <DashboardFilters filter={filter} communities={communities} csvHref={`/street/${street.id}/dashboard.csv${search}`} />
      <DashboardView figures={figures} street />
    </>
  );
}
