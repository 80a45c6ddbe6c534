// /community/<id>/needs — the staff's inbox (三事分流): new needs of their community first,
// filtered by status, category, grid or building and words, newest or oldest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NeedFilters, Pager, StatusBadge } from "~/components/needs/need-list";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { placeOptions } from "~/domains/needs/places.server";
import { communityInbox } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "居民诉求 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const communityId = params.communityId ?? "";
    assertCommunityStaff(actor, communityId);
    const filter = needFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const inbox = await communityInbox(communityId, filter);
    if (!inbox) notFoundResponse();
    const { scope, ...rest } = inbox;
    return { ...rest, community: scope.community, places: placeOptions(scope) };
  });
}

export default function Inbox() {
  const t = useT();
  const locale = useLocale();
  const { community, places, needs, waiting, status, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("needs.inboxTitle", { community: community.name })}</h1>
      <p className="row">
        <span className="badge warn">{t("needs.inboxWaiting", { count: waiting })}</span>
        <Link to={`/community/${community.id}/needs/new`}>{t("needs.inboxFile")}</Link>
        <Link to={`/c/${community.id}`}>{t("needs.communityLink")}</Link>
      </p>
      <NeedFilters statuses defaultStatus={status} places={places} />
      {needs.length === 0 ? (
        <p role="status">{t("needs.inboxEmpty")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("needs.inboxTable")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("needs.col.title")}</th>
                <th scope="col">{t("needs.col.category")}</th>
                <th scope="col">{t("needs.col.place")}</th>
                <th scope="col">{t("needs.col.status")}</th>
                <th scope="col">{t("needs.col.at")}</th>
              </tr>
            </thead>
            <tbody>
              {needs.map((n) => (
                <tr key={n.id}>
                  <td>
                    <Link to={`/community/${community.id}/needs/${n.id}`}>{n.title}</Link>
                  </td>
                  <td>{t(`needs.category.${n.category}`)}</td>
                  <td>{n.placeName}</td>
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
