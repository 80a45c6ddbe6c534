// A fund manager opens a campaign (募捐项目): a goal, a deadline, its purpose and, if any, the public
// resident need it answers. Published at once, or kept as a draft that only the fund's people see.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { campaigns, needs } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { authorizeOnFund } from "./access.server";
import type { CreateCampaignInput } from "./schemas";

export async function createCampaign(options: { actor: Actor | null; fundId: string; input: CreateCampaignInput }) {
  const { fundId, input } = options;
  return db().transaction(async (tx) => {
    const { actor, fund } = await authorizeOnFund(tx, { actor: options.actor, fundId, permission: "fund.manage" });
    if (input.needId) {
      // Only a public need can be shown on a public campaign page; a community's fund serves its own community.
      const [need] = await tx.select({ communityId: needs.communityId }).from(needs).where(and(eq(needs.id, input.needId), eq(needs.isPublic, true)));
      if (!need || (fund.communityId && need.communityId !== fund.communityId)) throw badInput({ needId: "funds.needNotLinkable" });
    }
    const id = newId();
    const status = input.publish ? ("active" as const) : ("draft" as const);
    await tx.insert(campaigns).values({
      id,
      fundId,
      title: input.title,
      purpose: input.purpose,
      goalFen: input.goal,
      deadline: new Date(input.deadline.getTime() + 24 * 3600_000 - 1000), // to the end of that day in Beijing
      needId: input.needId ?? null,
      status,
      createdBy: actor.userId,
    });
    await recordAudit(tx, { actorId: actor.userId, action: "campaign.create", entityType: "campaign", entityId: id, toState: status, detail: { fundId, goalFen: String(input.goal) } });
    return { campaignId: id };
  });
}
