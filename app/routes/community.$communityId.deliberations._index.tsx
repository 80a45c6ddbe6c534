// /community/<id>/deliberations: the staff's list of their community's deliberations (民事民议).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { communityDeliberations } from "~/domains/deliberations/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "议事投票 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "deliberations.manage", { communityId: params.communityId });
    return (await communityDeliberations(params.communityId ?? "")) ?? notFoundResponse();
  });
}

export default function CommunityDeliberations() {
  const t = useT();
  const locale = useLocale();
  const { community, deliberations } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="row">
        <Link to="/community">{t("households.staffTitle")}</Link>
        <Link to={`/community/${community.id}/households`}>{t("deliberations.householdsLink")}</Link>
      </p>
      <h1>{t("deliberations.staffTitle", { community: community.name })}</h1>
      <p>
        <Link className="button" to="new">
          {t("deliberations.newLink")}
        </Link>
      </p>
      <section aria-labelledby="list">
        <h2 id="list">{t("deliberations.listLabel")}</h2>
        {deliberations.length === 0 ? (
          <p className="muted">{t("deliberations.listEmpty")}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="list">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("deliberations.question")}</th>
                  <th scope="col">{t("deliberations.statusColumn")}</th>
                  <th scope="col">{t("deliberations.closesColumn")}</th>
                  <th scope="col">{t("deliberations.turnoutColumn")}</th>
                </tr>
              </thead>
              <tbody>
                {deliberations.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <Link to={d.id}>{d.question}</Link>
                      {d.round > 1 ? <span className="muted"> · {t("deliberations.round", { round: d.round })}</span> : null}
                    </td>
                    <td>{t(`deliberations.status.${d.status}`)}</td>
                    <td>{formatDateTime(d.closesAt, locale)}</td>
                    <td>{d.voting}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
