// /community/<id>/dashboard — the community's staff see what its projects have done: projects by
// status, money released by category, people served, residents' ratings, overdue milestones.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { DashboardFilters, DashboardView } from "~/components/dashboards/DashboardView";
import { dashboardForCommunityStaff } from "~/domains/dashboards/queries.server";
import { parseDashboardFilter } from "~/domains/dashboards/schemas";
import { useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "项目数据看板 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, () => dashboardForCommunityStaff(actor, params.communityId ?? "", parseDashboardFilter(request.url)));
}

export default function CommunityDashboard() {
  const t = useT();
  const { community, filter, figures } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <h1>{t("dashboards.communityTitle", { community: community.name })}</h1>
      <p className="muted">{t("dashboards.intro")}</p>
      <p className="row">
        <Link to={`/community/${community.id}/needs`}>{t("nav.needsInbox")}</Link>
        <Link to={`/c/${community.id}`}>{t("nav.communityPublic")}</Link>
      </p>
      <DashboardFilters filter={filter} csvHref={`/community/${community.id}/dashboard.csv${search}`} />
      <DashboardView figures={figures} street={false} />
    </>
  );
}
