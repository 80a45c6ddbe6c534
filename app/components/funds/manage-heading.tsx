// The top of each form of a fund's management: the way back, the form's title, and what it is for.
import { Link } from "@remix-run/react";
import { useT } from "~/utils/i18n";

export function ManageHeading({ fund, title, intro }: { fund: { id: string; name: string }; title: string; intro?: string }) {
  const t = useT();
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}/manage`}>{t("funds.backToManage")}</Link>
      </p>
      <h1>{title}</h1>
      <p className="muted">{intro ? `${fund.name} · ${intro}` : fund.name}</p>
    </>
  );
}
