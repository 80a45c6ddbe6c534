// /admin/places (the cities) and /admin/places/<id> (one place and its children): the tree is
// walked one level at a time, never drawn whole.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { addPlace } from "~/domains/places/add-place.server";
import { childLevelOf } from "~/domains/places/levels";
import { childPlaces, trailsOf } from "~/domains/places/queries.server";
import { addPlaceSchema } from "~/domains/places/schemas";
import { fieldErrors, FormError, TextField, Notice } from "~/components/ui/field";
import { parseForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "地点管理 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "places.manage");
    const placeId = params.placeId ?? null;
    const trail = placeId ? (await trailsOf([placeId])).get(placeId) : [];
    if (!trail) notFoundResponse();
    const place = trail.at(-1) ?? null;
    const after = new URL(request.url).searchParams.get("after") ?? undefined;
    const { children, nextAfter } = await childPlaces(placeId, { after });
    const community = trail.find((p) => p.level === "community") ?? null;
    return { trail, place, childLevel: place ? childLevelOf(place.level) : "city", children, nextAfter, paged: !!after, communityId: community?.id ?? null };
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, addPlaceSchema);
    // The parent is the page's place: a form cannot add somewhere else by changing a hidden field.
    const place = await addPlace({ actor, input: { ...input, parentId: params.placeId } });
    return { ok: true as const, added: place.name };
  });
}

export default function PlacesAdmin() {
  const t = useT();
  const { trail, place, childLevel, children, nextAfter, paged, communityId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const added = result && "added" in result ? result.added : null;
  return (
    <>
      <nav aria-label={t("places.breadcrumb")}>
        <ol className="row crumbs" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          <li>
            <Link to="/admin/places">{t("places.top")}</Link>
          </li>
          {trail.map((p, i) => (
            <li key={p.id}>
              ›{" "}
              {i === trail.length - 1 ? (
                <span aria-current="page">{p.name}</span>
              ) : (
                <Link to={`/admin/places/${p.id}`}>{p.name}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h1>
        {place ? place.name : t("places.adminTitle")} {place ? <span className="badge">{t(`places.level.${place.level}`)}</span> : null}
      </h1>
      {place ? (
        <p className="row">
          <Link to={`/admin/places/${place.id}/edit`}>{t("places.edit")}</Link>
          {communityId && (place.level === "community" || place.level === "grid" || place.level === "building") ? (
            <Link to={`/community/${communityId}/households${place.level === "building" ? `?building=${place.id}` : ""}`}>{t("places.householdsLink")}</Link>
          ) : null}
        </p>
      ) : (
        <p className="muted">{t("places.adminIntro")}</p>
      )}

      {childLevel ? (
        <>
          <h2>{t("places.children")}</h2>
          {children.length === 0 ? <p className="muted">{t("places.noChildren")}</p> : null}
          <ul className="place-list">
            {children.map((c) => (
              <li key={c.id}>
                <Link to={`/admin/places/${c.id}`}>{c.name}</Link>{" "}
                <span className="muted">
                  {t(`places.level.${c.level}`)}
                  {c.level !== "building" ? ` · ${t("places.childCount", { count: c.childCount })}` : ""}
                </span>
              </li>
            ))}
          </ul>
          <p className="row">
            {paged ? <Link to="?">{t("places.firstPage")}</Link> : null}
            {nextAfter ? <Link to={`?after=${encodeURIComponent(nextAfter)}`}>{t("places.nextPage")}</Link> : null}
          </p>

          <h2 id="add-child">{t("places.addChild", { level: t(`places.level.${childLevel}`) })}</h2>
          {/* A new key after each success empties the form for the next one. */}
          <Form method="post" className="stack" noValidate key={added ?? "add"} aria-labelledby="add-child">
            {added ? (
              <Notice>{t("places.added", { name: added })}</Notice>
            ) : null}
            <FormError failure={result} />
            <input type="hidden" name="level" value={childLevel} />
            <TextField
              name="name"
              label={t("places.childName", { level: t(`places.level.${childLevel}`) })}
              hint={t("places.nameHint")}
              required
              maxLength={40}
              error={errors.name}
            />
            <button type="submit" disabled={busy}>
              {t("places.addChild", { level: t(`places.level.${childLevel}`) })}
            </button>
          </Form>
        </>
      ) : (
        <p className="muted">{t("places.buildingLeaf")}</p>
      )}
    </>
  );
}
