// /street/<id>/needs — the street office's inbox: the 大事 its communities escalated to it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NeedFilters, NeedTable, Pager } from "~/components/needs/need-list";
import { assertStreetStaff } from "~/domains/needs/access.server";
import { streetInbox } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "社区上报的大事 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    assertStreetStaff(actor, params.streetId ?? "");
    const filter = needFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const inbox = await streetInbox(params.streetId ?? "", filter);
    if (!inbox) notFoundResponse();
    return inbox;
  });
}

export default function StreetInbox() {
  const t = useT();
  const { street, needs, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("needs.streetTitle", { street: street.name })}</h1>
      <p className="muted">{t("needs.streetIntro")}</p>
      <p>
        <Link to={`/street/${street.id}/dashboard`}>{t("dashboards.link")}</Link>
      </p>
      <NeedFilters statuses />
      {needs.length === 0 ? (
        <p role="status">{t("needs.streetEmpty")}</p>
      ) : (
        <NeedTable needs={needs} columns={["community", "note"]} linkTo={(id) => `/needs/${id}`} />
      )}
      <Pager page={page} hasMore={hasMore} />
    </>
  );
}
