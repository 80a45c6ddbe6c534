// Publishing puts a draft on the marketplace. The whole form is checked again as it is stored,
// with the one rule a draft may break: the proposal deadline must still be ahead.
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { serviceNeedQuestions } from "@db/schema";
import { badInput } from "~/utils/errors";
import { parseInput } from "~/utils/forms.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { formValuesOf } from "./form-values";
import { serviceNeedSchema } from "./schemas";
import { assertStaffOf, lockServiceNeed, moveServiceNeed, scheduleDeadline } from "./steps.server";

/** Throws what stops a draft from being published, beside its fields: the form's checks on its values, and its deadline (to the second) ahead. */
export function assertPublishable(draft: { values: Record<string, string | undefined>; proposalDeadline: Date }, now = new Date()) {
  parseInput(serviceNeedSchema, draft.values);
  if (draft.proposalDeadline <= now) throw badInput({ proposalDeadline: "marketplace.deadlinePast" });
}

export async function publishServiceNeed(options: { actor: Actor | null; serviceNeedId: string; now?: Date }) {
  const { actor } = options;
  authorize(actor, "account.use");
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, options.serviceNeedId);
    assertStaffOf(actor, serviceNeed);
    const questions = await tx.select({ text: serviceNeedQuestions.text }).from(serviceNeedQuestions).where(eq(serviceNeedQuestions.serviceNeedId, serviceNeed.id)).orderBy(asc(serviceNeedQuestions.position));
    assertPublishable({ values: formValuesOf(serviceNeed, questions.map((q) => q.text)), proposalDeadline: serviceNeed.proposalDeadline }, options.now);
    await moveServiceNeed(tx, actor.userId, serviceNeed, "published", { publishedAt: sql`now()` as unknown as Date });
    await scheduleDeadline(tx, serviceNeed, serviceNeed.proposalDeadline);
    return { id: serviceNeed.id };
  });
}
