// /proposals/results/<service need> — the public selection (公示): who won, the amount, the reasons.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { publicSelection } from "~/domains/proposals/queries.server";
import { useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { notFoundResponse, runLoader } from "~/utils/request.server";

export const meta: MetaFunction = () => [{ title: "评选结果公示 · 三社联动平台" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return runLoader(request, async () => {
    const selection = await publicSelection(params.serviceNeedId ?? "");
    if (!selection) notFoundResponse();
    return { selection };
  });
}

export default function SelectionResult() {
  const t = useT();
  const { selection: s } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("proposals.resultTitle", { title: s.title })}</h1>
      <dl className="card">
        <dt>{t("proposals.resultWinner")}</dt>
        <dd>
          <Link to={`/orgs/${s.orgId}`}>{s.orgName}</Link>
          {s.orgCreditCode ? ` · ${t("proposals.creditCode", { code: s.orgCreditCode })}` : null}
        </dd>
        <dt>{t("proposals.resultAmount")}</dt>
        <dd>{formatFen(s.amountFen)}</dd>
        <dt>{t("proposals.resultReasons")}</dt>
        <dd>{s.reasons}</dd>
        {s.councilApproval ? (
          <>
            <dt>{t("proposals.resultCouncil")}</dt>
            <dd>{s.councilApproval}</dd>
          </>
        ) : null}
      </dl>
      {s.projectId ? (
        <p>
          <Link to={`/projects/${s.projectId}`}>{t("proposals.projectLink")}</Link>
        </p>
      ) : null}
    </>
  );
}
