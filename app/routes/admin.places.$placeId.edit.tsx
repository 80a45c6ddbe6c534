// Rename a place, or move it (with everything below it) under another parent of the right level.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { parentLevelOf } from "~/domains/places/levels";
import { movePlace } from "~/domains/places/move-place.server";
import { findPlace, parentCandidates, trailsOf } from "~/domains/places/queries.server";
import { renamePlace } from "~/domains/places/rename-place.server";
import { movePlaceSchema, parentSearchSchema, renamePlaceSchema } from "~/domains/places/schemas";
import { fieldErrors, FormError, TextField, Notice } from "~/components/ui/field";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "重命名或移动地点 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "places.manage");
    const place = await findPlace(params.placeId ?? "");
    if (!place) notFoundResponse();
    const trail = (await trailsOf([place.id])).get(place.id) ?? [];
    const parentLevel = parentLevelOf(place.level);
    const { q } = parseInput(parentSearchSchema, Object.fromEntries(new URL(request.url).searchParams));
    const candidates = parentLevel ? await parentCandidates(place, parentLevel, q) : [];
    return { place: { id: place.id, name: place.name, level: place.level, parentId: place.parentId }, trail, parentLevel, candidates, q: q ?? "" };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const form = await readForm(request);
    const input = { ...form, placeId: params.placeId };
    if (textField(form, "_intent") === "move") {
      const moved = await movePlace({ actor, input: parseInput(movePlaceSchema, input) });
      const parent = await findPlace(moved.parentId ?? "");
      return { ok: true as const, intent: "move" as const, name: parent?.name ?? "" };
    }
    const renamed = await renamePlace({ actor, input: parseInput(renamePlaceSchema, input) });
    return { ok: true as const, intent: "rename" as const, name: renamed.name };
  });
}

export default function EditPlace() {
  const t = useT();
  const { place, trail, parentLevel, candidates, q } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const done = result && "intent" in result ? result : null;
  const parent = trail.at(-2);
  return (
    <>
      <p>
        <Link to={`/admin/places/${place.id}`}>{t("places.backToPlace", { name: place.name })}</Link>
      </p>
      <h1>{t("places.editTitle", { name: trail.map((p) => p.name).join(" / ") })}</h1>
      {done ? (
        <Notice>{t(done.intent === "move" ? "places.moved" : "places.renamed", { name: done.name })}</Notice>
      ) : null}
      <FormError failure={result} />

      <h2 id="rename">{t("places.rename")}</h2>
      <Form method="post" className="stack" noValidate aria-labelledby="rename">
        <input type="hidden" name="_intent" value="rename" />
        <TextField name="name" label={t("places.newName")} hint={t("places.nameHint")} defaultValue={place.name} required maxLength={40} error={errors.name} />
        <button type="submit" disabled={busy}>
          {t("places.rename")}
        </button>
      </Form>

      <h2 id="move">{t("places.move")}</h2>
      {parentLevel ? (
        <>
          <p>{t("places.moveHint", { name: place.name, level: t(`places.level.${parentLevel}`) })}</p>
          {parent ? <p className="muted">{t("places.currentParent", { name: parent.name })}</p> : null}
          <Form method="get" className="stack" aria-labelledby="move">
            <TextField name="q" type="search" label={t("places.searchParent")} hint={t("places.searchParentHint")} defaultValue={q} maxLength={40} />
            <button type="submit" className="secondary">
              {t("places.search")}
            </button>
          </Form>
          {candidates.length === 0 ? (
            <p className="muted">{t("places.noCandidates")}</p>
          ) : (
            <Form method="post" className="stack" noValidate>
              <input type="hidden" name="_intent" value="move" />
              <fieldset aria-describedby={errors.parentId ? "parentId-error" : undefined}>
                <legend>{t("places.newParent")}</legend>
                {candidates.map((c) => (
                  <div key={c.id}>
                    <input type="radio" id={`parent-${c.id}`} name="parentId" value={c.id} disabled={c.id === place.parentId} />{" "}
                    <label htmlFor={`parent-${c.id}`}>{c.trail.map((p) => p.name).join(" / ")}</label>
                  </div>
                ))}
                {errors.parentId ? (
                  <span className="error" id="parentId-error" role="alert">
                    {t(errors.parentId)}
                  </span>
                ) : null}
              </fieldset>
              <button type="submit" disabled={busy}>
                {t("places.moveSubmit")}
              </button>
            </Form>
          )}
        </>
      ) : (
        <p className="muted">{t("places.cityCannotMove")}</p>
      )}
    </>
  );
}
