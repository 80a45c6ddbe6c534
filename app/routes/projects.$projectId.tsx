// /projects/<id> — a project for everyone: who delivers it and who pays, its milestones with their
// status and payments, the final evaluation once it is closed, and the timeline from the residents'
// first need to the last payment. No personal data; the two parties also see the team.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ProjectTimeline } from "~/components/projects/ProjectTimeline";
import { ActionResult, SelectField, TextField, fieldErrors } from "~/components/ui/field";
import { canSetRatingBar, setRatingBar } from "~/domains/delivery/rating-bar.server";
import { ratingBarSchema } from "~/domains/delivery/schemas";
import { parseForm, runAction } from "~/utils/forms.server";
import { projectView } from "~/domains/projects/queries.server";
import { projectTimeline } from "~/domains/projects/timeline.server";
import { useLocale, useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { getActor, notFoundResponse, requireActor, runLoader } from "~/utils/request.server";
import { formatDate } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "项目 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const view = await projectView(actor, params.projectId ?? "");
    if (!view) notFoundResponse();
    return { ...view, timeline: await projectTimeline(view.project.id, { viewer: actor }), canSetBar: await canSetRatingBar(actor, view.project.id) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    await setRatingBar({ actor, projectId: params.projectId ?? "", input: await parseForm(request, ratingBarSchema) });
    return { ok: true as const, done: "delivery.ratingBarSaved" };
  });
}

export default function ProjectPage() {
  const t = useT();
  const locale = useLocale();
  const { project, community, provider, purchaser, fund, funder, releasedFen, period, agreementId, milestones, team, timeline, canSetBar } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const evaluation = project.evaluation;
  const bar = project.ratingBarTenths === null ? null : (project.ratingBarTenths / 10).toFixed(1);
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
        <dd>
          {formatFen(project.amountFen)} · {t("delivery.released", { amount: formatFen(releasedFen), total: formatFen(project.amountFen) })}
        </dd>
        <dt>{t("delivery.funding")}</dt>
        <dd>
          {fund ? (
            <Link to={`/funds/${fund.id}`}>{t("delivery.fundPays", { fund: fund.name })}</Link>
          ) : funder ? (
            t("delivery.funderPays", { org: funder.name })
          ) : (
            "–"
          )}
          {project.requiresCosign ? <span className="muted"> · {t("delivery.cosignNeeded")}</span> : null}
        </dd>
        <dt>{t("delivery.ratingBarTitle")}</dt>
        <dd>{bar ? t("delivery.ratingBar", { bar, households: project.ratingBarHouseholds ?? 1 }) : t("delivery.ratingBarNoneSet")}</dd>
        {period ? (
          <>
            <dt>{t("proposals.period")}</dt>
            <dd>
              {period.start} – {period.end}
            </dd>
          </>
        ) : null}
      </dl>

      <ActionResult result={result} />
      {canSetBar ? (
        <Form method="post" className="card stack" aria-labelledby="rating-bar">
          <h2 id="rating-bar">{t("delivery.ratingBarTitle")}</h2>
          <SelectField
            name="ratingBar"
            label={t("delivery.ratingBarLabel")}
            defaultValue={bar ?? "none"}
            options={[{ value: "none", label: t("delivery.ratingBarNone") }, ...["3.0", "3.5", "4.0"].map((b) => ({ value: b, label: t("delivery.ratingBarOption", { bar: b }) }))]}
            error={errors.ratingBar}
          />
          <TextField name="ratingHouseholds" label={t("delivery.ratingHouseholdsLabel")} inputMode="numeric" defaultValue={project.ratingBarHouseholds ?? ""} error={errors.ratingHouseholds} />
          <button type="submit" disabled={busy}>
            {t("delivery.ratingBarSave")}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="milestones">
        <h2 id="milestones">{t("delivery.milestonesTitle")}</h2>
        <ol className="plain">
          {milestones.map((m) => (
            <li key={m.id} className="card">
              <h3>
                <Link to={`/projects/${project.id}/milestones/${m.id}`}>{t("delivery.milestoneRow", { position: m.position, title: m.title })}</Link>
              </h3>
              <p className="row">
                <span className="badge">{t(`delivery.status.${m.status}`)}</span>
                <span>
                  {t("delivery.dueDate")} {formatDate(m.dueDate, locale)}
                </span>
                <span>
                  {formatFen(m.amountFen)} · {t("delivery.share", { percent: (m.paymentShareBp / 100).toString() })}
                </span>
              </p>
              <p className="muted">{m.deliverables.map((d) => t("delivery.deliverable", { indicator: d.indicator, target: d.target, unit: d.unit })).join("；")}</p>
            </li>
          ))}
        </ol>
      </section>

      {evaluation ? (
        <section aria-labelledby="evaluation">
          <h2 id="evaluation">{t("delivery.evaluationTitle")}</h2>
          <dl className="card">
            <dt>{t("delivery.evalIndicators")}</dt>
            <dd>{`${evaluation.indicatorsAchievedPct}%`}</dd>
            <dt>{t("delivery.evalBudget")}</dt>
            <dd>{`${evaluation.budgetExecutedPct}%`}</dd>
            <dt>{t("delivery.evalOnTime")}</dt>
            <dd>{`${evaluation.onTimePct}%`}</dd>
            <dt>{t("delivery.evalRating")}</dt>
            <dd>{evaluation.averageRatingTenths === null ? "–" : t("delivery.evalRatingValue", { average: (evaluation.averageRatingTenths / 10).toFixed(1), count: evaluation.ratingsCount })}</dd>
          </dl>
        </section>
      ) : null}

      <ProjectTimeline steps={timeline} />

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
