// /needs — the public needs of every community, searchable in Chinese (路灯, 养老, even 治).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NeedFilters, Pager } from "~/components/needs/need-list";
import { PublicNeedList } from "~/components/needs/public-need-list";
import { publicNeeds } from "~/domains/needs/queries.server";
import { needFilterSchema } from "~/domains/needs/schemas";
import { useT } from "~/utils/i18n";

export const meta: MetaFunction = () => [{ title: "居民诉求 · 三社联动平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const filter = needFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return publicNeeds(filter);
}

export default function PublicNeeds() {
  const t = useT();
  const { needs, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("needs.listTitle")}</h1>
      <p className="muted">{t("needs.listIntro")}</p>
      <p>
        <Link to="/needs/new">{t("needs.newLink")}</Link> · <Link to="/needs/mine">{t("needs.mineTitle")}</Link>
      </p>
      <NeedFilters />
      {needs.length === 0 ? (
        <p role="status">{t("needs.listEmpty")}</p>
      ) : (
        <PublicNeedList needs={needs} />
      )}
      <Pager page={page} hasMore={hasMore} />
    </>
  );
}
