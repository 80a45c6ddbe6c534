// /street/<id>/needs — the street office's inbox: the 大事 its communities escalated to it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NeedFilters, Pager, StatusBadge } from "~/components/needs/need-list";
import { assertStreetStaff } from "~/domains/needs/access.server";
import { streetInbox } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

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
  const locale = useLocale();
  const { street, needs, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("needs.streetTitle", { street: street.name })}</h1>
      <p className="muted">{t("needs.streetIntro")}</p>
      <NeedFilters statuses />
      {needs.length === 0 ? (
        <p role="status">{t("needs.streetEmpty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("needs.inboxTable")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("needs.col.title")}</th>
                <th scope="col">{t("needs.col.community")}</th>
                <th scope="col">{t("needs.col.category")}</th>
                <th scope="col">{t("needs.col.note")}</th>
                <th scope="col">{t("needs.col.status")}</th>
                <th scope="col">{t("needs.col.at")}</th>
              </tr>
            </thead>
            <tbody>
              {needs.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/needs/${n.id}`}>{n.title}</Link>
                    <div className="muted">{n.excerpt}</div>
                  </td>
                  <td>{n.communityName}</td>
                  <td>{t(`needs.category.${n.category}`)}</td>
                  <td>{n.triageNote}</td>
                  <td>
                    <StatusBadge status={n.status} triage={n.triage} />
                  </td>
                  <td>{formatDateTime(n.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} hasMore={hasMore} />
    </>
  );
}
