import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ReputationCard } from "~/components/reputation/reputation-card";
import { orgPage } from "~/domains/orgs/queries.server";
import { reputationOf } from "~/domains/reputation/reputation.server";
import { notFound } from "~/utils/errors";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";
import { formatFen } from "~/utils/money";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? "组织"} · 三社联动平台` }];

/** Public for verified organisations; a pending or rejected one is a 404 to anyone but its members and admins. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return runLoader(request, async () => {
    const page = await orgPage(params.orgId!, await getActor(context));
    if (!page) throw notFound();
    return { org: page.public, insider: page.private, record: page.record, reputation: await reputationOf(page.public.id) };
  });
}

const STATUS_BADGE = { pending: "warn", verified: "ok", rejected: "danger" } as const;

export default function OrgPage() {
  const t = useT();
  const locale = useLocale();
  const { org, insider, record, reputation } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{org.name}</h1>
      <p className="row">
        <span className="badge">{t(`orgs.kind.${org.kind}`)}</span>
        <span className={`badge ${STATUS_BADGE[org.status]}`}>{t(`orgs.status.${org.status}`)}</span>
      </p>
      {org.status === "pending" ? <p className="notice">{t("orgs.pendingNote")}</p> : null}
      {org.status === "rejected" && insider ? <p className="form-error">{t("orgs.rejectedNote", { reason: insider.rejectionReason ?? "" })}</p> : null}
      <dl className="card">
        <dt>{t("orgs.registrationLabel")}</dt>
        <dd>{t(`orgs.registrationShort.${org.registration}`)}</dd>
        {org.registration === "registered" ? (
          <>
            <dt>{t("orgs.creditCode")}</dt>
            <dd>
              <code>{org.creditCode}</code>
            </dd>
          </>
        ) : (
          <>
            <dt>{t("orgs.filingNumber")}</dt>
            <dd>{org.filingNumber}</dd>
            <dt>{t("orgs.filedWith")}</dt>
            <dd>{org.filedWith}</dd>
          </>
        )}
        <dt>{t("orgs.place")}</dt>
        <dd>{org.place}</dd>
        <dt>{t("orgs.serviceAreas")}</dt>
        <dd>
          {org.serviceAreas.length ? (
            <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
              {org.serviceAreas.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          ) : (
            <span className="muted">{t("orgs.noServiceAreas")}</span>
          )}
        </dd>
        <dt>{t("orgs.certifiedStaff")}</dt>
        <dd>{t("orgs.certifiedStaffCount", { count: org.certifiedStaff })}</dd>
        {org.status === "verified" && org.reviewedAt ? (
          <>
            <dt>{t("orgs.verifiedAt")}</dt>
            <dd>{formatDate(org.reviewedAt, locale)}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t("orgs.description")}</h2>
      <p style={{ whiteSpace: "pre-line" }}>{org.description || <span className="muted">{t("orgs.noDescription")}</span>}</p>
      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{t("proposals.orgRecordTitle")}</h2>
        <p>{t("proposals.recordShown", { projects: record.list.length, amount: formatFen(record.totalFen) })}</p>
        <ul>
          {record.list.map((p) => (
            <li key={p.id}>
              <Link to={`/projects/${p.id}`}>{p.title}</Link> · {formatFen(p.amountFen)} · {t(`proposals.projectStatus.${p.status}`)}
            </li>
          ))}
        </ul>
      </section>
      <ReputationCard reputation={reputation} />
      {insider ? (
        <section className="card" aria-labelledby="private-heading">
          <h2 id="private-heading" style={{ marginTop: 0 }}>
            {t("orgs.privateNote")}
          </h2>
          <p>
            {t("orgs.contactPhone")}：{insider.contactPhone ?? "—"}
          </p>
          <p className="row">
            <Link to={`/orgs/${org.id}/manage`}>{t("orgs.manageLink")}</Link>
            {insider.mayManage && org.status !== "verified" ? (
              <Link to={`/orgs/${org.id}/edit`}>{org.status === "rejected" ? t("orgs.resubmitLink") : t("orgs.editLink")}</Link>
            ) : null}
          </p>
        </section>
      ) : null}
    </>
  );
}
