// Money waiting for a second person (四眼原则, ADR 0017) does not wait silently: when a disbursement,
// a manual refund or offline income is proposed, everyone who may approve it is told; when it is
// decided, its maker is told how (with the reason, when sent back). The notices are enqueued in the
// transaction that writes the proposal or the decision, so one that rolls back tells nobody.
// They name the fund and the amount only: a notice may leave as an email or a text, so the payee's
// or payer's name and the purpose stay on the manage page, behind its permission.
import { inArray } from "drizzle-orm";
import type { Tx } from "@db/client";
import { fundRoles, type Fund } from "@db/schema";
import type { NotifyPayload } from "~/domains/notifications/notify.server";
import { enqueueJob } from "~/utils/jobs.server";
import { formatFen } from "~/utils/money";
import { can, type Actor } from "~/utils/permissions.server";
import type { FundRole } from "./access.server";

export type WaitingKind = "disbursement" | "refund" | "offline_income";

interface Waiting {
  kind: WaitingKind;
  id: string;
  fund: Pick<Fund, "id" | "parentFundId" | "name">;
  makerId: string;
  amountFen: bigint;
}

/** Everyone allowed fund.approve on what `makerId` proposed (authorizeChecker's rule): never the maker. */
async function checkersOf(tx: Tx, fund: Waiting["fund"], makerId: string): Promise<string[]> {
  const fundIds = fund.parentFundId ? [fund.id, fund.parentFundId] : [fund.id];
  const rows = await tx.select({ userId: fundRoles.userId, role: fundRoles.role }).from(fundRoles).where(inArray(fundRoles.fundId, fundIds));
  const rolesOf = new Map<string, FundRole[]>();
  for (const r of rows) rolesOf.set(r.userId, [...(rolesOf.get(r.userId) ?? []), r.role]);
  const person = (userId: string): Actor => ({ userId, isPlatformAdmin: false, memberships: [], household: null });
  return [...rolesOf].filter(([userId, roles]) => can(person(userId), "fund.approve", { fundRoles: roles, makerId })).map(([userId]) => userId);
}

const params = (waiting: Waiting) => ({ fund: waiting.fund.name, amount: formatFen(waiting.amountFen) });
const manageLink = (fundId: string) => `/funds/${fundId}/manage`;

/** Tells the possible checkers that `waiting` waits for them. */
export async function announceWaiting(tx: Tx, waiting: Waiting) {
  const userIds = await checkersOf(tx, waiting.fund, waiting.makerId);
  if (userIds.length === 0) return;
  const notice: NotifyPayload = {
    key: `${waiting.kind}.waiting:${waiting.id}`,
    kind: `${waiting.kind}.waiting`,
    title: `funds.notify.${waiting.kind}.waitingTitle` as const,
    body: `funds.notify.${waiting.kind}.waitingBody` as const,
    params: params(waiting),
    link: manageLink(waiting.fund.id),
    userIds,
  };
  await enqueueJob(tx, "notify", { ...notice });
}

/** Tells the maker that `waiting` was approved, or sent back with `reason`. */
export async function announceDecision(tx: Tx, waiting: Waiting, decision: { status: "approved" } | { status: "rejected"; reason?: string }) {
  const notice: NotifyPayload = {
    key: `${waiting.kind}.${decision.status}:${waiting.id}`,
    kind: `${waiting.kind}.${decision.status}`,
    title: `funds.notify.${waiting.kind}.${decision.status}Title` as const,
    body: `funds.notify.${waiting.kind}.${decision.status}Body` as const,
    params: { ...params(waiting), ...(decision.status === "rejected" ? { reason: decision.reason ?? "" } : {}) },
    link: manageLink(waiting.fund.id),
    userIds: [waiting.makerId],
  };
  await enqueueJob(tx, "notify", { ...notice });
}
