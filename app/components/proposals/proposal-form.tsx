// The proposal form: plain fields named budget.0.amount, milestones.1.deliverables.0.target…, so it
// works without JavaScript and by keyboard; spare empty rows are ignored on the server.
import { Form } from "@remix-run/react";
import { FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import type { ProposalFormValues } from "~/domains/proposals/form-values";
import { BUDGET_CATEGORIES } from "~/domains/proposals/schemas";
import { useLocale, useT } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";
import { formatFen } from "~/utils/money";

const yuan = (fen: string | null | undefined) => (fen ? (Number(BigInt(fen)) / 100).toFixed(2) : "");
const pad = <T,>(rows: T[], n: number) => [...rows, ...Array.from({ length: Math.max(0, n - rows.length) }, () => undefined)];

export function ProposalForm(props: {
  values?: ProposalFormValues;
  questions: { id: string; text: string }[];
  orgs?: { id: string; name: string }[];
  errors: Record<string, string>;
  failure: unknown;
  busy: boolean;
  canWithdraw?: boolean;
}) {
  const t = useT();
  const { values, questions, errors, busy } = props;
  return (
    <Form method="post" className="stack" noValidate aria-label={t("proposals.formLabel")}>
      <FormError failure={props.failure} />
      {Object.entries(errors)
        .filter(([k]) => k.startsWith("requirement."))
        .map(([k, v]) => (
          <p key={k} className="error" role="alert">
            {t(v)}
          </p>
        ))}
      {props.orgs ? (
        <SelectField name="orgId" label={t("proposals.orgField")} required options={props.orgs.map((o) => ({ value: o.id, label: o.name }))} error={errors.orgId} />
      ) : null}
      <TextArea name="approach" label={t("proposals.approachField")} hint={t("proposals.approachHint")} defaultValue={values?.approach} error={errors.approach} rows={6} />

      <fieldset>
        <legend>{t("proposals.budgetLegend")}</legend>
        {errors.budget ? <p className="error" role="alert">{t(errors.budget)}</p> : null}
        <TextField name="total" label={t("proposals.totalField")} hint={t("proposals.totalHint")} inputMode="decimal" defaultValue={yuan(values?.totalFen)} error={errors.total} />
        {pad(values?.budget ?? [], Math.max(4, (values?.budget.length ?? 0) + 1)).map((line, i) => (
          <div key={i} className="card stack">
            <SelectField
              name={`budget.${i}.category`}
              label={t("proposals.budgetCategory", { n: i + 1 })}
              defaultValue={line?.category ?? ""}
              options={[{ value: "", label: t("proposals.chooseCategoryOption") }, ...BUDGET_CATEGORIES.map((c) => ({ value: c, label: t(`proposals.category.${c}`) }))]}
              error={errors[`budget.${i}.category`]}
            />
            <TextField name={`budget.${i}.description`} label={t("proposals.budgetDescription", { n: i + 1 })} defaultValue={line?.description} error={errors[`budget.${i}.description`]} />
            <TextField name={`budget.${i}.amount`} label={t("proposals.budgetAmount", { n: i + 1 })} inputMode="decimal" defaultValue={yuan(line?.amountFen)} error={errors[`budget.${i}.amount`]} />
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t("proposals.teamLegend")}</legend>
        <p className="muted">{t("proposals.teamHint")}</p>
        {errors.team ? <p className="error" role="alert">{t(errors.team)}</p> : null}
        {pad(values?.team ?? [], (values?.team.length ?? 0) + 2).map((m, i) => (
          <div key={i} className="card stack">
            {m?.userId ? <input type="hidden" name={`team.${i}.userId`} value={m.userId} /> : null}
            <TextField name={`team.${i}.name`} label={t("proposals.teamName", { n: i + 1 })} defaultValue={m?.name} error={errors[`team.${i}.name`] ?? errors[`team.${i}.userId`]} />
            <TextField name={`team.${i}.role`} label={t("proposals.teamRole", { n: i + 1 })} defaultValue={m?.role} error={errors[`team.${i}.role`]} />
          </div>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t("proposals.milestonesLegend")}</legend>
        {errors.milestones ? <p className="error" role="alert">{t(errors.milestones)}</p> : null}
        {pad(values?.milestones ?? [], Math.max(3, values?.milestones.length ?? 0)).map((m, i) => (
          <div key={i} className="card stack">
            <TextField name={`milestones.${i}.title`} label={t("proposals.milestoneTitle", { n: i + 1 })} defaultValue={m?.title} error={errors[`milestones.${i}.title`]} />
            <TextField name={`milestones.${i}.dueDate`} type="date" label={t("proposals.milestoneDate", { n: i + 1 })} defaultValue={m?.dueDate} error={errors[`milestones.${i}.dueDate`]} />
            <TextField
              name={`milestones.${i}.share`}
              label={t("proposals.milestoneShare", { n: i + 1 })}
              inputMode="decimal"
              defaultValue={m ? (m.paymentShareBp / 100).toString() : ""}
              error={errors[`milestones.${i}.share`]}
            />
            <TextField name={`milestones.${i}.deliverables.0.indicator`} label={t("proposals.indicator", { n: i + 1 })} hint={t("proposals.indicatorHint")} defaultValue={m?.deliverables[0]?.indicator} error={errors[`milestones.${i}.deliverables.0.indicator`] ?? errors[`milestones.${i}.deliverables`]} />
            <TextField name={`milestones.${i}.deliverables.0.target`} label={t("proposals.target", { n: i + 1 })} inputMode="numeric" defaultValue={m?.deliverables[0]?.target?.toString()} error={errors[`milestones.${i}.deliverables.0.target`]} />
            <TextField name={`milestones.${i}.deliverables.0.unit`} label={t("proposals.unit", { n: i + 1 })} defaultValue={m?.deliverables[0]?.unit} error={errors[`milestones.${i}.deliverables.0.unit`]} />
          </div>
        ))}
      </fieldset>

      {questions.length ? (
        <fieldset>
          <legend>{t("proposals.answersLegend")}</legend>
          {questions.map((q) => (
            <TextArea key={q.id} name={`answers.${q.id}`} label={q.text} defaultValue={values?.answers[q.id]} error={errors[`answers.${q.id}`]} />
          ))}
        </fieldset>
      ) : null}

      <div className="row">
        <button type="submit" name="_intent" value="save" disabled={busy}>
          {t("proposals.saveDraft")}
        </button>
        <button type="submit" name="_intent" value="submit" disabled={busy}>
          {t("proposals.submit")}
        </button>
        {props.canWithdraw ? (
          <button type="submit" name="_intent" value="withdraw" disabled={busy} className="secondary">
            {t("proposals.withdraw")}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

export function NeedFacts({ need }: { need: { budgetMinFen: bigint; budgetMaxFen: bigint; periodStart: string; periodEnd: string; proposalDeadline: Date | string } }) {
  const t = useT();
  const locale = useLocale();
  return (
    <p className="muted">
      {t("proposals.needFacts", {
        min: formatFen(need.budgetMinFen),
        max: formatFen(need.budgetMaxFen),
        start: need.periodStart,
        end: need.periodEnd,
        deadline: formatDateTime(need.proposalDeadline, locale),
      })}
    </p>
  );
}
