// /c/<communityId> — a community's public page (居务公开): its open public needs.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CommunityTotals } from "~/components/dashboards/CommunityTotals";
import { Pager } from "~/components/needs/need-list";
import { PublicNeedList } from "~/components/needs/public-need-list";
import { communityTotals } from "~/domains/dashboards/queries.server";
import { communityPublicNeeds } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { useT } from "~/utils/i18n";
import { notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.community.name ?? ""} · 三社联动平台` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runLoader(request, async () => {
    const { page } = needFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const found = await communityPublicNeeds(params.communityId ?? "", page);
    if (!found) notFoundResponse();
    return { ...found, totals: await communityTotals(found.community.id) };
  });
}

export default function CommunityPage() {
  const t = useT();
  const { community, needs, page, hasMore, totals } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("needs.communityPageTitle", { community: community.name })}</h1>
      <section aria-labelledby="open-needs">
        <h2 id="open-needs">{t("needs.communityOpenNeeds")}</h2>
        {needs.length === 0 ? <p className="muted">{t("needs.communityNoOpenNeeds")}</p> : <PublicNeedList needs={needs} showCommunity={false} headingLevel={3} />}
        <Pager page={page} hasMore={hasMore} />
      </section>
      {totals ? <CommunityTotals totals={totals} /> : null}
    </>
  );
}
