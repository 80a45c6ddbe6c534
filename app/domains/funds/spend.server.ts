// Money leaving a fund (a disbursement, a refund) comes out of its cash first, then out of what
// Stripe holds for it; never more than both together. Called under the fund's row lock (lockFund),
// so the balance read here cannot be spent by a concurrent request before this one commits.
import type { Tx } from "@db/client";
import { balanceOf, type LineInput } from "~/domains/ledger/post-entry.server";
import type { AccountCode } from "~/domains/ledger/accounts";
import { AppError } from "~/utils/errors";
import { formatFen } from "~/utils/money";

export async function spendingLines(tx: Tx, fundId: string, amount: bigint, expense: AccountCode): Promise<LineInput[]> {
  const cash = await balanceOf(tx, fundId, ["cash"]);
  const clearing = await balanceOf(tx, fundId, ["stripe_clearing"]);
  const available = (cash > 0n ? cash : 0n) + (clearing > 0n ? clearing : 0n);
  if (amount > available) {
    throw new AppError("bad_input", { fieldErrors: { amount: "funds.overBalance" }, message: "funds.overBalanceForm", params: { available: formatFen(available) } });
  }
  const fromCash = amount < cash ? amount : cash > 0n ? cash : 0n;
  const lines: LineInput[] = [{ account: expense, debit: amount }];
  if (fromCash > 0n) lines.push({ account: "cash", credit: fromCash });
  if (amount > fromCash) lines.push({ account: "stripe_clearing", credit: amount - fromCash });
  return lines;
}
