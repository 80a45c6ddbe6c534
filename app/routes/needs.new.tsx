// /needs/new — 民事民提: a resident raises a need for the community their household is in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RaiseNeedForm } from "~/components/needs/raise-need-form";
import { readNeedForm } from "~/domains/needs/need-form.server";
import { placeOptions } from "~/domains/needs/places.server";
import { raiseFormFor } from "~/domains/needs/queries.server";
import { raiseNeed } from "~/domains/needs/raise-need.server";
import { raiseNeedSchema } from "~/domains/needs/schemas";
import { runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { requireActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "提出诉求 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  const form = await raiseFormFor(actor);
  return form ? { communityName: form.scope.community.name, places: placeOptions(form.scope), defaultPlaceId: form.defaultPlaceId } : null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const { input, photos } = await readNeedForm(request, raiseNeedSchema);
    const { needId } = await raiseNeed({ actor, input, photos });
    return redirect(`/needs/mine?raised=${needId}`);
  });
}

export default function NewNeed() {
  const t = useT();
  const form = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <h1>{t("needs.newTitle")}</h1>
      {form ? (
        <>
          <p className="muted">{t("needs.newIntro")}</p>
          <RaiseNeedForm communityName={form.communityName} places={form.places} defaultPlaceId={form.defaultPlaceId} result={result} />
        </>
      ) : (
        <p>
          {t("needs.joinHouseholdFirst")} <Link to="/household/join">{t("needs.joinHouseholdLink")}</Link>
        </p>
      )}
    </>
  );
}
