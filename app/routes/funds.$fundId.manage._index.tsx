// /funds/<id>/manage: the fund's people (managers, the accountant, the supervisory committee): offline
// income, disbursements and refunds waiting for a second person, what was decided, recent
// disbursements, campaigns, and the ways to record income, pay out, refund and start a campaign.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { DecideForm } from "~/components/funds/decide-form";
import { yuan } from "~/components/funds/ledger-table";
import { fieldErrors, FormError, Notice } from "~/components/ui/field";
import { fundForPage } from "~/domains/funds/access.server";
import { decideDisbursement } from "~/domains/funds/decide-disbursement.server";
import { decideOfflineIncome } from "~/domains/funds/decide-offline-income.server";
import { decideRefund } from "~/domains/funds/decide-refund.server";
import { manageOverview } from "~/domains/funds/queries.server";
import { decideDisbursementSchema, decideOfflineIncomeSchema, decideRefundSchema } from "~/domains/funds/schemas";
import { parseInput, readForm, runAction } from "~/utils/forms.server";
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
    // One page decides three kinds of entry; the hidden id field says which.
    const fields = await readForm(request);
    if (fields.disbursementId !== undefined) {
      const input = parseInput(decideDisbursementSchema, fields);
      const decided = await decideDisbursement({ actor, input });
      return decided.status === "approved"
        ? { ok: true as const, entryId: input.disbursementId, done: "funds.disbursementApproved", params: { seq: decided.entrySeq ?? 0 } }
        : { ok: true as const, entryId: input.disbursementId, done: "funds.outRejected", params: {} };
    }
    if (fields.refundId !== undefined) {
      const input = parseInput(decideRefundSchema, fields);
      const decided = await decideRefund({ actor, input });
      return decided.status === "approved"
        ? { ok: true as const, entryId: input.refundId, done: "funds.refundApproved", params: { seq: decided.entrySeq ?? 0, original: decided.originalSeq ?? 0 } }
        : { ok: true as const, entryId: input.refundId, done: "funds.outRejected", params: {} };
    }
    const input = parseInput(decideOfflineIncomeSchema, fields);
    const decided = await decideOfflineIncome({ actor, input });
    return decided.status === "approved"
      ? { ok: true as const, entryId: input.incomeId, done: "funds.approved", params: { seq: decided.entrySeq ?? 0 } }
      : { ok: true as const, entryId: input.incomeId, done: "funds.rejected", params: {} };
  });
}

const DONE = ["incomeRecorded", "disbursed", "refunded"] as const;

export default function ManageFund() {
  const t = useT();
  const locale = useLocale();
  const { fund, roles, money, pending, pendingOut, decided, disbursements, campaigns, may } = useLoaderData<typeof loader>();
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
              <DecideForm idField="incomeId" id={i.id} labelledBy={`income-${i.id}`} reasonError={failedFor.reason} busy={busy} />
            ) : null}
          </article>
        ))}
      </section>

      <section aria-labelledby="pending-out">
        <h2 id="pending-out">{t("funds.pendingOutTitle")}</h2>
        <p className="muted">{t("funds.pendingOutHint")}</p>
        {pendingOut.length === 0 ? <p>{t("funds.pendingOutNone")}</p> : null}
        {pendingOut.map((o) => (
          <article key={o.id} className="card" aria-labelledby={`out-${o.id}`}>
            <h3 id={`out-${o.id}`} style={{ marginTop: 0 }}>
              {o.kind === "disbursement"
                ? t("funds.pendingDisbursement", { amount: yuan(o.amountFen), payee: o.payeeName ?? "" })
                : t("funds.pendingRefund", { amount: yuan(o.amountFen), target: t(`funds.link.refund.${o.targetType}`) })}
            </h3>
            <p>{o.text}</p>
            <p className="muted">
              {o.kind === "disbursement" ? (
                <>
                  {o.deliberationId ? <Link to={`/deliberations/${o.deliberationId}`}>{t("funds.authorityDeliberation")}</Link> : t("funds.authorityBoard", { resolution: o.boardResolution ?? "" })}
                  {" · "}
                </>
              ) : null}
              {t("funds.proposedBy", { name: o.proposerName })} · {formatDateTime(o.createdAt, locale)}
              {o.hasEvidence ? (
                <>
                  {" · "}
                  <a href={`${base}/evidence/${o.kind}/${o.id}`} target="_blank" rel="noreferrer">
                    {t("funds.viewEvidence")}
                  </a>
                </>
              ) : null}
            </p>
            {o.mine ? (
              <p className="muted">{t("funds.yourOwnEntry")}</p>
            ) : may.approve ? (
              <DecideForm idField={o.kind === "disbursement" ? "disbursementId" : "refundId"} id={o.id} labelledBy={`out-${o.id}`} reasonError={failedFor.reason} busy={busy} />
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
              {d.status === "rejected" ? <span className="badge danger">{t("funds.status.rejected")}</span> : null} {formatDate(d.createdAt, locale)} · {yuan(d.amountFen)} → {d.payeeName} ·{" "}
              {d.purpose}{" "}
              <span className="muted">
                ·{" "}
                {d.deliberationId ? (
                  <Link to={`/deliberations/${d.deliberationId}`}>{t("funds.authorityDeliberation")}</Link>
                ) : (
                  t("funds.authorityBoard", { resolution: d.boardResolution ?? "" })
                )}
              </span>
              {d.rejectionReason ? <div className="muted">{t("funds.rejectedBecause", { reason: d.rejectionReason })}</div> : null}
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
