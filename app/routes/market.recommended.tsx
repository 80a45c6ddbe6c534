// /market/recommended — open service needs ranked by fit with the member's organisation, each with
// the reasons that make up its score (service area, delivered categories, certified staff, deadline).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ServiceNeedCard } from "~/components/marketplace/service-need-list";
import { providerOrgOf } from "~/domains/marketplace/ask-question.server";
import { recommendFor } from "~/domains/marketplace/recommend.server";
import { useT } from "~/utils/i18n";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "为您推荐 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const orgId = providerOrgOf(actor, new URL(request.url).searchParams.get("orgId") ?? undefined);
    const { org, recommendations } = await recommendFor(orgId);
    return {
      org,
      recommendations: recommendations.map((r) => ({ ...r, budgetMinFen: String(r.budgetMinFen), budgetMaxFen: String(r.budgetMaxFen) })),
    };
  });
}

export default function Recommended() {
  const t = useT();
  const { org, recommendations } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to="/market">{t("marketplace.marketTitle")}</Link>
      </p>
      <h1>{t("marketplace.recommendedTitle")}</h1>
      <p className="muted">{t("marketplace.recommendedIntro", { org: org.name })}</p>
      {recommendations.length === 0 ? (
        <p role="status">{t("marketplace.recommendedNone")}</p>
      ) : (
        <ol style={{ listStyle: "none", padding: 0 }}>
          {recommendations.map((r) => (
            <ServiceNeedCard key={r.id} need={r}>
              <p style={{ margin: "4px 0" }}>
                <strong>{t("marketplace.score", { score: r.score })}</strong>
              </p>
              <ul>
                {r.reasons.map((reason) => (
                  <li key={reason.key}>{t(reason.key, reason.params)}</li>
                ))}
              </ul>
            </ServiceNeedCard>
          ))}
        </ol>
      )}
    </>
  );
}
