// /street/<id>/dashboard.csv — the street dashboard's figures per community, filtered the same way,
// for the street office only. Aggregates only (app/domains/dashboards/export.ts).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { dashboardCsv } from "~/domains/dashboards/export";
import { dashboardForStreetStaff } from "~/domains/dashboards/queries.server";
import { parseDashboardFilter } from "~/domains/dashboards/schemas";
import { csvDownload } from "~/utils/csv.server";
import { getActor, runLoader } from "~/utils/request.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const dashboard = await dashboardForStreetStaff(actor, params.streetId ?? "", parseDashboardFilter(request.url));
    return csvDownload(dashboardCsv(dashboard.figures, context.locale), `dashboard-${dashboard.street.id}`);
  });
}
