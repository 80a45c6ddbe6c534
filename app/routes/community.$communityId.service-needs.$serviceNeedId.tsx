// /community/<id>/service-needs/<id> — staff manage one service need: edit and publish a draft;
// extend the deadline or withdraw it with a reason once published; answer questions publicly.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Budget, ServiceNeedStatus } from "~/components/marketplace/service-need-list";
import { ServiceNeedForm } from "~/components/marketplace/service-need-form";
import { fieldErrors, FormError, TextArea, TextField } from "~/components/ui/field";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { answerQuestion } from "~/domains/marketplace/answer-question.server";
import { extendDeadline } from "~/domains/marketplace/extend-deadline.server";
import { editServiceNeed } from "~/domains/marketplace/post-service-need.server";
import { assertPublishable, publishServiceNeed } from "~/domains/marketplace/publish-service-need.server";
import { serviceNeedFormOptions, staffServiceNeed } from "~/domains/marketplace/queries.server";
import { answerQuestionSchema, extendDeadlineSchema, serviceNeedSchema, toChinaDateTimeInput, withdrawSchema } from "~/domains/marketplace/schemas";
import { withdrawServiceNeed } from "~/domains/marketplace/withdraw-service-need.server";
import { isAppError } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "管理服务需求 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  const communityId = params.communityId ?? "";
  return runLoader(request, async () => {
    assertCommunityStaff(actor, communityId);
    const found = await staffServiceNeed(communityId, params.serviceNeedId ?? "");
    const isDraft = found.serviceNeed.status === "draft";
    // Back from "publish" on the new form: say here what stopped it.
    let publishProblems: Record<string, string> = {};
    if (isDraft && new URL(request.url).searchParams.get("publish")) {
      try {
        assertPublishable({ values: found.values, proposalDeadline: found.serviceNeed.proposalDeadline });
      } catch (error) {
        if (!isAppError(error)) throw error;
        publishProblems = (error.fieldErrors ?? {}) as Record<string, string>;
      }
    }
    return { ...found, options: isDraft ? await serviceNeedFormOptions(communityId) : null, publishProblems };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  const communityId = params.communityId ?? "";
  const serviceNeedId = params.serviceNeedId ?? "";
  return runAction(async () => {
    assertCommunityStaff(actor, communityId);
    // Another community's service need is not found under this address.
    await staffServiceNeed(communityId, serviceNeedId);
    const fields = await readForm(request);
    switch (textField(fields, "_intent")) {
      case "save":
      case "publish": {
        await editServiceNeed({ actor, serviceNeedId, input: parseInput(serviceNeedSchema, fields) });
        if (textField(fields, "_intent") === "save") return { ok: true as const, done: "marketplace.draftSaved" };
        await publishServiceNeed({ actor, serviceNeedId });
        return { ok: true as const, done: "marketplace.published" };
      }
      case "extend": {
        const { proposalDeadline } = parseInput(extendDeadlineSchema, fields);
        await extendDeadline({ actor, serviceNeedId, proposalDeadline });
        return { ok: true as const, done: "marketplace.extended" };
      }
      case "withdraw": {
        const { reason } = parseInput(withdrawSchema, fields);
        await withdrawServiceNeed({ actor, serviceNeedId, reason });
        return { ok: true as const, done: "marketplace.withdrawnDone" };
      }
      case "answer": {
        const { clarificationId, answer } = parseInput(answerQuestionSchema, fields);
        await answerQuestion({ actor, serviceNeedId, clarificationId, answer });
        return { ok: true as const, done: "marketplace.answered" };
      }
      default:
        return redirect(`/community/${communityId}/service-needs/${serviceNeedId}`);
    }
  });
}

export default function ManageServiceNeed() {
  const t = useT();
  const locale = useLocale();
  const { serviceNeed: s, values, clarifications, options, publishProblems } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = fieldErrors(result);
  const done = result && "done" in result ? result.done : null;
  const open = s.status === "published";
  const formResult = Object.keys(publishProblems).length ? { ok: false, message: "marketplace.fixErrors", fieldErrors: publishProblems } : result;
  return (
    <>
      <p className="row">
        <Link to={`/community/${s.communityId}/service-needs`}>{t("marketplace.staffTitle")}</Link>
        {s.status !== "draft" ? <Link to={`/market/${s.id}`}>{t("marketplace.publicPage")}</Link> : null}
        {s.status !== "draft" ? <Link to={`/community/${s.communityId}/service-needs/${s.id}/proposals`}>{t("marketplace.proposalsLink")}</Link> : null}
      </p>
      <h1>{s.title}</h1>
      <p className="row">
        <ServiceNeedStatus status={s.status} />
        <Budget min={s.budgetMinFen} max={s.budgetMaxFen} />
        <span>
          {t("marketplace.deadline")}: {formatDateTime(s.proposalDeadline, locale)}
        </span>
      </p>
      {done ? (
        <p role="status" className="badge ok">
          {t(done)}
        </p>
      ) : null}
      {s.status === "withdrawn" ? <p>{t("marketplace.withdrawnNotice", { reason: s.withdrawalReason ?? "" })}</p> : null}
      {/* The draft's form shows its own refusal; any other step's (extend, withdraw, answer) shows here. */}
      {s.status === "draft" && options ? null : <FormError failure={result} />}

      {s.status === "draft" && options ? (
        <section aria-labelledby="edit-heading">
          <h2 id="edit-heading">{t("marketplace.editTitle")}</h2>
          <ServiceNeedForm values={values} communityName={options.community.name} places={options.places} areas={options.areas} decidedNeeds={options.decidedNeeds} result={formResult} />
        </section>
      ) : null}

      {open ? (
        <section aria-labelledby="extend-heading" className="card">
          <h2 id="extend-heading">{t("marketplace.extendTitle")}</h2>
          <Form method="post" className="stack" noValidate>
            <TextField name="proposalDeadline" type="datetime-local" label={t("marketplace.form.deadline")} required defaultValue={toChinaDateTimeInput(new Date(s.proposalDeadline))} error={errors.proposalDeadline} />
            <button type="submit" name="_intent" value="extend" disabled={busy}>
              {t("marketplace.extendSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {s.status !== "withdrawn" && s.status !== "selected" ? (
        <section aria-labelledby="withdraw-heading" className="card">
          <h2 id="withdraw-heading">{t("marketplace.withdrawTitle")}</h2>
          <Form method="post" className="stack" noValidate>
            <TextArea name="reason" label={t("marketplace.withdrawReason")} required maxLength={500} error={errors.reason} rows={2} />
            <button type="submit" name="_intent" value="withdraw" className="secondary" disabled={busy}>
              {t("marketplace.withdrawSubmit")}
            </button>
          </Form>
        </section>
      ) : null}

      {s.status !== "draft" ? (
        <section aria-labelledby="questions-heading">
          <h2 id="questions-heading">{t("marketplace.questionsTitle")}</h2>
          {errors.answer ? (
            <p className="form-error" role="alert">
              {t(errors.answer)}
            </p>
          ) : null}
          {clarifications.length === 0 ? <p className="muted">{t("marketplace.questionsNone")}</p> : null}
          <ul style={{ listStyle: "none", padding: 0 }}>
            {clarifications.map((c) => (
              <li key={c.id} className="card">
                <p>
                  <strong>{t("marketplace.qaQuestion")}：</strong>
                  {c.question}
                </p>
                {c.answer ? (
                  <p>
                    <strong>{t("marketplace.qaAnswer")}：</strong>
                    {c.answer}
                  </p>
                ) : (
                  <Form method="post" className="stack" noValidate>
                    <input type="hidden" name="clarificationId" value={c.id} />
                    <div className="field">
                      <label htmlFor={`answer-${c.id}`}>{t("marketplace.answerLabel")}</label>
                      <textarea id={`answer-${c.id}`} name="answer" required rows={2} maxLength={2000} />
                    </div>
                    <button type="submit" name="_intent" value="answer" disabled={busy}>
                      {t("marketplace.answerSubmit")}
                    </button>
                  </Form>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
