// /community/<id>/households: the staff's view of their community: who waits for confirmation,
// the buildings with their numbers, one building's households, and adding a household.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { addHousehold } from "~/domains/households/add-household.server";
import { buildingHouseholds, communityHouseholds } from "~/domains/households/queries.server";
import { addHouseholdSchema } from "~/domains/households/schemas";
import { fieldErrors, FormError, SelectField, TextField } from "~/components/ui/field";
import { parseForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { notFoundResponse, requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "住户管理 · 三社联动平台" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "households.manage", { communityId: params.communityId });
    const overview = await communityHouseholds(params.communityId ?? "");
    if (!overview) notFoundResponse();
    const buildingId = new URL(request.url).searchParams.get("building");
    const building = buildingId ? overview.grids.flatMap((g) => g.buildings).find((b) => b.id === buildingId) : null;
    if (buildingId && !building) notFoundResponse();
    return { ...overview, building: building ? { id: building.id, name: building.name, households: await buildingHouseholds(building.id) } : null };
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, addHouseholdSchema);
    const { household, communityId } = await addHousehold({ actor, input });
    return redirect(`/community/${communityId}/households/${household.id}`);
  });
}

export default function CommunityHouseholds() {
  const t = useT();
  const locale = useLocale();
  const { community, grids, waiting, building } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = fieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const buildingOptions = grids.flatMap((g) => g.buildings.map((b) => ({ value: b.id, label: `${b.name}（${g.name}）` })));
  return (
    <>
      <p>
        <Link to="/community">{t("households.staffTitle")}</Link>
      </p>
      <h1>{t("households.title", { community: community.name })}</h1>

      {waiting.length > 0 ? (
        <section aria-labelledby="waiting">
          <h2 id="waiting">{t("households.waitingTitle", { count: waiting.length })}</h2>
          <p className="muted">{t("households.waitingHint")}</p>
          <ul>
            {waiting.map((w) => (
              <li key={w.userId}>
                {w.name} <span className="muted">{w.contact}</span> →{" "}
                <Link to={`/community/${community.id}/households/${w.householdId}`}>
                  {w.building} {w.label}
                </Link>{" "}
                <span className="muted">
                  · {t("households.since")} {formatDateTime(w.since, locale)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {building ? (
        // The table scrolls sideways where it is wider than the phone: focusable, so a keyboard can scroll it.
        <section aria-labelledby="building-households">
          <h2 id="building-households">{t("households.buildingTitle", { building: building.name })}</h2>
          {building.households.length === 0 ? (
            <p className="muted">{t("households.noHouseholds")}</p>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="building-households">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("households.label")}</th>
                    <th scope="col">{t("households.residents")}</th>
                    <th scope="col">{t("households.pending")}</th>
                    <th scope="col">{t("households.joinCode")}</th>
                  </tr>
                </thead>
                <tbody>
                  {building.households.map((h) => (
                    <tr key={h.id}>
                      <td>
                        <Link to={`/community/${community.id}/households/${h.id}`}>{h.label}</Link>
                      </td>
                      <td>{h.residents}</td>
                      <td>{h.pending > 0 ? <span className="badge warn">{h.pending}</span> : 0}</td>
                      <td>
                        <code>{h.joinCode}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}

      <section aria-labelledby="add-household">
        <h2 id="add-household">{t("households.addTitle")}</h2>
        {buildingOptions.length === 0 ? (
          <p className="muted">{t("households.noBuildings")}</p>
        ) : (
          <Form method="post" className="stack" noValidate aria-labelledby="add-household">
            <FormError failure={result} />
            <SelectField
              name="buildingId"
              label={t("households.building")}
              options={[{ value: "", label: t("households.chooseBuilding") }, ...buildingOptions]}
              defaultValue={building?.id ?? ""}
              key={building?.id ?? "none"}
              required
              error={errors.buildingId}
            />
            <TextField name="label" label={t("households.labelField")} hint={t("households.labelHint")} required maxLength={30} error={errors.label} />
            <button type="submit" disabled={busy}>
              {t("households.addSubmit")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="buildings">
        <h2 id="buildings">{t("households.buildingsTitle")}</h2>
        {grids.map((g) => (
          <div key={g.id}>
            <h3>{g.name}</h3>
            <ul>
              {g.buildings.map((b) => (
                <li key={b.id}>
                  <Link to={`?building=${b.id}`} aria-current={b.id === building?.id ? "page" : undefined}>
                    {b.name}
                  </Link>{" "}
                  <span className="muted">{t("households.buildingStats", { households: b.households, residents: b.residents })}</span>
                  {b.pending > 0 ? <span className="badge warn"> {t("households.pendingStats", { count: b.pending })}</span> : null}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </>
  );
}
