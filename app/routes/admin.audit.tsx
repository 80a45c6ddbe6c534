import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { listAudit } from "~/domains/audit/queries.server";
import { parseInput } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDateTime } from "~/utils/time";

export const meta: MetaFunction = () => [{ title: "审计日志 · 三社联动平台" }];

const filterSchema = z.object({
  entityType: z.string().max(40).optional(),
  entityId: z.string().max(80).optional(),
  before: z.coerce.number().int().positive().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "audit.view");
    const params = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
    return listAudit(parseInput(filterSchema, params));
  });
}

export default function AuditLog() {
  const t = useT();
  const locale = useLocale();
  const { rows, nextBefore } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextBefore) next.set("before", String(nextBefore));
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <Form method="get" className="row">
        <label htmlFor="entityType">{t("audit.filterEntity")}</label>
        <input id="entityType" name="entityType" defaultValue={params.get("entityType") ?? ""} style={{ maxWidth: 200 }} />
        <button type="submit">{t("audit.filter")}</button>
      </Form>
      {rows.length === 0 ? <p>{t("audit.empty")}</p> : null}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={t("audit.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("audit.at")}</th>
              <th scope="col">{t("audit.actor")}</th>
              <th scope="col">{t("audit.action")}</th>
              <th scope="col">{t("audit.entity")}</th>
              <th scope="col">{t("audit.from")}</th>
              <th scope="col">{t("audit.to")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at, locale)}</td>
                <td>{r.actorName ?? t("audit.system")}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>
                  {r.entityType} <span className="muted">{r.entityId.slice(0, 8)}</span>
                </td>
                <td>{r.fromState ?? "—"}</td>
                <td>{r.toState ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore ? <Link to={`?${next}`}>{t("pager.next")}</Link> : null}
    </>
  );
}
