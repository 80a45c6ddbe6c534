// /funds/<id>/manage/refund: a manager requests a refund of posted offline income or a donation,
// within policy and with evidence; a second person approves it on the manage page, and only then is
// it posted (a reversing entry; the original stays).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { yuan } from "~/components/funds/ledger-table";
import { ManageHeading } from "~/components/funds/manage-heading";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { fundForPage } from "~/domains/funds/access.server";
import { readFundForm } from "~/domains/funds/evidence.server";
import { recordRefund, REFUND_WINDOW_DAYS } from "~/domains/funds/record-refund.server";
import { fundMoney, refundChoices } from "~/domains/funds/queries.server";
import { EVIDENCE_ACCEPT, refundFormSchema } from "~/domains/funds/schemas";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "登记退款 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const { fund } = await fundForPage(actor, params.fundId ?? "", "fund.disburse");
    return { fund: { id: fund.id, name: fund.name }, available: (await fundMoney(fund.id)).available, ...(await refundChoices(fund)) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const fundId = params.fundId ?? "";
    const { input, evidence } = await readFundForm(request, refundFormSchema);
    await recordRefund({ actor, fundId, input, evidence });
    return redirect(`/funds/${fundId}/manage?done=refunded`);
  });
}

export default function Refund() {
  const t = useT();
  const { fund, available, incomes, donations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const options = [
    ...incomes.map((i) => ({ value: `offline_income:${i.id}`, label: t("funds.refundTargetIncome", { payer: i.payerName, amount: yuan(i.amountFen) }) })),
    ...donations.map((d) => ({ value: `donation:${d.id}`, label: t("funds.refundTargetDonation", { donor: d.donorName, amount: yuan(d.amountFen), refunded: yuan(d.refundedFen) }) })),
  ];
  return (
    <>
      <ManageHeading fund={fund} title={t("funds.refundTitle")} intro={t("funds.refundIntro", { days: REFUND_WINDOW_DAYS })} />
      <p>
        {t("funds.available")} <strong>{yuan(available)}</strong>
      </p>
      {options.length === 0 ? (
        <p>{t("funds.refundNone")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="stack" noValidate aria-label={t("funds.refundTitle")}>
          <FormError failure={result} />
          <SelectField name="target" label={t("funds.refundTarget")} required defaultValue="" error={errors.targetId ?? errors.targetType} options={[{ value: "", label: t("funds.chooseRefundTarget") }, ...options]} />
          <TextField name="amount" label={t("funds.amount")} hint={t("funds.amountHint")} required inputMode="decimal" error={errors.amount} />
          <TextArea name="reason" label={t("funds.refundReason")} hint={t("funds.descriptionHint")} required maxLength={500} error={errors.reason} />
          <TextField name="evidence" type="file" accept={EVIDENCE_ACCEPT} label={t("funds.evidenceField")} hint={t("funds.refundEvidenceHint")} required error={errors.evidence} />
          <button type="submit" disabled={busy}>
            {t("funds.refundSubmit")}
          </button>
        </Form>
      )}
    </>
  );
}
