// /funds/<id>/manage: the fund's people (managers, the accountant, the supervisory committee): offline
// income waiting for a second person, what was decided, recent disbursements, campaigns, and the
// ways to record income, pay out, refund and start a campaign.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { yuan } from "~/components/funds/ledger-table";
import { fieldErrors, FormError, Notice } from "~/components/ui/field";
import { fundForPage } from "~/domains/funds/access.server";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { manageOverview } from "~/domains/funds/queries.server";
import { decideOfflineIncomeSchema } from "~/domains/funds/schemas";
import { parseForm, runAction } from "~/utils/forms.server";
import { useLocale, useT } from "~/utils/i18n";
import { requireActor, runLoader } from "~/utils/request.server";
import { formatDate, formatDateTime } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fund.name ?? "社区基金"} · 基金管理 · 三社联动平台` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context);
  return runLoader(request, async () => {
    const { fund, roles } = await fundForPage(actor, params.fundId ?? "", "fund.view");
    return manageOverview(fund, roles, actor);
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context);
  return runAction(async () => {
    const input = await parseForm(request, decideOfflineIncomeSchema);
    const decided = await decideOfflineIncome({ actor, input });
    return decided.status === "approved"
      ? { ok: true as const, incomeId: input.incomeId, done: "funds.approved", params: { seq: decided.entrySeq ?? 0 } }
      : { ok: true as const, incomeId: input.incomeId, done: "funds.rejected", params: {} };
  });
}

const DONE = ["incomeRecorded", "disbursed", "refunded"] as const;

export default function ManageFund() {
  const t = useT();
  const locale = useLocale();
  const { fund, roles, money, pending, decided, disbursements, campaigns, may } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const failedFor = fieldErrors(result);
  const done = result && "done" in result ? result : null;
  const base = `/funds/${fund.id}/manage`;
  // After a form elsewhere redirects back here: what was done, from a fixed list.
  const [search] = useSearchParams();
  const doneElsewhere = DONE.find((d) => d === search.get("done"));
  return (
    <>
      <p>
        <Link to={`/funds/${fund.id}`}>{t("funds.backToFund")}</Link>
      </p>
      <h1>{t("funds.manageTitle", { fund: fund.name })}</h1>
      <p className="muted">{t("funds.yourRoles", { roles: roles.map((r) => t(`funds.role.${r}`)).join("、") })}</p>
      <p>
        {t("funds.balance")} <strong>{yuan(money.balance)}</strong> · {t("funds.available")} {yuan(money.available)}
      </p>
      <nav aria-label={t("funds.manageTitle", { fund: fund.name })}>
        <ul className="row" style={{ listStyle: "none", padding: 0 }}>
          {may.record ? (
            <li>
              <Link className="button" to={`${base}/income`}>
                {t("funds.recordIncomeLink")}
              </Link>
            </li>
          ) : null}
          {may.disburse ? (
            <>
              <li>
                <Link className="button secondary" to={`${base}/disburse`}>
                  {t("funds.disburseLink")}
                </Link>
              </li>
              <li>
                <Link className="button secondary" to={`${base}/refund`}>
                  {t("funds.refundLink")}
                </Link>
              </li>
            </>
          ) : null}
          {may.record ? (
            <li>
              <Link className="button secondary" to={`${base}/campaigns`}>
                {t("funds.newCampaignLink")}
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>

      {doneElsewhere && !result ? (
        <Notice>{t(`funds.${doneElsewhere}`, { seq: search.get("seq") ?? "", original: search.get("original") ?? "" })}</Notice>
      ) : null}
      {done ? (
        <Notice>{t(done.done, done.params)}</Notice>
      ) : null}
      <FormError failure={result} />

      <section aria-labelledby="pending">
        <h2 id="pending">{t("funds.pendingTitle")}</h2>
        <p className="muted">{t("funds.pendingHint")}</p>
        {pending.length === 0 ? <p>{t("funds.pendingNone")}</p> : null}
        {pending.map((i) => (
          <article key={i.id} className="card" aria-labelledby={`income-${i.id}`}>
            <h3 id={`income-${i.id}`} style={{ marginTop: 0 }}>
              {t(`funds.source.${i.source}`)} · {yuan(i.amountFen)} · {i.payerName}
            </h3>
            <p>{i.description}</p>
            <p className="muted">
              {t("funds.receivedOn")} {formatDate(i.receivedOn, locale)} · {t("funds.recordedBy", { name: i.recorderName })} · {formatDateTime(i.createdAt, locale)}
              {i.hasEvidence ? (
                <>
                  {" · "}
                  <a href={`${base}/evidence/offline_income/${i.id}`} target="_blank" rel="noreferrer">
                    {t("funds.viewEvidence")}
                  </a>
                </>
              ) : null}
            </p>
            {i.mine ? (
              <p className="muted">{t("funds.yourOwnEntry")}</p>
            ) : may.approve ? (
              <Form method="post" className="stack" aria-labelledby={`income-${i.id}`}>
                <input type="hidden" name="incomeId" value={i.id} />
                <div className="field">
                  <label htmlFor={`reason-${i.id}`}>{t("funds.rejectReason")}</label>
                  <textarea
                    id={`reason-${i.id}`}
                    name="reason"
                    rows={2}
                    maxLength={500}
                    aria-invalid={failedFor.reason ? true : undefined}
                    aria-describedby={failedFor.reason ? `reason-${i.id}-error` : undefined}
                  />
                  {failedFor.reason ? (
                    <span className="error" id={`reason-${i.id}-error`} role="alert">
                      {t(failedFor.reason)}
                    </span>
                  ) : null}
                </div>
                <p className="row">
                  <button type="submit" name="decision" value="approve" disabled={busy}>
                    {t("funds.approve")}
                  </button>
                  <button type="submit" name="decision" value="reject" className="secondary" disabled={busy}>
                    {t("funds.reject")}
                  </button>
                </p>
              </Form>
            ) : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="decided">
        <h2 id="decided">{t("funds.decidedTitle")}</h2>
        <ul>
          {decided.map((i) => (
            <li key={i.id}>
              <span className={`badge ${i.status === "approved" ? "ok" : "danger"}`}>{t(`funds.status.${i.status}`)}</span> {t(`funds.source.${i.source}`)} · {yuan(i.amountFen)} ·{" "}
              {i.payerName} <span className="muted">· {t("funds.recordedBy", { name: i.recorderName })} · {t("funds.decidedBy", { name: i.deciderName ?? "" })}</span>
              {i.rejectionReason ? <div className="muted">{t("funds.rejectedBecause", { reason: i.rejectionReason })}</div> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="paid">
        <h2 id="paid">{t("funds.disbursementsTitle")}</h2>
        {disbursements.length === 0 ? <p className="muted">{t("funds.disbursementsNone")}</p> : null}
        <ul>
          {disbursements.map((d) => (
            <li key={d.id}>
              {formatDate(d.createdAt, locale)} · {yuan(d.amountFen)} → {d.payeeName} · {d.purpose}{" "}
              <span className="muted">
                ·{" "}
                {d.deliberationId ? (
                  <Link to={`/deliberations/${d.deliberationId}`}>{t("funds.authorityDeliberation")}</Link>
                ) : (
                  t("funds.authorityBoard", { resolution: d.boardResolution ?? "" })
                )}
              </span>
              {d.hasEvidence ? (
                <>
                  {" · "}
                  <a href={`${base}/evidence/disbursement/${d.id}`} target="_blank" rel="noreferrer">
                    {t("funds.viewEvidence")}
                  </a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="manage-campaigns">
        <h2 id="manage-campaigns">{t("funds.manageCampaigns")}</h2>
        {campaigns.length === 0 ? <p className="muted">{t("funds.campaignsNone")}</p> : null}
        <ul>
          {campaigns.map((c) => (
            <li key={c.id}>
              <Link to={`/campaigns/${c.id}`}>{c.title}</Link> <span className="badge">{t(`funds.campaignStatus.${c.status}`)}</span>{" "}
              <span className="muted">
                {t("funds.campaignDeadline")} {formatDate(c.deadline, locale)}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
