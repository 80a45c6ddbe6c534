// /community/<id>/needs/<needId> — one need as its community's staff see it: who raised it
// (masked), where, photos, the timeline; and the two things staff do to a new need here:
// triage it (小事 / 大事 / 私事) or fold it into a need it duplicates.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PhotoGallery, StatusBadge, Timeline } from "~/components/needs/need-list";
import { fieldErrors, FormError, SelectField, TextArea, Notice } from "~/components/ui/field";
import { assertCommunityStaff } from "~/domains/needs/access.server";
import { mergeNeeds } from "~/domains/needs/merge-needs.server";
import { isNeedOf, staffNeed } from "~/domains/needs/queries.server";
import { mergeSchema, TRIAGE_CLASSES, triageSchema } from "~/domains/needs/schemas";
import { triageNeed } from "~/domains/needs/triage-need.server";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { getActor, notFoundResponse, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.need.title ?? "诉求"} · 三事分流 · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  return runLoader(request, async () => {
    assertCommunityStaff(actor, params.communityId ?? "");
    const found = await staffNeed(params.communityId ?? "", params.needId ?? "");
    if (!found) notFoundResponse();
    return found;
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  return runAction(async () => {
    assertCommunityStaff(actor, params.communityId ?? "");
    const form = await readForm(request);
    const needId = params.needId ?? "";
    // The need must be this community's: another community's need is not found under this address.
    if (!(await isNeedOf(params.communityId ?? "", needId))) notFoundResponse();
    if (textField(form, "_intent") === "merge") {
      const { targetId } = parseInput(mergeSchema, form);
      await mergeNeeds({ actor, needId, targetId });
      return { ok: true as const, done: "needs.merged" };
    }
    const input = parseInput(triageSchema, form);
    await triageNeed({ actor, needId, input });
    return { ok: true as const, done: `needs.triaged.${input.triage}` };
  });
}

export default function StaffNeed() {
  const t = useT();
  const locale = useLocale();
  const { need, raiser, filedBy, mergeCandidates, photos, timeline } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = fieldErrors(result);
  const done = result && "done" in result ? result.done : null;
  const open = need.status === "submitted";
  return (
    <>
      <p>
        <Link to={`/community/${need.communityId}/needs`}>{t("needs.backToInbox")}</Link>
      </p>
      <h1>{need.title}</h1>
      {done ? (
        <Notice>{t(done)}</Notice>
      ) : null}
      <FormError failure={result} />
      <p className="row">
        <StatusBadge status={need.status} triage={need.triage} />
        <span className="badge">{t(`needs.category.${need.category}`)}</span>
        <span className="badge">{need.isPublic ? t("needs.public") : t("needs.private")}</span>
        <span className="muted">{t("needs.raisedAt", { at: formatDateTime(need.createdAt, locale) })}</span>
      </p>
      <dl>
        <dt>{t("needs.raisedBy")}</dt>
        <dd>
          {raiser ? `${raiser.name} ${raiser.contact}` : "—"}
          {filedBy ? <span className="muted"> · {t("needs.filedBy")}：{filedBy}</span> : null}
        </dd>
        <dt>{t("needs.household")}</dt>
        <dd>{raiser?.household ?? t("needs.noHousehold")}</dd>
        <dt>{t("needs.place")}</dt>
        <dd>{need.placeName}</dd>
      </dl>
      <p style={{ whiteSpace: "pre-wrap" }}>{need.description}</p>
      <PhotoGallery photos={photos} />

      {open ? (
        <section aria-labelledby="triage-title">
            <h2 id="triage-title">{t("needs.triageTitle")}</h2>
            <Form method="post" className="stack" noValidate>
              <fieldset aria-describedby={errors.triage ? "triage-error" : undefined}>
                <legend>{t("needs.triageChoice")}</legend>
                {TRIAGE_CLASSES.map((c) => (
                  <div key={c}>
                    <input type="radio" id={`triage-${c}`} name="triage" value={c} />{" "}
                    <label htmlFor={`triage-${c}`}>
                      <strong>{t(`needs.triage.${c}`)}</strong> <span className="muted">{t(`needs.triageHint.${c}`)}</span>
                    </label>
                  </div>
                ))}
                {errors.triage ? (
                  <span className="error" id="triage-error" role="alert">
                    {t(errors.triage)}
                  </span>
                ) : null}
              </fieldset>
              <TextArea name="note" label={t("needs.triageNote")} hint={t("needs.triageNoteHint")} maxLength={500} error={errors.note} />
              <button type="submit" name="_intent" value="triage" disabled={busy}>
                {t("needs.triageSubmit")}
              </button>
            </Form>
        </section>
      ) : (
        <p className="muted">{t("needs.actionsDone")}</p>
      )}

      {need.status === "submitted" || need.status === "triaged" ? (
        <section aria-labelledby="merge-title">
          <h2 id="merge-title">{t("needs.mergeTitle")}</h2>
          <p className="muted">{t("needs.mergeHint")}</p>
          {mergeCandidates.length === 0 ? (
            <p>{t("needs.noMergeCandidates")}</p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <SelectField
                name="targetId"
                label={t("needs.mergeTarget")}
                required
                defaultValue=""
                error={errors.targetId}
                options={[{ value: "", label: t("needs.chooseMergeTarget") }, ...mergeCandidates.map((c) => ({ value: c.id, label: `${c.title}（${formatDateTime(c.createdAt, locale)}）` }))]}
              />
              <button type="submit" name="_intent" value="merge" className="secondary" disabled={busy}>
                {t("needs.mergeSubmit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("needs.timeline")}</h2>
        <Timeline events={timeline} locale={locale} />
      </section>
    </>
  );
}
