import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { reviewQueue } from "~/domains/orgs/queries.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";
import { Notice } from "~/components/ui/field";

export const meta: MetaFunction = () => [{ title: "组织审核 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "org.review");
    return { queue: await reviewQueue() };
  });
}

export default function ReviewQueue() {
  const t = useT();
  const locale = useLocale();
  const { queue } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const decided = params.get("decided");
  return (
    <>
      <h1>{t("orgs.reviewQueue")}</h1>
      {decided ? (
        <Notice>{t("orgs.decided", { name: decided })}</Notice>
      ) : null}
      <p className="muted">{t("orgs.reviewIntro")}</p>
      {queue.length === 0 ? <p>{t("orgs.queueEmpty")}</p> : null}
      <ul style={{ listStyle: "none", padding: 0 }}>
        {queue.map((o) => (
          <li key={o.id} className="card">
            <h2 style={{ marginTop: 0, fontSize: "1.05rem" }}>
              <Link to={`/admin/orgs/${o.id}`}>{o.name}</Link>
            </h2>
            <p className="row">
              <span className="badge">{t(`orgs.kind.${o.kind}`)}</span>
              <span className="badge">{t(`orgs.registrationShort.${o.registration}`)}</span>
              {o.creditCodeChecks === false ? <span className="badge warn">{t("orgs.needsManualCheck")}</span> : null}
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {o.registration === "registered" ? `${t("orgs.creditCode")}：${o.creditCode ?? ""}` : `${t("orgs.filingNumber")}：${o.filingNumber ?? ""}`}
            </p>
            <p className="muted" style={{ margin: 0 }}>
              {o.place} · {t("orgs.submittedAt")} {formatDateTime(o.createdAt, locale)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
