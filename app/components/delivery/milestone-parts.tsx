// The parts of a milestone page: a report version as everyone reads it, the organisation's report
// form, the residents' ratings and the payment line.
import { Form, Link } from "@remix-run/react";
import { TextArea, TextField, fieldErrors } from "~/components/ui/field";
import type { MilestonePageData } from "~/domains/delivery/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { formatDateTime } from "~/utils/time";
import type { SerializeFrom } from "@remix-run/node";

type Data = SerializeFrom<MilestonePageData>;
type Version = Data["versions"][number];

const yuan = (fen: number | string) => (Number(fen) / 100).toFixed(2);
const hours = (tenths: number) => (tenths / 10).toString();

export function ReportVersion({ version, budgetLines, milestoneId, projectId }: { version: Version; budgetLines: Data["project"]["budgetLines"]; milestoneId: string; projectId: string }) {
  const t = useT();
  const locale = useLocale();
  const budgetOf = (label: string) => budgetLines.find((b) => b.label === label)?.amountFen ?? 0;
  return (
    <article className="card" aria-labelledby={`version-${version.version}`}>
      <h3 id={`version-${version.version}`}>
        {t("delivery.version", { version: version.version })} <span className="badge">{t(`delivery.reportStatus.${version.status}`)}</span>
      </h3>
      {version.submittedAt ? <p className="muted">{t("delivery.submittedAt", { at: formatDateTime(version.submittedAt, locale) })}</p> : null}
      <h4>{t("delivery.narrative")}</h4>
      <p className="prewrap">{version.narrative}</p>
      <h4>{t("delivery.indicators")}</h4>
      <ul>
        {version.indicators.map((i, n) => (
          <li key={n}>{t("delivery.indicatorRow", { indicator: i.indicator, target: i.target, unit: i.unit, actual: i.actual })}</li>
        ))}
      </ul>
      {version.beneficiaries.length ? (
        <>
          <h4>{t("delivery.beneficiaries")}</h4>
          <ul>
            {version.beneficiaries.map((b, n) => (
              <li key={n}>{t("delivery.beneficiaryRow", { group: b.group, count: b.count })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <p>{t("delivery.hours", { hours: hours(version.serviceHoursTenths) })}</p>
      {version.spending.length ? (
        <>
          <h4>{t("delivery.spending")}</h4>
          <ul>
            {version.spending.map((s, n) => (
              <li key={n}>{t("delivery.spendingRow", { label: s.label, spent: formatFen(s.amountFen), budget: formatFen(budgetOf(s.label)) })}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h4>{t("delivery.evidence")}</h4>
      {version.evidence.length ? (
        <ul>
          {version.evidence.map((e) => (
            <li key={e.id}>
              <a href={`/projects/${projectId}/milestones/${milestoneId}/evidence/${e.id}`}>{e.fileName}</a>
              <span className="muted">
                {" · "}
                {e.takenAt ? t("delivery.evidenceTaken", { at: formatDateTime(e.takenAt, locale) }) : t("delivery.evidenceNoMeta")}
                {e.latitude !== null && e.longitude !== null ? ` · ${t("delivery.evidencePlace", { lat: e.latitude.toFixed(5), lon: e.longitude.toFixed(5) })}` : null}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t("delivery.evidenceCount", { count: version.evidenceCount })}</p>
      )}
    </article>
  );
}

/** A one-button form: the step named by its intent, nothing else to fill in. */
function IntentButton({ intent, label, busy }: { intent: string; label: string; busy: boolean }) {
  return (
    <Form method="post">
      <button type="submit" name="_intent" value={intent} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/** The organisation's draft: figures as a form, then evidence uploads, then submit. */
export function ReportForm({ data, result, busy }: { data: Data; result: unknown; busy: boolean }) {
  const t = useT();
  const errors = fieldErrors(result);
  const draft = data.versions.find((v) => v.status === "draft") ?? data.versions[0];
  const actuals = data.milestone.deliverables.map((d, i) => draft?.indicators[i]?.actual ?? 0);
  const groups = [...(draft?.beneficiaries ?? []), { group: "", count: "" }, { group: "", count: "" }].slice(0, 8);
  const spent = data.project.budgetLines.map((b) => draft?.spending.find((s) => s.label === b.label)?.amountFen ?? 0);
  const draftEvidence = data.versions.find((v) => v.status === "draft")?.evidence ?? [];
  return (
    <section aria-labelledby="report-form">
      <h2 id="report-form">{t("delivery.draftTitle")}</h2>
      <Form method="post" className="card stack">
        <TextArea name="narrative" label={t("delivery.narrativeLabel")} defaultValue={draft?.narrative ?? ""} error={errors.narrative} required rows={6} />
        {data.milestone.deliverables.map((d, i) => (
          <TextField key={i} name="actual" id={`actual-${i}`} label={t("delivery.actualLabel", { indicator: d.indicator, unit: d.unit, target: d.target })} inputMode="decimal" defaultValue={String(actuals[i])} error={errors[`actual.${i}`] ?? errors.actual} />
        ))}
        <fieldset>
          <legend>{t("delivery.beneficiaries")}</legend>
          <p className="hint">{t("delivery.groupHint")}</p>
          {groups.map((g, i) => (
            <div className="row" key={i}>
              <TextField name="group" id={`group-${i}`} label={t("delivery.groupLabel", { n: i + 1 })} defaultValue={g.group} error={i === 0 ? errors.group : undefined} />
              <TextField name="groupCount" id={`groupCount-${i}`} label={t("delivery.groupCountLabel", { n: i + 1 })} inputMode="numeric" defaultValue={String(g.count)} error={i === 0 ? errors.groupCount : undefined} />
            </div>
          ))}
        </fieldset>
        <TextField name="hours" label={t("delivery.hoursLabel")} inputMode="decimal" defaultValue={hours(draft?.serviceHoursTenths ?? 0)} error={errors.hours} />
        {data.project.budgetLines.map((b, i) => (
          <TextField key={i} name="spent" id={`spent-${i}`} label={t("delivery.spentLabel", { label: b.label, budget: formatFen(b.amountFen) })} inputMode="decimal" defaultValue={yuan(spent[i])} error={errors[`spent.${i}`] ?? errors.spent} />
        ))}
        <button type="submit" name="_intent" value="save" disabled={busy}>
          {t("delivery.saveDraft")}
        </button>
      </Form>
      <Form method="post" encType="multipart/form-data" className="card stack">
        <div className="field">
          <label htmlFor="attachment">{t("delivery.uploadLabel")}</label>
          <span className="hint" id="attachment-hint">
            {t("delivery.uploadHint")}
          </span>
          <input id="attachment" name="attachment" type="file" accept="image/jpeg,image/png,image/webp,application/pdf" aria-describedby="attachment-hint" required />
          {errors.attachment ? (
            <span className="error" role="alert">
              {t(errors.attachment)}
            </span>
          ) : null}
        </div>
        <button type="submit" disabled={busy}>
          {t("delivery.upload")}
        </button>
      </Form>
      {draftEvidence.length ? (
        <ul>
          {draftEvidence.map((e) => (
            <li key={e.id}>
              <Form method="post" className="row">
                <span>{e.fileName}</span>
                <input type="hidden" name="evidenceId" value={e.id} />
                <button type="submit" name="_intent" value="removeEvidence" className="secondary" aria-label={t("delivery.removeFile", { name: e.fileName })} disabled={busy}>
                  {t("proposals.attachmentRemoveButton")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
      {data.can.submit ? <IntentButton intent="submit" label={t("delivery.submit")} busy={busy} /> : null}
    </section>
  );
}

export function RatingList({ data, busy }: { data: Data; busy: boolean }) {
  const t = useT();
  const locale = useLocale();
  const average = data.summary.averageTenths === null ? "–" : (data.summary.averageTenths / 10).toFixed(1);
  return (
    <section aria-labelledby="ratings">
      <h2 id="ratings">{t("delivery.ratingsTitle")}</h2>
      {data.project.ratingBarTenths !== null ? <p>{t("delivery.ratingBar", { bar: (data.project.ratingBarTenths / 10).toFixed(1), households: data.project.ratingBarHouseholds ?? 1 })}</p> : null}
      {data.milestone.ratingOpensAt && data.milestone.ratingClosesAt ? (
        <p className="muted">{t("delivery.ratingWindow", { from: formatDateTime(data.milestone.ratingOpensAt, locale), to: formatDateTime(data.milestone.ratingClosesAt, locale) })}</p>
      ) : null}
      <p>{data.summary.count ? t("delivery.ratingSummary", { count: data.summary.count, average }) : t("delivery.noRatings")}</p>
      {data.summary.count ? (
        <ul className="row" style={{ listStyle: "none", padding: 0 }} aria-label={t("delivery.ratingDistribution")}>
          {data.distribution
            .map((households, i) => ({ score: i + 1, households }))
            .reverse()
            .map(({ score, households }) => (
              <li key={score}>{t("delivery.ratingDistributionItem", { score, households })}</li>
            ))}
        </ul>
      ) : null}
      {data.can.rate ? (
        <p>
          <Link to="rate">{t("delivery.rateLink")}</Link>
        </p>
      ) : null}
      <ul className="plain">
        {data.ratings.map((r) => (
          <li key={r.key}>
            <strong>{t("delivery.ratingScore", { score: r.score })}</strong> <span className="muted">{formatDateTime(r.createdAt, locale)}</span>
            {r.hidden ? <p className="muted">{t("delivery.hiddenComment")}</p> : r.comment ? <p>{r.comment}</p> : null}
            {data.can.hide && !r.hidden && r.comment ? (
              <Form method="post" className="row">
                <input type="hidden" name="ratingId" value={r.key} />
                <TextField name="reason" id={`reason-${r.key}`} label={t("delivery.hideReason")} required />
                <button type="submit" name="_intent" value="hide" className="secondary" disabled={busy}>
                  {t("delivery.hide")}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PaymentLine({ data, busy }: { data: Data; busy: boolean }) {
  const t = useT();
  const p = data.payment;
  return (
    <section aria-labelledby="payment">
      <h2 id="payment">{t("delivery.paymentTitle")}</h2>
      {!p ? <p>{t("delivery.paymentNone", { amount: formatFen(data.milestone.amountFen) })}</p> : null}
      {p?.method === "ledger" ? (
        <p>
          {t("delivery.paymentLedger", { amount: formatFen(p.amountFen) })} · <Link to={`/funds/${p.fundId}/ledger#entry-${p.entrySeq}`}>{t("delivery.paymentLedgerLink", { seq: p.entrySeq ?? "" })}</Link>
        </p>
      ) : null}
      {p?.method === "instruction" ? (
        <p>
          {p.status === "paid" ? t("delivery.paymentPaid", { amount: formatFen(p.amountFen) }) : t("delivery.paymentPayable", { amount: formatFen(p.amountFen) })}
          {p.bankReference ? ` · ${t("delivery.paymentReference", { reference: p.bankReference })}` : null}
        </p>
      ) : null}
      {data.can.recordBankPayment && p ? (
        <Form method="post" className="row">
          <input type="hidden" name="paymentId" value={p.id} />
          <TextField name="bankReference" label={t("delivery.bankReference")} required />
          <button type="submit" name="_intent" value="bankPaid" disabled={busy}>
            {t("delivery.recordPaid")}
          </button>
        </Form>
      ) : null}
      {data.can.release ? <IntentButton intent="release" label={t("delivery.release")} busy={busy} /> : null}
    </section>
  );
}
