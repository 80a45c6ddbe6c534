// /agreements/<id> — the service agreement (服务协议) for its two parties, each accepting it here.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { MilestoneList } from "~/components/proposals/proposal-summary";
import { ActionResult } from "~/components/ui/field";
import { acceptAgreement } from "~/domains/projects/accept-agreement.server";
import { agreementForParty } from "~/domains/projects/queries.server";
import { runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { formatDateTime } from "~/utils/time";
import { formatFen } from "~/utils/money";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "服务协议 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const view = await agreementForParty(actor, params.agreementId ?? "");
    if (!view) notFoundResponse();
    return view;
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const { project } = await acceptAgreement({ actor, agreementId: params.agreementId ?? "" });
    return { ok: true as const, done: project ? "proposals.agreementActiveNotice" : "proposals.agreementAcceptedNotice" };
  });
}

export default function AgreementPage() {
  const t = useT();
  const { agreement: a, need, purchaser, provider, plan, projectId, canAccept } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const locale = useLocale();
  const accepted = (at: string | Date | null) => (at ? t("proposals.acceptedAt", { at: formatDateTime(at, locale) }) : t("proposals.notYetAccepted"));
  return (
    <>
      <h1>{t("proposals.agreementTitle", { title: need.title })}</h1>
      <ActionResult result={result} />
      <dl className="card">
        <dt>{t("proposals.purchaser")}</dt>
        <dd>
          {purchaser.name} · {accepted(a.purchaserAcceptedAt)}
        </dd>
        <dt>{t("proposals.provider")}</dt>
        <dd>
          {provider.name} · {accepted(a.providerAcceptedAt)}
        </dd>
        <dt>{t("proposals.resultAmount")}</dt>
        <dd>{formatFen(a.amountFen)}</dd>
        <dt>{t("proposals.period")}</dt>
        <dd>
          {a.periodStart} – {a.periodEnd}
        </dd>
        <dt>{t("proposals.agreementStatusLabel")}</dt>
        <dd>{t(`proposals.agreementStatus.${a.status}`)}</dd>
      </dl>
      <h2>{t("proposals.milestonesLegend")}</h2>
      <MilestoneList milestones={plan} />
      {canAccept ? (
        <Form method="post">
          <button type="submit" disabled={busy}>
            {t("proposals.acceptButton")}
          </button>
        </Form>
      ) : null}
      {projectId ? (
        <p>
          <Link to={`/projects/${projectId}`}>{t("proposals.projectLink")}</Link>
        </p>
      ) : null}
    </>
  );
}
