import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { editOrg } from "~/domains/orgs/edit-org.server";
import { orgForEdit, placeOptions } from "~/domains/orgs/queries.server";
import { orgSchema } from "~/domains/orgs/schemas";
import { conflict, notFound } from "~/utils/errors";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { OrgForm } from "./orgs.new";

export const meta: MetaFunction = () => [{ title: "修改组织信息 · 三社联动平台" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const org = await orgForEdit(params.orgId!);
    if (!org) throw notFound();
    authorize(actor, "org.manage", { orgId: org.id });
    if (org.status === "verified") throw conflict("orgs.verifiedNotEditable");
    return { org, places: await placeOptions() };
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, orgSchema);
    await editOrg({ actor, orgId: params.orgId!, input });
    return redirect(`/orgs/${params.orgId}`);
  });
}

export default function EditOrg() {
  const t = useT();
  const { org, places } = useLoaderData<typeof loader>();
  const rejected = org.status === "rejected";
  return (
    <>
      <h1>{t("orgs.editTitle")}</h1>
      {rejected ? (
        <>
          <p className="form-error">{t("orgs.rejectedNote", { reason: org.rejectionReason ?? "" })}</p>
          <p className="muted">{t("orgs.editIntroRejected")}</p>
        </>
      ) : null}
      <OrgForm places={places} values={org} submitLabel={rejected ? t("orgs.submitResubmit") : t("orgs.submitEdit")} />
    </>
  );
}
