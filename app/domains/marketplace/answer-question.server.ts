// Staff answer a question publicly: the question and answer appear on the service need's page
// without the asker, and every organisation taking part is told the same.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { serviceNeedClarifications } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, notFound } from "~/utils/errors";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertStaffOf, interestedOrgIds, lockServiceNeed, tellOrgs } from "./steps.server";

export async function answerQuestion(options: { actor: Actor | null; serviceNeedId: string; clarificationId: string; answer: string }) {
  const { actor } = options;
  authorize(actor, "account.use");
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, options.serviceNeedId);
    assertStaffOf(actor, serviceNeed);
    if (serviceNeed.status === "withdrawn") throw conflict("marketplace.notOpen");
    const [question] = await tx
      .select()
      .from(serviceNeedClarifications)
      .where(and(eq(serviceNeedClarifications.id, options.clarificationId), eq(serviceNeedClarifications.serviceNeedId, serviceNeed.id)))
      .for("update");
    if (!question) throw notFound();
    if (question.answer) throw conflict("marketplace.alreadyAnswered");
    await tx
      .update(serviceNeedClarifications)
      .set({ answer: options.answer, answeredBy: actor.userId, answeredAt: new Date() })
      .where(eq(serviceNeedClarifications.id, question.id));
    await recordAudit(tx, { actorId: actor.userId, action: "service_need.answer", entityType: "service_need_clarification", entityId: question.id, detail: { serviceNeedId: serviceNeed.id } });
    await tellOrgs(tx, `service_need.answer:${question.id}`, await interestedOrgIds(tx, serviceNeed.id), {
      kind: "service_need.answer",
      title: "marketplace.notifyAnswerTitle",
      body: "marketplace.notifyAnswerBody",
      params: { title: serviceNeed.title },
      link: `/market/${serviceNeed.id}#qa`,
    });
  });
}
