// What the journal says about each cause, in the ledger's own words. The journal's text is public and
// hash-chained, so it is written once, in Chinese, and never carries a resident's personal data.
import { PUBLIC_PAYER_SOURCES, type OfflineSource, type PayeeType } from "./schemas";

export const ANONYMOUS = "匿名";
export const INDIVIDUAL_PAYEE = "居民个人";

export const OFFLINE_SOURCE_NAMES: Record<OfflineSource, string> = {
  parking: "停车收入",
  recycling: "回收收入",
  cash_gift: "现金捐赠",
  enterprise_gift: "企业捐赠",
  other: "其他收入",
};

const sourceName = (source: string) => OFFLINE_SOURCE_NAMES[source as OfflineSource] ?? OFFLINE_SOURCE_NAMES.other;

export function offlineIncomeMemo(income: { source: string; description: string; receivedOn: Date }): string {
  const day = new Date(income.receivedOn.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return `${sourceName(income.source)}：${income.description}（${day} 收到）`;
}

/** Companies and the community's own operations are named; a person's gift is 匿名. */
export function offlineIncomeCounterparty(income: { source: string; payerName: string }): string {
  return PUBLIC_PAYER_SOURCES.includes(income.source as OfflineSource) ? income.payerName : ANONYMOUS;
}

/** An organisation by its full name; a resident paid in person is never named publicly. */
export function payeeCounterparty(payeeType: PayeeType, name: string): string {
  return payeeType === "individual" ? INDIVIDUAL_PAYEE : name;
}
