// Votes that decided (or did not decide) to spend from a fund, for the disbursement tests.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationOptions, deliberations, fundRoles } from "@db/schema";
import { newId } from "~/utils/ids";
import { createDeliberation } from "./index";

/**
 * A passed deliberation of a community with two options: 申请社区微基金 (spending from `fundId` up to
 * `ceilingFen`) and 不处理 (spending nothing); `winner` says which one the residents chose.
 */
export async function decidedVote(options: { communityId: string; createdBy: string; fundId: string; ceilingFen: bigint; winner?: "spend" | "nothing"; question?: string }) {
  const vote = await createDeliberation({ communityId: options.communityId, createdBy: options.createdBy, question: options.question });
  const spendId = newId();
  const nothingId = newId();
  await db()
    .insert(deliberationOptions)
    .values([
      { id: spendId, deliberationId: vote.id, label: "申请社区微基金", position: 0, spendFundId: options.fundId, spendCeilingFen: options.ceilingFen },
      { id: nothingId, deliberationId: vote.id, label: "不处理", position: 1 },
    ]);
  const winningOptionId = (options.winner ?? "spend") === "spend" ? spendId : nothingId;
  await db().update(deliberations).set({ winningOptionId }).where(eq(deliberations.id, vote.id));
  return { ...vote, winningOptionId, spendOptionId: spendId, nothingOptionId: nothingId };
}

/** Gives a person one more role in a fund (a community's staff member made its manager too). */
export async function addFundRole(fundId: string, userId: string, role: "manager" | "accountant" | "supervisor") {
  await db().insert(fundRoles).values({ fundId, userId, role });
}
