// /funds/<id>/manage/income: the accountant (or a manager) records offline income with its evidence;
// it waits for a second person's approval before it enters the ledger.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ManageHeading } from "~/components/funds/manage-heading";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { fundForPage } from "~/domains/funds/access.server";
import { readFundForm } from "~/domains/funds/evidence.server";
import { EVIDENCE_ACCEPT } from "~/domains/funds/schemas";
import { recordOfflineIncome } from "~/domains/funds/record-offline-income.server";
import { OFFLINE_SOURCES, recordOfflineIncomeSchema } from "~/domains/funds/schemas";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "录入线下收入 · 三社联动平台" }];

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const { fund } = await fundForPage(actor, params.fundId ?? "", "fund.manage");
    return { fund: { id: fund.id, name: fund.name }, today: today() };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const fundId = params.fundId ?? "";
    const { input, evidence } = await readFundForm(request, recordOfflineIncomeSchema);
    await recordOfflineIncome({ actor, fundId, input, evidence });
    return redirect(`/funds/${fundId}/manage?done=incomeRecorded`);
  });
}

export default function RecordIncome() {
  const t = useT();
  const { fund, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <ManageHeading fund={fund} title={t("funds.incomeTitle")} intro={t("funds.incomeIntro")} />
      <Form method="post" encType="multipart/form-data" className="stack" noValidate aria-label={t("funds.incomeTitle")}>
        <FormError failure={result} />
        <SelectField
          name="source"
          label={t("funds.source")}
          required
          error={errors.source}
          defaultValue=""
          options={[{ value: "", label: t("funds.chooseSource") }, ...OFFLINE_SOURCES.map((s) => ({ value: s, label: t(`funds.source.${s}`) }))]}
        />
        <TextField name="payerName" label={t("funds.payerName")} hint={t("funds.payerHint")} required maxLength={80} error={errors.payerName} />
        <TextField name="amount" label={t("funds.amount")} hint={t("funds.amountHint")} required inputMode="decimal" error={errors.amount} />
        <TextField name="receivedOn" type="date" label={t("funds.receivedOn")} required defaultValue={today} max={today} error={errors.receivedOn} />
        <TextArea name="description" label={t("funds.description")} hint={t("funds.descriptionHint")} required maxLength={500} error={errors.description} />
        <TextField name="evidence" type="file" accept={EVIDENCE_ACCEPT} label={t("funds.evidenceField")} hint={t("funds.evidenceHint")} required error={errors.evidence} />
        <button type="submit" disabled={busy}>
          {t("funds.incomeSubmit")}
        </button>
      </Form>
    </>
  );
}
