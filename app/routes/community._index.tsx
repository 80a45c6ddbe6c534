// /community: the communities the signed-in person works for, each a door to its households.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { staffCommunities } from "~/domains/households/queries.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "我负责的社区 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  authorize(actor, "account.use");
  return { communities: await staffCommunities(actor), isPlatformAdmin: actor.isPlatformAdmin };
}

export default function Communities() {
  const t = useT();
  const { communities, isPlatformAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("households.staffTitle")}</h1>
      {communities.length === 0 ? (
        <p className="muted">{t("households.notStaff")}</p>
      ) : (
        <>
          <p>{t("households.staffIntro")}</p>
          <ul>
            {communities.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong> <span className="muted">{c.trail}</span>
                <div className="row">
                  <Link to={`/community/${c.id}/needs`}>{t("nav.needsInbox")}</Link>
                  <Link to={`/community/${c.id}/deliberations`}>{t("nav.deliberations")}</Link>
                  <Link to={`/community/${c.id}/service-needs`}>{t("nav.serviceNeeds")}</Link>
                  <Link to={`/community/${c.id}/households`}>{t("nav.households")}</Link>
                  <Link to={`/community/${c.id}/dashboard`}>{t("dashboards.link")}</Link>
                  <Link to={`/c/${c.id}`}>{t("nav.communityPublic")}</Link>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      {isPlatformAdmin ? (
        <p>
          <Link to="/admin/places">{t("places.adminTitle")}</Link>
        </p>
      ) : null}
    </>
  );
}
