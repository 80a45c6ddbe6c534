// /community/<id>/service-needs/new — staff post a service need, on its own or from a decided
// need of the community (?fromNeed=<id> fills the form in from it).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ServiceNeedForm } from "~/components/marketplace/service-need-form";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { draftServiceNeed } from "~/domains/marketplace/post-service-need.server";
import { publishServiceNeed } from "~/domains/marketplace/publish-service-need.server";
import { newServiceNeedValues, serviceNeedFormOptions } from "~/domains/marketplace/queries.server";
import { serviceNeedSchema } from "~/domains/marketplace/schemas";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "发布服务需求 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  const communityId = params.communityId ?? "";
  return runLoader(request, async () => {
    assertCommunityStaff(actor, communityId);
    const fromNeed = new URL(request.url).searchParams.get("fromNeed") ?? undefined;
    const [options, values] = await Promise.all([serviceNeedFormOptions(communityId), newServiceNeedValues(communityId, fromNeed)]);
    return { ...options, values };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  const communityId = params.communityId ?? "";
  return runAction(async () => {
    const form = await readForm(request);
    const input = parseInput(serviceNeedSchema, form);
    const { id } = await draftServiceNeed({ actor, communityId, input });
    // A refused publication leaves the saved draft, where the message shows beside the field.
    if (textField(form, "_intent") === "publish") await publishServiceNeed({ actor, serviceNeedId: id }).catch(() => undefined);
    return redirect(`/community/${communityId}/service-needs/${id}${textField(form, "_intent") === "publish" ? "?publish=1" : ""}`);
  });
}

export default function NewServiceNeed() {
  const t = useT();
  const { community, places, areas, decidedNeeds, values } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/community/${community.id}/service-needs`}>{t("marketplace.staffTitle")}</Link>
      </p>
      <h1>{t("marketplace.staffNew")}</h1>
      {decidedNeeds.length ? (
        <form method="get" className="row" style={{ alignItems: "end" }}>
          <div className="field">
            <label htmlFor="fromNeed">{t("marketplace.fromNeed")}</label>
            <select id="fromNeed" name="fromNeed" defaultValue={values.needId ?? ""}>
              {decidedNeeds.map((n) => (
                <option key={n.value} value={n.value}>
                  {n.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t("marketplace.fromNeedPrefill")}</button>
        </form>
      ) : null}
      <ServiceNeedForm key={values.needId ?? "blank"} values={values} communityName={community.name} places={places} areas={areas} decidedNeeds={decidedNeeds} result={result} />
    </>
  );
}
