// /funds/<id>/manage/disburse: a manager proposes a payment, on the authority of a residents' vote
// whose winning option spends from this fund (within its ceiling) or a board resolution with its
// document; a second person approves it on the manage page before it is posted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { yuan } from "~/components/funds/ledger-table";
import { ManageHeading } from "~/components/funds/manage-heading";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { fundForPage } from "~/domains/funds/access.server";
import { disburse } from "~/domains/funds/disburse.server";
import { readFundForm } from "~/domains/funds/evidence.server";
import { disburseChoices, fundMoney } from "~/domains/funds/queries.server";
import { disburseSchema, EVIDENCE_ACCEPT, PAYEE_TYPES } from "~/domains/funds/schemas";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "登记支出 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const { fund } = await fundForPage(actor, params.fundId ?? "", "fund.disburse");
    return { fund: { id: fund.id, name: fund.name }, available: (await fundMoney(fund.id)).available, ...(await disburseChoices(fund)) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const fundId = params.fundId ?? "";
    const { input, evidence } = await readFundForm(request, disburseSchema);
    await disburse({ actor, fundId, input, evidence });
    return redirect(`/funds/${fundId}/manage?done=disbursed`);
  });
}

export default function Disburse() {
  const t = useT();
  const { fund, available, deliberations, orgs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <ManageHeading fund={fund} title={t("funds.disburseTitle")} intro={t("funds.disburseIntro")} />
      <p>
        {t("funds.available")} <strong>{yuan(available)}</strong>
      </p>
      <Form method="post" encType="multipart/form-data" className="stack" noValidate aria-label={t("funds.disburseTitle")}>
        <FormError failure={result} />
        <SelectField
          name="payeeType"
          label={t("funds.payeeType")}
          required
          defaultValue=""
          error={errors.payeeType}
          options={[{ value: "", label: t("funds.choosePayeeType") }, ...PAYEE_TYPES.map((p) => ({ value: p, label: t(`funds.payeeType.${p}`) }))]}
        />
        <SelectField
          name="payeeOrgId"
          label={t("funds.payeeOrg")}
          defaultValue=""
          error={errors.payeeOrgId}
          options={[{ value: "", label: t("funds.choosePayeeOrg") }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <TextField name="payeeName" label={t("funds.payeeName")} hint={t("funds.payeeNameHint")} maxLength={80} error={errors.payeeName} />
        <TextArea name="purpose" label={t("funds.disbursePurpose")} hint={t("funds.descriptionHint")} required maxLength={500} error={errors.purpose} />
        <TextField name="amount" label={t("funds.amount")} hint={t("funds.amountHint")} required inputMode="decimal" error={errors.amount} />
        <SelectField
          name="authority"
          label={t("funds.authority")}
          required
          defaultValue=""
          error={errors.authority}
          options={[
            { value: "", label: t("funds.chooseAuthority") },
            { value: "deliberation", label: t("funds.authority.deliberation") },
            { value: "board_approval", label: t("funds.authority.board_approval") },
          ]}
        />
        <SelectField
          name="deliberationId"
          label={t("funds.deliberation")}
          hint={deliberations.length === 0 ? t("funds.noPassedDeliberations") : undefined}
          defaultValue=""
          error={errors.deliberationId}
          options={[{ value: "", label: t("funds.chooseDeliberation") }, ...deliberations.map((d) => ({ value: d.id, label: t("funds.deliberationChoice", { question: d.question, option: d.option, ceiling: yuan(d.ceilingFen), remaining: yuan(d.remainingFen) }) }))]}
        />
        <TextField name="boardResolution" label={t("funds.boardResolution")} hint={t("funds.boardResolutionHint")} maxLength={200} error={errors.boardResolution} />
        <TextField name="evidence" type="file" accept={EVIDENCE_ACCEPT} label={t("funds.evidenceField")} hint={t("funds.disburseEvidenceHint")} required error={errors.evidence} />
        <button type="submit" disabled={busy}>
          {t("funds.disburseSubmit")}
        </button>
      </Form>
    </>
  );
}
