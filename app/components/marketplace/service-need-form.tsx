// The service need's form, for a new draft and for editing one. Publishing is a second button of
// the same form: it saves, then checks everything again with the deadline ahead.
import { Form, useNavigation } from "@remix-run/react";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { NEED_CATEGORIES } from "~/domains/needs/categories";
import { FUNDING_SOURCES } from "~/domains/marketplace/schemas";
import { useT } from "~/utils/i18n";

type Option = { value: string; label: string };

export function ServiceNeedForm(props: {
  values: Record<string, string | undefined>;
  communityName: string;
  places: Option[];
  areas: Option[];
  decidedNeeds: Option[];
  result: unknown;
}) {
  const t = useT();
  const { values: v, result } = props;
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="stack" noValidate>
      <FormError failure={result} />
      {props.decidedNeeds.length ? (
        <SelectField name="needId" label={t("marketplace.fromNeed")} defaultValue={v.needId ?? ""} error={errors.needId} options={[{ value: "", label: t("marketplace.fromNeedNone") }, ...props.decidedNeeds]} />
      ) : null}
      <TextField name="title" label={t("marketplace.form.title")} required maxLength={60} defaultValue={v.title} error={errors.title} />
      <TextArea name="description" label={t("marketplace.form.description")} required maxLength={3000} defaultValue={v.description} error={errors.description} rows={6} />
      <SelectField name="category" label={t("marketplace.category")} required defaultValue={v.category ?? ""} error={errors.category} options={[{ value: "", label: t("marketplace.chooseCategory") }, ...NEED_CATEGORIES.map((c) => ({ value: c, label: t(`needs.category.${c}`) }))]} />
      <SelectField name="placeId" label={t("marketplace.form.place")} defaultValue={v.placeId ?? ""} error={errors.placeId} options={[{ value: "", label: `${props.communityName}（${t("marketplace.form.placeWhole")}）` }, ...props.places]} />
      <TextField name="beneficiaryGroup" label={t("marketplace.form.beneficiaryGroup")} hint={t("marketplace.form.beneficiaryGroupHint")} required maxLength={60} defaultValue={v.beneficiaryGroup} error={errors.beneficiaryGroup} />
      <TextField name="beneficiaryCount" label={t("marketplace.form.beneficiaryCount")} required inputMode="numeric" defaultValue={v.beneficiaryCount} error={errors.beneficiaryCount} />
      <TextField name="periodStart" type="date" label={t("marketplace.form.periodStart")} required defaultValue={v.periodStart} error={errors.periodStart} />
      <TextField name="periodEnd" type="date" label={t("marketplace.form.periodEnd")} required defaultValue={v.periodEnd} error={errors.periodEnd} />
      <TextField name="budgetMin" label={t("marketplace.form.budgetMin")} required inputMode="decimal" defaultValue={v.budgetMin} error={errors.budgetMin} />
      <TextField name="budgetMax" label={t("marketplace.form.budgetMax")} required inputMode="decimal" defaultValue={v.budgetMax} error={errors.budgetMax} />
      <SelectField name="fundingSource" label={t("marketplace.fundingSource")} required defaultValue={v.fundingSource ?? ""} error={errors.fundingSource} options={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`marketplace.funding.${f}`) }))} />
      <div className="field">
        <label>
          <input type="checkbox" name="verifiedOnly" defaultChecked={v.verifiedOnly === "on"} /> {t("marketplace.form.verifiedOnly")}
        </label>
      </div>
      <TextField name="minCertifiedWorkers" label={t("marketplace.form.minCertifiedWorkers")} inputMode="numeric" defaultValue={v.minCertifiedWorkers ?? "0"} error={errors.minCertifiedWorkers} />
      <TextField name="minReputation" label={t("marketplace.form.minReputation")} hint={t("marketplace.form.minReputationHint")} inputMode="numeric" defaultValue={v.minReputation ?? ""} error={errors.minReputation} />
      <SelectField name="requiredServiceAreaId" label={t("marketplace.form.requiredServiceArea")} defaultValue={v.requiredServiceAreaId ?? ""} error={errors.requiredServiceAreaId} options={[{ value: "", label: t("marketplace.form.noArea") }, ...props.areas]} />
      <TextField name="proposalDeadline" type="datetime-local" label={t("marketplace.form.deadline")} required defaultValue={v.proposalDeadline} error={errors.proposalDeadline} />
      <div className="field">
        <label>
          <input type="checkbox" name="requiresCouncilApproval" defaultChecked={v.requiresCouncilApproval === "on"} /> {t("marketplace.form.councilApproval")}
        </label>
      </div>
      <TextArea name="questions" label={t("marketplace.form.questions")} defaultValue={v.questions} error={errors.questions} rows={4} />
      <div className="row">
        <button type="submit" name="_intent" value="save" disabled={busy}>
          {t("marketplace.saveDraft")}
        </button>
        <button type="submit" name="_intent" value="publish" disabled={busy}>
          {t("marketplace.publish")}
        </button>
      </div>
    </Form>
  );
}
