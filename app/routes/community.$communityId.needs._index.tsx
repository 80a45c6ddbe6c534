// /community/<id>/needs — the staff's inbox (三事分流): new needs of their community first,
// filtered by status, category, grid or building and words, newest or oldest first.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NeedFilters, NeedTable, Pager } from "~/components/needs/need-list";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { placeOptions } from "~/domains/needs/places.server";
import { communityInbox } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";

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
        <NeedTable needs={needs} columns={["place"]} linkTo={(id) => `/community/${community.id}/needs/${id}`} />
      )}
      <Pager page={page} hasMore={hasMore} />
    </>
  );
}
