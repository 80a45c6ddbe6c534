// The public ledger as a table: date, kind, amount, counterparty, what it is linked to and the
// running balance. It scrolls sideways on a phone and is focusable so a keyboard can scroll it.
import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/utils/i18n";
import { formatFen } from "~/utils/money";
import { formatDate } from "~/utils/time";

export interface LedgerTableRow {
  seq: number;
  kind: string;
  memo: string;
  counterparty: string;
  occurredAt: Date | string;
  amount: string;
  /** Stripe's fee on an online donation, already taken from `amount` (a line of the same entry). */
  fee?: string;
  balance: string;
  link: { type: string; id?: string; label: string } | null;
}

export const yuan = (fen: string | number | bigint) => formatFen(BigInt(fen));

function Linked({ link }: { link: LedgerTableRow["link"] }) {
  const t = useT();
  if (!link) return null;
  if (link.type === "deliberation") return <Link to={`/deliberations/${link.id}`}>{t("funds.link.deliberation", { label: link.label })}</Link>;
  if (link.type === "campaign") return <Link to={`/campaigns/${link.id}`}>{t("funds.link.campaign", { label: link.label })}</Link>;
  if (link.type === "board") return <>{t("funds.link.board", { label: link.label })}</>;
  if (link.type === "refund") return <>{t(`funds.link.refund.${link.label}`)}</>;
  return <>{t(`funds.link.${link.type}`)}</>;
}

export function LedgerTable({ rows, labelledBy }: { rows: LedgerTableRow[]; labelledBy: string }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={labelledBy}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("funds.col.seq")}</th>
            <th scope="col">{t("funds.col.date")}</th>
            <th scope="col">{t("funds.col.kind")}</th>
            <th scope="col">{t("funds.col.amount")}</th>
            <th scope="col">{t("funds.col.counterparty")}</th>
            <th scope="col">{t("funds.col.memo")}</th>
            <th scope="col">{t("funds.col.link")}</th>
            <th scope="col">{t("funds.col.balance")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.seq} id={`entry-${r.seq}`}>
              <td>{r.seq}</td>
              <td>{formatDate(r.occurredAt, locale)}</td>
              <td>{t(`funds.entryKind.${r.kind}`)}</td>
              <td style={{ whiteSpace: "nowrap" }}>
                {BigInt(r.amount) > 0n ? `+${yuan(r.amount)}` : yuan(r.amount)}
                {r.fee && BigInt(r.fee) > 0n ? (
                  <>
                    <br />
                    <small className="muted">{t("funds.afterFee", { gift: yuan(BigInt(r.amount) + BigInt(r.fee)), fee: yuan(r.fee) })}</small>
                  </>
                ) : null}
              </td>
              <td>{r.counterparty}</td>
              <td>{r.memo}</td>
              <td>
                <Linked link={r.link} />
              </td>
              <td style={{ whiteSpace: "nowrap" }}>{yuan(r.balance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The holder organisation, by full name and 统一社会信用代码 (docs/product.md §6). */
export function Holder({ holder }: { holder: { id: string; name: string; creditCode: string | null } }) {
  const t = useT();
  return (
    <>
      <dt>{t("funds.holder")}</dt>
      <dd>
        <Link to={`/orgs/${holder.id}`}>{holder.name}</Link>
      </dd>
      <dt>{t("funds.creditCode")}</dt>
      <dd>{holder.creditCode ? <code>{holder.creditCode}</code> : <span className="muted">{t("funds.noCreditCode")}</span>}</dd>
    </>
  );
}

/** A campaign's progress toward its goal, donations and matched money together. */
export function CampaignProgress({ raised, matched, goal, id }: { raised: string; matched: string; goal: string; id: string }) {
  const t = useT();
  const total = BigInt(raised) + BigInt(matched);
  const max = Number(BigInt(goal) / 100n) || 1;
  const value = Math.min(max, Number(total / 100n));
  return (
    <div>
      <label htmlFor={`progress-${id}`} className="muted">
        {t("funds.campaignRaised", { raised: yuan(total), goal: yuan(goal) })}
      </label>
      <progress id={`progress-${id}`} max={max} value={value} style={{ width: "100%", display: "block" }}>
        {Math.round((value / max) * 100)}%
      </progress>
    </div>
  );
}
