// /community/<id>/needs/new — staff file a need at the counter for a registered resident
// (an elderly resident without a smartphone, say). The need is the resident's: they follow it.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RaiseNeedForm } from "~/components/needs/raise-need-form";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { readNeedForm } from "~/domains/needs/need-form.server";
import { communityPlaces, placeOptions } from "~/domains/needs/places.server";
import { fileNeedForResident } from "~/domains/needs/raise-need.server";
import { fileForResidentSchema } from "~/domains/needs/schemas";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "代居民登记诉求 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    assertCommunityStaff(actor, params.communityId ?? "");
    const scope = await communityPlaces(params.communityId ?? "");
    if (!scope) notFoundResponse();
    return { community: scope.community, places: placeOptions(scope) };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  const communityId = params.communityId ?? "";
  return runAction(async () => {
    assertCommunityStaff(actor, communityId);
    const { input, photos } = await readNeedForm(request, fileForResidentSchema);
    const { needId } = await fileNeedForResident({ actor, communityId, input, photos });
    return redirect(`/community/${communityId}/needs/${needId}`);
  });
}

export default function FileNeed() {
  const t = useT();
  const { community, places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to={`/community/${community.id}/needs`}>{t("needs.backToInbox")}</Link>
      </p>
      <h1>{t("needs.fileTitle", { community: community.name })}</h1>
      <p className="muted">{t("needs.fileIntro")}</p>
      <RaiseNeedForm communityName={community.name} places={places} forResident result={result} />
    </>
  );
}
