// /projects/<id> — a project and its milestones: public without personal data; the two parties
// also see the team and a link to the agreement. Milestone work (reports, acceptance) comes here next.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MilestoneList } from "~/components/proposals/proposal-summary";
import { projectView } from "~/domains/projects/queries.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "项目 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const view = await projectView(actor, params.projectId ?? "");
    if (!view) notFoundResponse();
    return view;
  });
}

export default function ProjectPage() {
  const t = useT();
  const { project, community, provider, purchaser, period, agreementId, milestones, team } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{project.title}</h1>
      <p className="row">
        <span className="badge">{t(`proposals.projectStatus.${project.status}`)}</span>
        <span>{community}</span>
      </p>
      <dl className="card">
        {provider ? (
          <>
            <dt>{t("proposals.provider")}</dt>
            <dd>
              <Link to={`/orgs/${provider.id}`}>{provider.name}</Link>
              {provider.creditCode ? ` · ${t("proposals.creditCode", { code: provider.creditCode })}` : null}
            </dd>
          </>
        ) : null}
        {purchaser ? (
          <>
            <dt>{t("proposals.purchaser")}</dt>
            <dd>{purchaser.name}</dd>
          </>
        ) : null}
        <dt>{t("proposals.resultAmount")}</dt>
        <dd>{formatFen(project.amountFen)}</dd>
        {period ? (
          <>
            <dt>{t("proposals.period")}</dt>
            <dd>
              {period.start} – {period.end}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t("proposals.projectMilestones", { count: milestones.length })}</h2>
      <MilestoneList milestones={milestones} />
      {team ? (
        <>
          <h2>{t("proposals.teamLegend")}</h2>
          <ul>
            {team.map((m, i) => (
              <li key={i}>
                {m.name} · {m.role}
                {m.certified ? <span className="badge">{t("proposals.certified")}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {agreementId ? (
        <p>
          <Link to={`/agreements/${agreementId}`}>{t("proposals.agreementLink")}</Link>
        </p>
      ) : null}
    </>
  );
}
