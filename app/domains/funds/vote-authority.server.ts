// 民事民决 means the residents decided this payment: a disbursement on a vote's authority needs the
// vote passed with a winning option that spends from this very fund, and all that is paid or waiting
// for approval on that vote stays within the ceiling residents saw when they voted. A winning
// 不处理 (or any option without spending) authorises nothing. The vote's row is locked first, so
// two disbursements on one vote queue and the second sees the first; the database's trigger
// (migrations 0012, 0019) holds the same line for anything that writes disbursements. A project
// started on the vote (delivery) commits its whole amount at once; its milestones pay within it.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { deliberationOptions, deliberations, type Fund } from "@db/schema";
import { AppError, badInput } from "~/utils/errors";
import { formatFen } from "~/utils/money";

export interface VoteAuthority {
  question: string;
  option: string;
  ceilingFen: bigint;
  /** Paid, waiting for approval or promised to a project on this vote, besides the disbursement being checked. */
  usedFen: bigint;
}

/** The vote's authority for `amount` more from `fund`, with the vote's row locked; a field error otherwise. */
export async function lockVoteAuthority(tx: Tx, options: { fund: Fund; deliberationId: string; amount: bigint; besides?: string }): Promise<VoteAuthority> {
  const { fund, deliberationId, amount } = options;
  const [d] = await tx
    .select({ communityId: deliberations.communityId, status: deliberations.status, question: deliberations.question, winningOptionId: deliberations.winningOptionId })
    .from(deliberations)
    .where(eq(deliberations.id, deliberationId))
    .for("update");
  if (!d || !fund.communityId || d.communityId !== fund.communityId) throw badInput({ deliberationId: "funds.deliberationOtherCommunity" });
  if (d.status !== "passed" || !d.winningOptionId) throw badInput({ deliberationId: "funds.deliberationNotPassed" });
  const [winner] = await tx
    .select({ label: deliberationOptions.label, fundId: deliberationOptions.spendFundId, ceilingFen: deliberationOptions.spendCeilingFen })
    .from(deliberationOptions)
    .where(eq(deliberationOptions.id, d.winningOptionId));
  if (!winner?.fundId || winner.ceilingFen === null) {
    throw new AppError("bad_input", { fieldErrors: { deliberationId: "funds.deliberationSpendsNothing" }, message: "funds.deliberationSpendsNothingForm", params: { option: winner?.label ?? "" } });
  }
  if (winner.fundId !== fund.id) throw badInput({ deliberationId: "funds.deliberationOtherFund" });
  // Paid or waiting on this vote, and projects started on it (the database's own definition, migration 0019).
  const [{ used }] = await tx.execute<{ used: string }>(sql`select vote_committed_fen(${deliberationId}, ${options.besides ?? null})::text as used`);
  const usedFen = BigInt(used);
  const remaining = winner.ceilingFen - usedFen;
  if (amount > remaining) {
    throw new AppError("bad_input", {
      fieldErrors: { amount: "funds.overVoteCeiling" },
      message: "funds.overVoteCeilingForm",
      params: { ceiling: formatFen(winner.ceilingFen), remaining: formatFen(remaining > 0n ? remaining : 0n) },
    });
  }
  return { question: d.question, option: winner.label, ceilingFen: winner.ceilingFen, usedFen };
}
