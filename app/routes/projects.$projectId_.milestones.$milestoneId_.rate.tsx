// /projects/<id>/milestones/<id>/rate — 民事民评: a resident rates the milestone for their household
// (one rating per household, public without names). Staff also get a QR code of this page to print
// for the building's notice board, so residents who never open the app can rate from their phone.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import QRCode from "qrcode";
import { ActionResult, TextArea, fieldErrors } from "~/components/ui/field";
import { milestonePage } from "~/domains/delivery/queries.server";
import { rateMilestone } from "~/domains/delivery/rate.server";
import { ratingSchema } from "~/domains/delivery/schemas";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { publicUrl } from "~/utils/env.server";
import { getActor, notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "居民评价 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    const page = await milestonePage(actor, params.projectId ?? "", params.milestoneId ?? "");
    if (!page) notFoundResponse();
    const url = `${publicUrl()}/projects/${page.project.id}/milestones/${page.milestone.id}/rate`;
    // The QR code is drawn on the server as SVG: no script, prints sharply at any size.
    const qr = page.roles.staff ? { url, svg: await QRCode.toString(url, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) } : null;
    return { project: page.project, milestone: page.milestone, can: page.can, myRating: page.myRating, inScope: page.inScope, signedIn: !!actor, qr };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const page = await milestonePage(actor, params.projectId ?? "", params.milestoneId ?? "");
    if (!page) notFoundResponse();
    const input = await parseForm(request, ratingSchema);
    await rateMilestone({ actor, milestoneId: page.milestone.id, input });
    return { ok: true as const, done: "delivery.rated" };
  });
}

export default function RatePage() {
  const t = useT();
  const { project, milestone, can, myRating, inScope, signedIn, qr } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const location = useLocation();
  const errors = fieldErrors(result);
  return (
    <>
      <p>
        <Link to={`/projects/${project.id}/milestones/${milestone.id}`}>{t("delivery.milestoneHeading", { position: milestone.position, title: milestone.title })}</Link>
      </p>
      <h1>{t("delivery.rateTitle", { milestone: milestone.title })}</h1>
      <p>{t("delivery.rateIntro", { project: project.title })}</p>
      <ActionResult result={result} />
      {!signedIn ? (
        <p>
          <Link to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("delivery.loginToRate")}</Link>
        </p>
      ) : myRating !== null ? (
        <p className="notice">{t("delivery.alreadyRated", { score: myRating })}</p>
      ) : !inScope ? (
        <p>{t("delivery.notInScope")}</p>
      ) : !can.rate ? (
        <p>{t("delivery.ratingNotOpen")}</p>
      ) : (
        <Form method="post" className="card stack">
          <fieldset aria-describedby={errors.score ? "score-error" : undefined}>
            <legend>{t("delivery.scoreLegend")}</legend>
            {[5, 4, 3, 2, 1].map((score) => (
              <label key={score} className="choice">
                <input type="radio" name="score" value={score} required /> {t(`delivery.score.${score}`)}
              </label>
            ))}
            {errors.score ? (
              <span className="error" id="score-error" role="alert">
                {t(errors.score)}
              </span>
            ) : null}
          </fieldset>
          <TextArea name="comment" label={t("delivery.commentLabel")} rows={3} maxLength={500} error={errors.comment} />
          <button type="submit" disabled={busy}>
            {t("delivery.rateSubmit")}
          </button>
        </Form>
      )}
      {qr ? (
        <section aria-labelledby="qr" className="card">
          <h2 id="qr">{t("delivery.qrTitle")}</h2>
          <p>{t("delivery.qrHint")}</p>
          <div className="qr" role="img" aria-label={t("delivery.qrAlt", { url: qr.url })} dangerouslySetInnerHTML={{ __html: qr.svg }} />
          <p className="muted">{qr.url}</p>
        </section>
      ) : null}
    </>
  );
}
