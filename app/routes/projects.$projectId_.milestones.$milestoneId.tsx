// /projects/<id>/milestones/<id> — one milestone: what was promised, every report version, the
// acceptance (staff, then the 监委会 where the money is the community's own), the residents' ratings
// and the payment. Public without names; each party sees and does its own part.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PaymentLine, RatingList, ReportForm, ReportVersion } from "~/components/delivery/milestone-parts";
import { ActionResult, TextArea, fieldErrors } from "~/components/ui/field";
import { checkEvidenceUpload } from "~/domains/delivery/evidence.server";
import { recordBankPayment, retryRelease } from "~/domains/delivery/payments.server";
import { milestonePage } from "~/domains/delivery/queries.server";
import { hideRatingComment } from "~/domains/delivery/rate.server";
import { addEvidence, removeEvidence, saveDraft, submitReport } from "~/domains/delivery/reports.server";
import { acceptReport, cosignReport, requestChanges, type ReviewOutcome } from "~/domains/delivery/review.server";
import { acceptSchema, bankPaymentSchema, hideRatingSchema, reportDraftSchema, requestChangesSchema, REVIEW_ITEMS } from "~/domains/delivery/schemas";
import { attachmentUploadHandler } from "~/domains/proposals/attachments.server";
import { badInput } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { getActor, notFoundResponse, requireActor, runLoader } from "~/utils/request.server";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "项目阶段 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const page = await milestonePage(actor, params.projectId ?? "", params.milestoneId ?? "");
    if (!page) notFoundResponse();
    return page;
  });
}

/** The line a reviewer reads after acting: paid, payable, short, or what it still waits for. */
function reviewDone(outcome: ReviewOutcome, amountFen: bigint) {
  if (outcome.payment === "paid") return { ok: true as const, done: "delivery.paidNotice", params: { amount: formatFen(amountFen) } };
  if (outcome.payment === "payable") return { ok: true as const, done: "delivery.payableNotice" };
  if (outcome.payment === "insufficient") return { ok: true as const, done: "delivery.insufficientNotice" };
  if (outcome.waiting) return { ok: true as const, done: `delivery.waiting.${outcome.waiting}` };
  return { ok: true as const, done: "delivery.accepted" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  const milestoneId = params.milestoneId ?? "";
  return runAction(async () => {
    const page = await milestonePage(actor, params.projectId ?? "", milestoneId);
    if (!page) notFoundResponse();
    if ((request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) {
      const { handler, upload } = attachmentUploadHandler();
      await readForm(request, handler);
      const file = await checkEvidenceUpload(upload());
      if ("error" in file) throw badInput({ attachment: file.error });
      await addEvidence({ actor, milestoneId, file });
      return { ok: true as const, done: "delivery.uploaded" };
    }
    const input = await readForm(request);
    const amount = BigInt(page.milestone.amountFen);
    switch (textField(input, "_intent")) {
      case "save":
        await saveDraft({ actor, milestoneId, input: parseInput(reportDraftSchema, input) });
        return { ok: true as const, done: "delivery.draftSaved" };
      case "removeEvidence":
        await removeEvidence({ actor, milestoneId, evidenceId: textField(input, "evidenceId") });
        return { ok: true as const, done: "delivery.removed" };
      case "submit":
        await submitReport({ actor, milestoneId });
        return { ok: true as const, done: "delivery.submitted" };
      case "accept":
        return reviewDone(await acceptReport({ actor, milestoneId, comment: parseInput(acceptSchema, input).general }), amount);
      case "cosign":
        return reviewDone(await cosignReport({ actor, milestoneId, comment: parseInput(acceptSchema, input).general }), amount);
      case "requestChanges":
        await requestChanges({ actor, milestoneId, comments: parseInput(requestChangesSchema, input) });
        return { ok: true as const, done: "delivery.changesSent" };
      case "hide": {
        const { ratingId, reason } = parseInput(hideRatingSchema, input);
        await hideRatingComment({ actor, milestoneId, ratingId, reason });
        return { ok: true as const, done: "delivery.hidden" };
      }
      case "release":
        await retryRelease({ actor, milestoneId });
        return { ok: true as const, done: "delivery.paidNotice", params: { amount: formatFen(amount) } };
      case "bankPaid": {
        const { paymentId, bankReference } = parseInput(bankPaymentSchema, input);
        await recordBankPayment({ actor, milestoneId, paymentId, bankReference });
        return { ok: true as const, done: "delivery.recordedPaid" };
      }
      default:
        throw badInput({});
    }
  });
}

export default function MilestonePage() {
  const t = useT();
  const locale = useLocale();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = fieldErrors(result);
  const { project, milestone: m } = data;
  const submitted = data.versions.filter((v) => v.status !== "draft");
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}`}>{t("delivery.projectLink", { title: project.title })}</Link>
      </p>
      <h1>{t("delivery.milestoneHeading", { position: m.position, title: m.title })}</h1>
      <p className="row">
        <span className="badge">{t(`delivery.status.${m.status}`)}</span>
        {data.waiting ? <span>{t(`delivery.waiting.${data.waiting}`)}</span> : null}
      </p>
      <ActionResult result={result} />
      <dl className="card">
        <dt>{t("delivery.dueDate")}</dt>
        <dd>
          {formatDate(m.dueDate, locale)}
          {m.overdueSince ? ` · ${t("delivery.overdueSince", { date: formatDate(m.overdueSince, locale) })}` : null}
        </dd>
        <dt>{t("delivery.amount")}</dt>
        <dd>
          {formatFen(m.amountFen)} · {t("delivery.share", { percent: (m.paymentShareBp / 100).toString() })}
        </dd>
        <dt>{t("delivery.deliverables")}</dt>
        <dd>{m.deliverables.map((d) => t("delivery.deliverable", { indicator: d.indicator, target: d.target, unit: d.unit })).join("；")}</dd>
        {m.evidenceRequired ? (
          <>
            <dt>{t("delivery.evidenceExpected")}</dt>
            <dd>{m.evidenceRequired}</dd>
          </>
        ) : null}
      </dl>

      {data.can.draft ? <ReportForm data={data} result={result} busy={busy} /> : null}

      <section aria-labelledby="reports">
        <h2 id="reports">{t("delivery.reportsTitle")}</h2>
        {submitted.length === 0 ? <p className="muted">{t("delivery.noReports")}</p> : null}
        {submitted.map((v) => (
          <ReportVersion key={v.id} version={v} budgetLines={project.budgetLines} milestoneId={m.id} projectId={project.id} />
        ))}
      </section>

      {data.can.review || data.can.requestChanges ? (
        <section aria-labelledby="review">
          <h2 id="review">{t("delivery.reviewTitle")}</h2>
          {data.can.review ? (
            <Form method="post" className="card stack">
              <TextArea name="general" id="accept-general" label={t("delivery.acceptComment")} rows={2} />
              <button type="submit" name="_intent" value="accept" disabled={busy}>
                {t("delivery.accept")}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="card stack">
            <h3>{t("delivery.changesTitle")}</h3>
            <p className="hint">{t("delivery.changesHint")}</p>
            {["general", ...REVIEW_ITEMS].map((item) => (
              <TextArea key={item} name={item} id={`changes-${item}`} label={t(`delivery.changesFor.${item}`)} rows={2} error={errors[item]} />
            ))}
            <button type="submit" name="_intent" value="requestChanges" className="secondary" disabled={busy}>
              {t("delivery.sendBack")}
            </button>
          </Form>
        </section>
      ) : null}

      {data.can.cosign ? (
        <section aria-labelledby="cosign">
          <h2 id="cosign">{t("delivery.cosignTitle")}</h2>
          <p>{t("delivery.cosignHint")}</p>
          <Form method="post" className="card stack">
            <TextArea name="general" id="cosign-general" label={t("delivery.acceptComment")} rows={2} />
            <button type="submit" name="_intent" value="cosign" disabled={busy}>
              {t("delivery.cosign")}
            </button>
          </Form>
        </section>
      ) : null}

      {data.reviews.length ? (
        <section aria-labelledby="review-history">
          <h2 id="review-history">{t("delivery.reviewsTitle")}</h2>
          <ul className="plain">
            {data.reviews.map((r) => (
              <li key={r.id}>
                <strong>{t(`delivery.reviewKind.${r.kind}`)}</strong> <span className="muted">{t("delivery.reviewBy", { name: r.by, at: formatDateTime(r.createdAt, locale) })}</span>
                <ul>
                  {Object.entries(r.comments).map(([item, text]) => (
                    <li key={item}>
                      {t(`delivery.changesFor.${item}`)}：{text}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <RatingList data={data} busy={busy} />
      <PaymentLine data={data} busy={busy} />
    </>
  );
}
