// /market/<id> — a service need's public page: what is wanted, for whom (a group and a number,
// never names), the budget and requirements, and the public Q&A, which never says who asked.
// Members of a social organisation see what their organisation lacks, and may ask before the deadline.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Budget, ServiceNeedStatus } from "~/components/marketplace/service-need-list";
import { fieldErrors, FormError, TextArea } from "~/components/ui/field";
import { askQuestion, providerOrgOf } from "~/domains/marketplace/ask-question.server";
import { unmetForActor } from "~/domains/marketplace/eligibility.server";
import { publicServiceNeed } from "~/domains/marketplace/queries.server";
import { askQuestionSchema } from "~/domains/marketplace/schemas";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.serviceNeed.title ?? "服务需求"} · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const serviceNeed = await publicServiceNeed(params.serviceNeedId ?? "", actor);
    const unmet = serviceNeed.open ? await unmetForActor(actor, serviceNeed) : null;
    return { serviceNeed, canAsk: unmet !== null, unmet };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  return runAction(async () => {
    const { question, orgId } = parseInput(askQuestionSchema, await readForm(request));
    await askQuestion({ actor, serviceNeedId: params.serviceNeedId ?? "", question, orgId: actor ? providerOrgOf(actor, orgId) : undefined });
    return { ok: true as const, done: "marketplace.asked" as const };
  });
}

export default function ServiceNeedPage() {
  const t = useT();
  const locale = useLocale();
  const { serviceNeed: s, canAsk, unmet } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = fieldErrors(result);
  const requirements = [
    s.verifiedOnly ? t("marketplace.reqVerified") : null,
    s.minCertifiedWorkers > 0 ? t("marketplace.reqCertified", { count: s.minCertifiedWorkers }) : null,
    s.requiredServiceAreaId ? t("marketplace.reqArea") : null,
    s.minReputation !== null ? t("marketplace.reqReputation", { score: s.minReputation }) : null,
  ].filter((r): r is string => !!r);
  return (
    <>
      <p>
        <Link to="/market">{t("marketplace.marketTitle")}</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="row">
        <ServiceNeedStatus status={s.status} />
        <span className="badge">{t(`needs.category.${s.category}`)}</span>
      </p>
      {s.status === "withdrawn" ? <p role="status">{t("marketplace.withdrawnNotice", { reason: s.withdrawalReason ?? "" })}</p> : null}
      <p style={{ whiteSpace: "pre-wrap" }}>{s.description}</p>
      <dl>
        <dt>{t("marketplace.community")}</dt>
        <dd>
          {s.communityName}
          {s.placeName !== s.communityName ? ` / ${s.placeName}` : ""}
        </dd>
        <dt>{t("marketplace.postedBy")}</dt>
        <dd>
          {s.postedBy}
          {s.postedByCreditCode ? ` · ${t("marketplace.creditCode")} ${s.postedByCreditCode}` : ""}
        </dd>
        <dt>{t("marketplace.beneficiaries")}</dt>
        <dd>{t("marketplace.beneficiariesValue", { group: s.beneficiaryGroup, count: s.beneficiaryCount })}</dd>
        <dt>{t("marketplace.period")}</dt>
        <dd>
          {formatDate(s.periodStart, locale)} – {formatDate(s.periodEnd, locale)}
        </dd>
        <dt>{t("marketplace.budget")}</dt>
        <dd>
          <Budget min={s.budgetMinFen} max={s.budgetMaxFen} />
        </dd>
        <dt>{t("marketplace.fundingSource")}</dt>
        <dd>{t(`marketplace.funding.${s.fundingSource}`)}</dd>
        <dt>{t("marketplace.deadline")}</dt>
        <dd>
          <time dateTime={new Date(s.proposalDeadline).toISOString()}>{formatDateTime(s.proposalDeadline, locale)}</time>
        </dd>
        <dt>{t("marketplace.requirements")}</dt>
        <dd>{requirements.length ? requirements.join("；") : t("marketplace.reqNone")}</dd>
      </dl>
      {s.requiresCouncilApproval ? <p className="muted">{t("marketplace.councilApproval")}</p> : null}
      {unmet && unmet.length === 0 ? (
        <p>
          <Link className="button" to={`/proposals/new?serviceNeedId=${s.id}`}>
            {t("marketplace.writeProposal")}
          </Link>
        </p>
      ) : null}
      {s.status === "selected" ? (
        <p>
          <Link to={`/proposals/results/${s.id}`}>{t("marketplace.selectionResult")}</Link>
        </p>
      ) : null}
      {unmet && unmet.length ? (
        <ul className="card" aria-label={t("marketplace.requirements")}>
          {unmet.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      ) : null}
      {s.questions.length ? (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t("marketplace.questionsToAnswer")}</h2>
          <ol>
            {s.questions.map((q) => (
              <li key={q.id}>{q.text}</li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="qa-heading" id="qa">
        <h2 id="qa-heading">{t("marketplace.qaTitle")}</h2>
        {s.qa.length === 0 ? <p className="muted">{t("marketplace.qaNone")}</p> : null}
        <ul style={{ listStyle: "none", padding: 0 }}>
          {s.qa.map((c) => (
            <li key={c.id} className="card">
              <p>
                <strong>{t("marketplace.qaQuestion")}：</strong>
                {c.question}
              </p>
              <p>
                <strong>{t("marketplace.qaAnswer")}：</strong>
                {c.answer}
              </p>
            </li>
          ))}
        </ul>
        {canAsk ? null : <FormError failure={result} />}
        {canAsk ? (
          <Form method="post" className="stack" noValidate>
            <h3>{t("marketplace.askTitle")}</h3>
            <p className="muted">{t("marketplace.askHint")}</p>
            {result && "done" in result ? <p role="status">{t(result.done)}</p> : <FormError failure={result} />}
            <TextArea name="question" label={t("marketplace.askLabel")} required maxLength={500} rows={3} error={errors.question} />
            <button type="submit" disabled={busy}>
              {t("marketplace.askSubmit")}
            </button>
          </Form>
        ) : s.status === "published" || s.status === "evaluating" ? (
          s.open ? null : <p className="muted">{t("marketplace.askClosed")}</p>
        ) : null}
      </section>
    </>
  );
}
