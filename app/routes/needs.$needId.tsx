// /needs/<id> — a need and its progress. Anyone may read a public need; a need that is not public
// is only its raiser's and the staff's to read (following grants no reading: ADR 0015), and a 404
// to everyone else. Nobody
// sees here who raised it, nor their household or building.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { PhotoGallery, StatusBadge, Timeline } from "~/components/needs/need-list";
import { FormError } from "~/components/ui/field";
import { needPage } from "~/domains/needs/queries.server";
import { withdrawNeed } from "~/domains/needs/withdraw-need.server";
import { runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.need.title ?? "诉求"} · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const page = await needPage(actor, params.needId ?? "");
    if (!page) notFoundResponse();
    return page;
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    await withdrawNeed({ actor, needId: params.needId ?? "" });
    return redirect("/needs/mine?withdrawn=1");
  });
}

export default function NeedPage() {
  const t = useT();
  const locale = useLocale();
  const { need, photos, timeline, mergedInto } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/needs">{t("needs.listTitle")}</Link>
      </p>
      <h1>{need.title}</h1>
      <p className="row">
        <StatusBadge status={need.status} triage={need.triage} />
        <span className="badge">{t(`needs.category.${need.category}`)}</span>
        <span className="muted">{t("needs.raisedAt", { at: formatDateTime(need.createdAt, locale) })}</span>
      </p>
      <p>
        {t("needs.community")}：<Link to={`/c/${need.communityId}`}>{need.communityName}</Link>
      </p>
      {mergedInto ? (
        <p className="notice">
          {t("needs.mergedInto")} <Link to={`/needs/${mergedInto.id}`}>{mergedInto.title}</Link>
        </p>
      ) : null}
      <p style={{ whiteSpace: "pre-wrap" }}>{need.description}</p>
      {photos.length ? (
        <section aria-labelledby="photos-title">
          <h2 id="photos-title">{t("needs.photos")}</h2>
          <PhotoGallery photos={photos} />
        </section>
      ) : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("needs.timeline")}</h2>
        <Timeline events={timeline} locale={locale} />
      </section>
      {need.canWithdraw ? null : <FormError failure={result} />}
      {need.canWithdraw ? (
        <Form method="post" className="stack">
          <FormError failure={result} />
          <p className="muted">{t("needs.withdrawHint")}</p>
          <button type="submit" className="secondary">
            {t("needs.withdraw")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
