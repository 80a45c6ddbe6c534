// An organisation writes (or rewrites) its proposal for a service need until the deadline. Any
// member may save a draft, even before the organisation is verified; a proposal that was already
// submitted must stay complete, or the edit is refused beside the fields.
import { and, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { proposals } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, conflict, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { completenessErrors } from "./completeness";
import { writeContent } from "./content.server";
import { isOpenNeed, lockNeed } from "./need-lock.server";
import type { ProposalInput } from "./schemas";

export async function saveDraft(options: { actor: Actor | null; serviceNeedId: string; orgId: string; input: ProposalInput }) {
  const { actor, serviceNeedId, orgId, input } = options;
  if (!actor) throw forbidden();
  if (!actor.memberships.some((m) => m.orgId === orgId)) throw forbidden("proposals.notYourOrg");

  return db().transaction(async (tx) => {
    const { need, closed } = await lockNeed(tx, serviceNeedId, "share");
    if (!isOpenNeed(need.status)) throw conflict("proposals.needNotOpen");
    if (closed) throw conflict("proposals.deadlinePassed");

    const [existing] = await tx.select().from(proposals).where(and(eq(proposals.serviceNeedId, serviceNeedId), eq(proposals.orgId, orgId))).for("update");
    if (existing && !["draft", "submitted", "withdrawn"].includes(existing.status)) throw conflict("proposals.notEditable");
    // A withdrawn proposal written again before the deadline is a draft once more.
    const status = existing?.status === "submitted" ? "submitted" : "draft";
    const id = existing?.id ?? newId();
    if (!existing) await tx.insert(proposals).values({ id, serviceNeedId, orgId, createdBy: actor.userId, approach: input.approach });

    const { questionIds, totalFen } = await writeContent(tx, { id, orgId, serviceNeedId }, input);
    if (status === "submitted") {
      const errors = completenessErrors(input, need, questionIds, totalFen);
      if (Object.keys(errors).length) throw badInput(errors, "proposals.submittedMustStayComplete");
    }
    const [saved] = await tx.update(proposals).set({ approach: input.approach, totalFen, status, updatedAt: sql`now()` }).where(eq(proposals.id, id)).returning();
    await recordAudit(tx, {
      actorId: actor.userId,
      action: existing ? "proposal.edit" : "proposal.create",
      entityType: "proposal",
      entityId: id,
      fromState: existing?.status ?? null,
      toState: status,
      detail: { serviceNeedId, totalFen: totalFen.toString() },
    });
    return saved;
  });
}
