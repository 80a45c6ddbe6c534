// Receipt numbers (捐赠收据编号): assigned once, when a donation succeeds, in a sequence per fund
// and year (Asia/Shanghai), e.g. 3F2A1C9B-2026-000123. Called under the fund's row lock, which
// orders the fund's postings, so two donations never take the same number.
import { and, desc, gt, lt } from "drizzle-orm";
import type { Tx } from "@db/client";
import { donations } from "@db/schema";
import { TIME_ZONE } from "~/utils/time";

/** The fund's part of its receipt numbers: the first eight letters and digits of its id. */
export const receiptPrefix = (fundId: string) => fundId.replace(/[^0-9a-z]/gi, "").slice(0, 8).toUpperCase();

// Made once: building an Intl.DateTimeFormat per call was 2% of the webhook's CPU (bench:ledger).
const chinaYear = new Intl.DateTimeFormat("en", { timeZone: TIME_ZONE, year: "numeric" });
export const yearInChina = (at: Date) => chinaYear.format(at);

export async function nextReceiptNumber(tx: Tx, fundId: string, at: Date): Promise<string> {
  const prefix = `${receiptPrefix(fundId)}-${yearInChina(at)}-`;
  // A range on the unique index rather than LIKE, which the index serves in any collation.
  const [last] = await tx
    .select({ number: donations.receiptNumber })
    .from(donations)
    .where(and(gt(donations.receiptNumber, prefix), lt(donations.receiptNumber, `${prefix}~`)))
    .orderBy(desc(donations.receiptNumber))
    .limit(1);
  const next = last?.number ? Number(last.number.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(next).padStart(6, "0")}`;
}
