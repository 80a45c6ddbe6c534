import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { orgForReview } from "~/domains/orgs/queries.server";
import { rejectOrg } from "~/domains/orgs/reject-org.server";
import { rejectOrgSchema } from "~/domains/orgs/schemas";
import { verifyOrg } from "~/domains/orgs/verify-org.server";
import { fieldErrors, FormError, TextArea } from "~/components/ui/field";
import { notFound } from "~/utils/errors";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "审核组织 · 三社联动平台" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "org.review");
    const org = await orgForReview(params.orgId!);
    if (!org) throw notFound();
    return { org };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const form = await readForm(request);
    const orgId = params.orgId!;
    const { name } =
      textField(form, "_intent") === "reject"
        ? await rejectOrg({ actor, orgId, reason: parseInput(rejectOrgSchema, form).reason })
        : await verifyOrg({ actor, orgId });
    return redirect(`/admin/orgs?decided=${encodeURIComponent(name)}`);
  });
}

export default function ReviewOrg() {
  const t = useT();
  const locale = useLocale();
  const { org } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p>
        <Link to="/admin/orgs">{t("orgs.backToQueue")}</Link>
      </p>
      <h1>{org.name}</h1>
      <p className="row">
        <span className="badge">{t(`orgs.kind.${org.kind}`)}</span>
        <span className="badge">{t(`orgs.status.${org.status}`)}</span>
      </p>
      <FormError failure={result} />
      <dl className="card">
        {org.registration === "registered" ? (
          <>
            <dt>{t("orgs.creditCode")}</dt>
            <dd>
              <code>{org.creditCode}</code>{" "}
              {org.creditCodeChecks === false ? <span className="badge warn">{t("orgs.needsManualCheck")}</span> : <span className="badge ok">{t("orgs.codeChecks")}</span>}
              {org.creditCodeChecks === false ? <p className="muted">{t("orgs.needsManualCheckHint")}</p> : null}
            </dd>
          </>
        ) : (
          <>
            <dt>{t("orgs.filingNumber")}</dt>
            <dd>
              {org.filingNumber} <p className="muted">{t("orgs.filedCheckHint")}</p>
            </dd>
            <dt>{t("orgs.filedWith")}</dt>
            <dd>{org.filedWith}</dd>
          </>
        )}
        <dt>{t("orgs.place")}</dt>
        <dd>{org.place}</dd>
        <dt>{t("orgs.serviceAreas")}</dt>
        <dd>{org.serviceAreas.length ? org.serviceAreas.join("；") : t("orgs.noServiceAreas")}</dd>
        <dt>{t("orgs.contactPhone")}</dt>
        <dd>{org.contactPhone ?? "—"}</dd>
        <dt>{t("orgs.registrant")}</dt>
        <dd>
          {org.registrant ? `${org.registrant.name}（${org.registrant.phone ?? org.registrant.email ?? ""}）` : "—"}
          {org.registrant ? <span className="muted"> · {formatDateTime(org.registrant.createdAt, locale)}</span> : null}
        </dd>
        <dt>{t("orgs.description")}</dt>
        <dd style={{ whiteSpace: "pre-line" }}>{org.description || t("orgs.noDescription")}</dd>
      </dl>
      {org.status === "pending" ? (
        <div className="stack">
          <Form method="post">
            <button type="submit" name="_intent" value="verify" disabled={busy}>
              {t("orgs.verify")}
            </button>
          </Form>
          <Form method="post" className="stack" noValidate>
            <TextArea name="reason" label={t("orgs.rejectReason")} hint={t("orgs.rejectReasonHint")} required error={errors.reason} />
            <button type="submit" name="_intent" value="reject" className="secondary" disabled={busy}>
              {t("orgs.reject")}
            </button>
          </Form>
        </div>
      ) : org.rejectionReason ? (
        <p className="form-error">{t("orgs.rejectedNote", { reason: org.rejectionReason })}</p>
      ) : null}
    </>
  );
}
