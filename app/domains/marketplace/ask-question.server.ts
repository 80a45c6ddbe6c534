// 答疑: an organisation asks about a service need before its deadline. Who asked is kept for the
// record and never shown: staff answer publicly, to every bidder alike.
import { db } from "@db/client";
import { serviceNeedClarifications } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { staffOf } from "~/domains/needs/steps.server";
import { conflict, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import { PROVIDER_KINDS } from "./eligibility.server";
import { lockServiceNeed, tellOrgs } from "./steps.server";

/** The providing organisation the actor acts for: the one named, or their only one. */
export function providerOrgOf(actor: Actor, orgId?: string): string {
  const orgs = actor.memberships.filter((m) => PROVIDER_KINDS.includes(m.orgKind) && (!orgId || m.orgId === orgId));
  if (!orgs[0]) throw forbidden("marketplace.onlyOrgMembers");
  return orgs[0].orgId;
}

export async function askQuestion(options: { actor: Actor | null; serviceNeedId: string; question: string; orgId?: string; now?: Date }) {
  const { actor } = options;
  authorize(actor, "account.use");
  const orgId = providerOrgOf(actor, options.orgId);
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, options.serviceNeedId);
    if (serviceNeed.status === "draft") throw conflict("marketplace.notOpen");
    if (serviceNeed.status !== "published" || serviceNeed.proposalDeadline <= (options.now ?? new Date())) throw conflict("marketplace.questionsClosed");
    const id = newId();
    await tx.insert(serviceNeedClarifications).values({ id, serviceNeedId: serviceNeed.id, askedByOrgId: orgId, askedBy: actor.userId, question: options.question });
    await recordAudit(tx, { actorId: actor.userId, action: "service_need.question", entityType: "service_need_clarification", entityId: id, detail: { serviceNeedId: serviceNeed.id } });
    await tellOrgs(
      tx,
      `service_need.question:${id}`,
      [],
      {
        kind: "service_need.question",
        title: "marketplace.notifyQuestionTitle",
        body: "marketplace.notifyQuestionBody",
        params: { title: serviceNeed.title },
        link: `/community/${serviceNeed.communityId}/service-needs/${serviceNeed.id}`,
      },
      await staffOf(tx, "community_committee", serviceNeed.communityId),
    );
    return { id };
  });
}
