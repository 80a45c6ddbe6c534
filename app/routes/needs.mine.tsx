// /needs/mine — the needs a resident raised (or staff filed for them), each with its progress.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { StatusBadge, Timeline } from "~/components/needs/need-list";
import { myNeeds } from "~/domains/needs/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { requireActor } from "~/utils/request.server";
import { Notice } from "~/components/ui/field";

export const meta: MetaFunction = () => [{ title: "我的诉求 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return { needs: await myNeeds(actor.userId) };
}

export default function MyNeeds() {
  const t = useT();
  const locale = useLocale();
  const { needs } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <>
      <h1>{t("needs.mineTitle")}</h1>
      {params.get("raised") ? (
        <Notice>{t("needs.raised")}</Notice>
      ) : null}
      {params.get("withdrawn") ? (
        <Notice>{t("needs.withdrawn")}</Notice>
      ) : null}
      <p>
        <Link to="/needs/new" className="button">
          {t("needs.newLink")}
        </Link>
      </p>
      {needs.length === 0 ? <p className="muted">{t("needs.mineEmpty")}</p> : null}
      {needs.map((n) => (
        <section key={n.id} className="card" aria-labelledby={`need-${n.id}`}>
          <h2 id={`need-${n.id}`} style={{ marginTop: 0 }}>
            <Link to={`/needs/${n.id}`}>{n.title}</Link>
          </h2>
          <p className="row">
            <StatusBadge status={n.status} triage={n.triage} />
            <span className="badge">{t(`needs.category.${n.category}`)}</span>
            <span className="muted">
              {n.communityName} · {n.isPublic ? t("needs.public") : t("needs.private")}
            </span>
          </p>
          <h3>{t("needs.timeline")}</h3>
          <Timeline events={n.timeline} locale={locale} />
        </section>
      ))}
    </>
  );
}
