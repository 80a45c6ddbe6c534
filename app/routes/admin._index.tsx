import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";
import { authorize } from "~/utils/permissions.server";
import { requireActor, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "管理 · 三社联动平台" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    authorize(actor, "org.review");
    return null;
  });
}

export default function AdminHome() {
  const t = useT();
  return (
    <>
      <h1>{t("nav.admin")}</h1>
      <ul>
        <li>
          <Link to="/admin/orgs">{t("orgs.reviewQueue")}</Link>
        </li>
        <li>
          <Link to="/admin/places">{t("places.adminTitle")}</Link>
        </li>
        <li>
          <Link to="/admin/audit">{t("audit.title")}</Link>
        </li>
        <li>
          <Link to="/dev/outbox">{t("outbox.title")}</Link>
        </li>
      </ul>
    </>
  );
}
