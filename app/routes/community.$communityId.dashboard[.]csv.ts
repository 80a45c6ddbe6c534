// /community/<id>/dashboard.csv — the community dashboard's figures, filtered the same way, for its
// staff only. Aggregates only: no names, households or rating comments (app/domains/dashboards/export.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardCsv } from "~/domains/dashboards/export";
import { dashboardForCommunityStaff } from "~/domains/dashboards/queries.server";
import { parseDashboardFilter } from "~/domains/dashboards/schemas";
import { csvDownload } from "~/utils/csv.server";
import { getActor, runLoader } from "~/utils/request.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const dashboard = await dashboardForCommunityStaff(actor, params.communityId ?? "", parseDashboardFilter(request.url));
    return csvDownload(dashboardCsv(dashboard.figures, context.locale), `dashboard-${dashboard.community.id}`);
  });
}
