// 发布服务需求, first as a draft: community staff write it (from a decided need or on its own) and
// edit it until they publish it. Checks that need the database (the place is the community's, the
// need is its decided one) add messages beside the same fields as the form's own.
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "@db/client";
import { needs, places, serviceNeedQuestions, serviceNeeds } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { communityPlaces, isPlaceOf } from "~/domains/needs/places.server";
import { db } from "@db/client";
import { badInput, conflict, forbidden, notFound, type FieldErrors } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import type { ServiceNeedInput } from "./schemas";
import { assertStaffOf, lockServiceNeed } from "./steps.server";

const SERVICE_AREA_LEVELS = ["district", "street", "community"];

/** The community committee the staff member acts for: it posts the need and will sign the agreement. */
function committeeOf(actor: Actor, communityId: string): string {
  const m = actor.memberships.find((x) => x.orgKind === "community_committee" && x.orgVerified && x.placeId === communityId);
  if (!m) throw forbidden();
  return m.orgId;
}

async function checkAgainstDatabase(tx: Tx, communityId: string, input: ServiceNeedInput) {
  const errors: FieldErrors = {};
  const scope = await communityPlaces(communityId);
  if (!scope) throw notFound();
  if (input.placeId && !isPlaceOf(scope, input.placeId)) errors.placeId = "marketplace.placeInvalid";
  if (input.requiredServiceAreaId) {
    const [area] = await tx.select({ level: places.level }).from(places).where(eq(places.id, input.requiredServiceAreaId));
    if (!area || !SERVICE_AREA_LEVELS.includes(area.level)) errors.requiredServiceAreaId = "marketplace.placeInvalid";
  }
  if (input.needId) {
    const [need] = await tx.select({ id: needs.id }).from(needs).where(and(eq(needs.id, input.needId), eq(needs.communityId, communityId), inArray(needs.status, ["decided"])));
    if (!need) errors.needId = "marketplace.needNotDecided";
  }
  if (Object.keys(errors).length) throw badInput(errors);
}

function columnsOf(input: ServiceNeedInput, communityId: string) {
  return {
    title: input.title,
    description: input.description,
    category: input.category,
    placeId: input.placeId ?? communityId,
    needId: input.needId ?? null,
    beneficiaryGroup: input.beneficiaryGroup,
    beneficiaryCount: input.beneficiaryCount,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    budgetMinFen: input.budgetMin,
    budgetMaxFen: input.budgetMax,
    fundingSource: input.fundingSource,
    verifiedOnly: input.verifiedOnly,
    minCertifiedWorkers: input.minCertifiedWorkers,
    requiredServiceAreaId: input.requiredServiceAreaId ?? null,
    minReputation: input.minReputation ?? null,
    proposalDeadline: input.proposalDeadline,
    requiresCouncilApproval: input.requiresCouncilApproval,
  };
}

async function replaceQuestions(tx: Tx, serviceNeedId: string, questions: string[]) {
  await tx.delete(serviceNeedQuestions).where(eq(serviceNeedQuestions.serviceNeedId, serviceNeedId));
  if (questions.length) await tx.insert(serviceNeedQuestions).values(questions.map((text, position) => ({ id: newId(), serviceNeedId, position, text })));
}

/** Saves a new draft service need of the community. */
export async function draftServiceNeed(options: { actor: Actor | null; communityId: string; input: ServiceNeedInput }) {
  const { actor, communityId, input } = options;
  authorize(actor, "account.use");
  assertStaffOf(actor, { communityId });
  const postedByOrgId = committeeOf(actor, communityId);
  return db().transaction(async (tx) => {
    await checkAgainstDatabase(tx, communityId, input);
    const id = newId();
    await tx.insert(serviceNeeds).values({ id, communityId, postedByOrgId, createdBy: actor.userId, ...columnsOf(input, communityId) });
    await replaceQuestions(tx, id, input.questions);
    await recordAudit(tx, { actorId: actor.userId, action: "service_need.draft", entityType: "service_need", entityId: id, toState: "draft" });
    return { id };
  });
}

/** Edits a draft; a published service need changes only by extending its deadline or withdrawing it. */
export async function editServiceNeed(options: { actor: Actor | null; serviceNeedId: string; input: ServiceNeedInput }) {
  const { actor, input } = options;
  authorize(actor, "account.use");
  return db().transaction(async (tx) => {
    const serviceNeed = await lockServiceNeed(tx, options.serviceNeedId);
    assertStaffOf(actor, serviceNeed);
    if (serviceNeed.status !== "draft") throw conflict("marketplace.onlyDraftsEdited");
    await checkAgainstDatabase(tx, serviceNeed.communityId, input);
    await tx.update(serviceNeeds).set(columnsOf(input, serviceNeed.communityId)).where(eq(serviceNeeds.id, serviceNeed.id));
    await replaceQuestions(tx, serviceNeed.id, input.questions);
    await recordAudit(tx, { actorId: actor.userId, action: "service_need.edit", entityType: "service_need", entityId: serviceNeed.id, fromState: "draft", toState: "draft" });
    return { id: serviceNeed.id };
  });
}
