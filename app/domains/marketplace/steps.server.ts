// What every step of a service need shares: the row locked for the step, the staff check, the
// organisations to tell, and the deadline job, all in the step's own transaction.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@db/client";
import { proposals, serviceNeedClarifications, serviceNeeds, type ServiceNeed } from "@db/schema";
import type { MessageKey, Params } from "~/locales";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden, notFound } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { canMove, type ServiceNeedStatus } from "./states";

/** The service need, locked until the transaction ends; 404 for an id that is no service need. */
export async function lockServiceNeed(tx: Tx, serviceNeedId: string): Promise<ServiceNeed> {
  const [row] = await tx.select().from(serviceNeeds).where(eq(serviceNeeds.id, serviceNeedId)).for("update");
  if (!row) throw notFound();
  return row;
}

/** Only the staff of the community that posted it manage a service need. */
export function assertStaffOf(actor: Actor, serviceNeed: Pick<ServiceNeed, "communityId">) {
  if (!isCommunityStaff(actor, serviceNeed.communityId)) throw forbidden();
}

export function assertCanMove(serviceNeed: ServiceNeed, to: ServiceNeedStatus) {
  if (!canMove(serviceNeed.status, to)) throw conflict("marketplace.cannotMove");
}

/** Moves it to a status, with its audit row. */
export async function moveServiceNeed(tx: Tx, actorId: string | null, serviceNeed: ServiceNeed, to: ServiceNeedStatus, values: Partial<ServiceNeed> = {}, detail: Record<string, unknown> = {}) {
  assertCanMove(serviceNeed, to);
  await tx.update(serviceNeeds).set({ ...values, status: to }).where(eq(serviceNeeds.id, serviceNeed.id));
  await recordAudit(tx, { actorId, action: `service_need.${to}`, entityType: "service_need", entityId: serviceNeed.id, fromState: serviceNeed.status, toState: to, detail });
}

/** The job that moves it to evaluating when the deadline passes; one per service need, moved with the deadline. */
export async function scheduleDeadline(tx: Tx, serviceNeed: Pick<ServiceNeed, "id">, deadline: Date) {
  await enqueueJob(tx, "close_service_need_bidding", { serviceNeedId: serviceNeed.id }, { runAt: deadline, jobKey: `service-need-deadline:${serviceNeed.id}` });
}

/** Organisations that asked a question or have a proposal under way (the proposal side's table, read only). */
export async function interestedOrgIds(tx: Tx, serviceNeedId: string): Promise<string[]> {
  const [asked, proposing] = await Promise.all([
    tx.selectDistinct({ orgId: serviceNeedClarifications.askedByOrgId }).from(serviceNeedClarifications).where(eq(serviceNeedClarifications.serviceNeedId, serviceNeedId)),
    tx
      .selectDistinct({ orgId: proposals.orgId })
      .from(proposals)
      .where(and(eq(proposals.serviceNeedId, serviceNeedId), inArray(proposals.status, ["draft", "submitted", "shortlisted"]))),
  ]);
  return [...new Set([...asked, ...proposing].map((r) => r.orgId))];
}

export interface MarketNotice {
  kind: string;
  title: MessageKey;
  body: MessageKey;
  params?: Params;
  link: string;
}

/** Enqueues one notification to the admins of these organisations and these people, in the step's transaction. */
export async function tellOrgs(tx: Tx, key: string, orgIds: string[], notice: MarketNotice, userIds: string[] = []) {
  if (orgIds.length === 0 && userIds.length === 0) return;
  await enqueueJob(tx, "notify", { key, ...notice, params: notice.params ?? {}, orgAdminsOf: orgIds, userIds });
}


