// /market — open service needs of every community, searchable in Chinese and filtered by category,
// area, budget and deadline. Members of a social organisation also save searches here (a daily digest).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { MarketFilters, ServiceNeedCard } from "~/components/marketplace/service-need-list";
import { Pager } from "~/components/needs/need-list";
import { fieldErrors, FormError, TextField } from "~/components/ui/field";
import { PROVIDER_KINDS } from "~/domains/marketplace/eligibility.server";
import { marketPlaceOptions, searchMarket } from "~/domains/marketplace/queries.server";
import { deleteSavedSearch, mySavedSearches, saveSearch } from "~/domains/marketplace/saved-searches.server";
import { marketFilterSchema, savedSearchSchema } from "~/domains/marketplace/schemas";
import { rowId } from "~/domains/places/schemas";
import { textField } from "~/utils/form-decoder";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getActor } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "服务需求大厅 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  const filter = marketFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const isProvider = !!actor?.memberships.some((m) => PROVIDER_KINDS.includes(m.orgKind));
  const [found, places, saved] = await Promise.all([searchMarket(filter), marketPlaceOptions(), isProvider && actor ? mySavedSearches(actor.userId) : Promise.resolve(null)]);
  return { ...found, places, saved };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await getActor(context);
  return runAction(async () => {
    const form = await readForm(request);
    if (textField(form, "_intent") === "delete") {
      await deleteSavedSearch({ actor, savedSearchId: parseInput(rowId(), textField(form, "savedSearchId")) });
      return { ok: true as const, done: "marketplace.deleteSearch" as const };
    }
    const { name, orgId } = parseInput(savedSearchSchema, form);
    const filter = marketFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    await saveSearch({ actor, name, orgId, filter });
    return { ok: true as const, done: "marketplace.saved" as const };
  });
}

export default function Market() {
  const t = useT();
  const { serviceNeeds, page, hasMore, places, saved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const location = useLocation();
  const errors = fieldErrors(result);
  return (
    <>
      <h1>{t("marketplace.marketTitle")}</h1>
      <p className="muted">{t("marketplace.marketIntro")}</p>
      {saved ? (
        <p>
          <Link to="/market/recommended">{t("marketplace.recommendedTitle")}</Link>
        </p>
      ) : null}
      <MarketFilters places={places} />
      {serviceNeeds.length === 0 ? (
        <p role="status">{t("marketplace.noResults")}</p>
      ) : (
        <ul style={{ listStyle: "none", padding: 0 }}>
          {serviceNeeds.map((n) => (
            <ServiceNeedCard key={n.id} need={n} />
          ))}
        </ul>
      )}
      <Pager page={page} hasMore={hasMore} />
      {saved ? null : <FormError failure={result} />}
      {saved ? (
        <section aria-labelledby="saved-heading" className="card">
          <h2 id="saved-heading">{t("marketplace.savedTitle")}</h2>
          <p className="muted">{t("marketplace.savedHint")}</p>
          {result && "done" in result ? <p role="status">{t(result.done)}</p> : <FormError failure={result} />}
          <Form method="post" action={`/market${location.search}`} className="row" style={{ alignItems: "end" }} noValidate>
            <TextField name="name" label={t("marketplace.savedName")} required maxLength={40} error={errors.name} />
            <button type="submit" name="_intent" value="save" disabled={busy}>
              {t("marketplace.saveSearch")}
            </button>
          </Form>
          {saved.length === 0 ? (
            <p className="muted">{t("marketplace.savedNone")}</p>
          ) : (
            <ul>
              {saved.map((s) => (
                <li key={s.id} className="row">
                  <Link to={`/market?${s.query}`}>{s.name}</Link>
                  <Form method="post">
                    <input type="hidden" name="savedSearchId" value={s.id} />
                    <button type="submit" name="_intent" value="delete" className="secondary" aria-label={`${t("marketplace.deleteSearch")} ${s.name}`} disabled={busy}>
                      {t("marketplace.deleteSearch")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}
