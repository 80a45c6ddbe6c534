// /funds/<id>/manage/campaigns: a manager (or the accountant) starts a campaign (募捐项目), published
// at once or kept as a draft.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ManageHeading } from "~/components/funds/manage-heading";
import { fieldErrors, FormError, SelectField, TextArea, TextField } from "~/components/ui/field";
import { fundForPage } from "~/domains/funds/access.server";
import { createCampaign } from "~/domains/funds/create-campaign.server";
import { linkableNeeds } from "~/domains/funds/queries.server";
import { createCampaignSchema } from "~/domains/funds/schemas";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "发起募捐项目 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const { fund } = await fundForPage(actor, params.fundId ?? "", "fund.manage");
    return { fund: { id: fund.id, name: fund.name }, needs: await linkableNeeds(fund) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, createCampaignSchema);
    const { campaignId } = await createCampaign({ actor, fundId: params.fundId ?? "", input });
    return redirect(`/campaigns/${campaignId}`);
  });
}

export default function NewCampaign() {
  const t = useT();
  const { fund, needs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <ManageHeading fund={fund} title={t("funds.campaignTitleNew")} />
      <Form method="post" className="stack" noValidate aria-label={t("funds.campaignTitleNew")}>
        <FormError failure={result} />
        <TextField name="title" label={t("funds.campaignTitleField")} required maxLength={60} error={errors.title} />
        <TextArea name="purpose" label={t("funds.campaignPurposeField")} required maxLength={2000} error={errors.purpose} />
        <TextField name="goal" label={t("funds.campaignGoalField")} hint={t("funds.amountHint")} required inputMode="decimal" error={errors.goal} />
        <TextField name="deadline" type="date" label={t("funds.campaignDeadlineField")} required error={errors.deadline} />
        <SelectField
          name="needId"
          label={t("funds.campaignNeedField")}
          defaultValue=""
          error={errors.needId}
          options={[{ value: "", label: t("funds.campaignNoNeed") }, ...needs.map((n) => ({ value: n.id, label: n.title }))]}
        />
        <div className="field">
          <label>
            <input type="checkbox" name="publish" defaultChecked /> {t("funds.campaignPublish")}
          </label>
        </div>
        <button type="submit" disabled={busy}>
          {t("funds.campaignSubmit")}
        </button>
      </Form>
    </>
  );
}
