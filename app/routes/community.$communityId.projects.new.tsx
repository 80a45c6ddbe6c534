// /community/<id>/projects/new — staff start the project residents decided to pay for from their
// fund (民事民决 → 民事民办): who delivers it, the amount, the milestone and its evidence, and the
// residents' rating bar. The money moves only when the milestone is accepted.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { fieldErrors, FormError, SelectField, TextField } from "~/components/ui/field";
import { startProjectChoices } from "~/domains/delivery/queries.server";
import { startProjectSchema } from "~/domains/delivery/schemas";
import { startProjectFromDecision } from "~/domains/delivery/start-project.server";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "启动项目 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const communityId = params.communityId ?? "";
    authorize(actor, "deliberations.manage", { communityId });
    return { communityId, ...(await startProjectChoices(communityId)) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const communityId = params.communityId ?? "";
    authorize(actor, "deliberations.manage", { communityId });
    const input = await parseForm(request, startProjectSchema);
    const project = await startProjectFromDecision({ actor, communityId, input });
    return redirect(`/projects/${project.id}`);
  });
}

export default function StartProjectPage() {
  const t = useT();
  const { decisions, funds, orgs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  return (
    <>
      <h1>{t("delivery.startTitle")}</h1>
      <p>{t("delivery.startIntro")}</p>
      {decisions.length === 0 ? <p className="notice">{t("delivery.noDecisions")}</p> : null}
      {funds.length === 0 ? <p className="notice">{t("delivery.noFunds")}</p> : null}
      {decisions.length && funds.length ? (
        <Form method="post" className="card stack">
          <FormError failure={result} />
          <SelectField name="deliberationId" label={t("delivery.deliberationLabel")} options={decisions.map((d) => ({ value: d.id, label: d.question }))} defaultValue={search.get("deliberation") ?? undefined} error={errors.deliberationId} required />
          <SelectField name="fundId" label={t("delivery.fundLabel")} options={funds.map((f) => ({ value: f.id, label: t("delivery.fundOption", { name: f.name, available: formatFen(BigInt(f.available)) }) }))} error={errors.fundId} required />
          <SelectField name="providerOrgId" label={t("delivery.providerLabel")} options={orgs.map((o) => ({ value: o.id, label: o.name }))} error={errors.providerOrgId} required />
          <TextField name="title" label={t("delivery.titleLabel")} maxLength={100} error={errors.title} required />
          <TextField name="amount" label={t("delivery.amountLabel")} inputMode="decimal" error={errors.amount} required />
          <TextField name="budgetLabel" label={t("delivery.budgetLabelLabel")} maxLength={40} error={errors.budgetLabel} required />
          <TextField name="milestoneTitle" label={t("delivery.milestoneTitleLabel")} maxLength={60} error={errors.milestoneTitle} required />
          <TextField name="dueDate" type="date" label={t("delivery.dueDateLabel")} defaultValue={inTwoWeeks} error={errors.dueDate} required />
          <TextField name="indicator" label={t("delivery.indicatorLabel")} maxLength={30} error={errors.indicator} required />
          <TextField name="target" label={t("delivery.targetLabel")} inputMode="numeric" error={errors.target} required />
          <TextField name="unit" label={t("delivery.unitLabel")} maxLength={10} error={errors.unit} required />
          <TextField name="evidenceRequired" label={t("delivery.evidenceRequiredLabel")} maxLength={200} error={errors.evidenceRequired} />
          <SelectField
            name="ratingBar"
            label={t("delivery.ratingBarLabel")}
            options={[{ value: "none", label: t("delivery.ratingBarNone") }, ...["3.0", "3.5", "4.0"].map((bar) => ({ value: bar, label: t("delivery.ratingBarOption", { bar }) }))]}
            error={errors.ratingBar}
          />
          <TextField name="ratingHouseholds" label={t("delivery.ratingHouseholdsLabel")} inputMode="numeric" error={errors.ratingHouseholds} />
          <button type="submit" disabled={busy}>
            {t("delivery.start")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
