// /community/<id>/service-needs — the community's service needs, every status, for its staff.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Budget, ServiceNeedStatus } from "~/components/marketplace/service-need-list";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { communityServiceNeeds } from "~/domains/marketplace/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "服务需求 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  const communityId = params.communityId ?? "";
  return runLoader(request, async () => {
    assertCommunityStaff(actor, communityId);
    return { communityId, serviceNeeds: await communityServiceNeeds(communityId) };
  });
}

export default function StaffServiceNeeds() {
  const t = useT();
  const locale = useLocale();
  const { communityId, serviceNeeds } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("marketplace.staffTitle")}</h1>
      <p>
        <Link to={`/community/${communityId}/service-needs/new`}>{t("marketplace.staffNew")}</Link>
      </p>
      {serviceNeeds.length === 0 ? (
        <p role="status">{t("marketplace.staffNone")}</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0 }}>
          {serviceNeeds.map((s) => (
            <li key={s.id} className="card">
              <h2 style={{ fontSize: "1.1rem", margin: 0 }}>
                <Link to={`/community/${communityId}/service-needs/${s.id}`}>{s.title}</Link>
              </h2>
              <p className="row muted" style={{ margin: "4px 0" }}>
                <ServiceNeedStatus status={s.status} />
                <Budget min={s.budgetMinFen} max={s.budgetMaxFen} />
                <span>
                  {t("marketplace.deadline")}: {formatDateTime(s.proposalDeadline, locale)}
                </span>
                {s.unanswered ? <span className="badge warn">{t("marketplace.unanswered", { count: s.unanswered })}</span> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
