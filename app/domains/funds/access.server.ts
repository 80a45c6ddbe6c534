// Who runs a fund. A restricted sub-fund (专项基金) is run by its own people and by its
// foundation's: the foundation's manager answers for every sub-fund it holds.
import { eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "@db/client";
import { fundRoles, funds, type Fund } from "@db/schema";
import { conflict, forbidden, notFound } from "~/utils/errors";
import { authorize, type Actor, type Permission } from "~/utils/permissions.server";

export type FundRole = "manager" | "accountant" | "supervisor";

/** The actor's roles in a fund (with those in its parent foundation); none for a visitor. */
export async function fundRolesOf(tx: DbOrTx, fund: Pick<Fund, "id" | "parentFundId">, actor: Actor | null): Promise<FundRole[]> {
  if (!actor) return [];
  const fundIds = fund.parentFundId ? [fund.id, fund.parentFundId] : [fund.id];
  const rows = await tx.select({ role: fundRoles.role, userId: fundRoles.userId }).from(fundRoles).where(inArray(fundRoles.fundId, fundIds));
  return [...new Set(rows.filter((r) => r.userId === actor.userId).map((r) => r.role))];
}

/** The fund, or a 404 (for any id a user can type). */
export async function fundOr404(tx: DbOrTx, fundId: string): Promise<Fund> {
  const [fund] = await tx.select().from(funds).where(eq(funds.id, fundId));
  if (!fund) throw notFound();
  return fund;
}

/** The fund and the actor's roles in it, once the actor is allowed `permission` on it. */
export async function authorizeOnFund(tx: DbOrTx, options: { actor: Actor | null; fundId: string; permission: Permission; makerId?: string }) {
  const actor = options.actor;
  const fund = await fundOr404(tx, options.fundId);
  const roles = await fundRolesOf(tx, fund, actor);
  authorize(actor, options.permission, { fundRoles: roles, makerId: options.makerId });
  return { fund, roles, actor };
}

/** For pages: the fund and the actor's roles in it, once allowed (403/404 otherwise). */
export const fundForPage = (actor: Actor | null, fundId: string, permission: Permission) => authorizeOnFund(db(), { actor, fundId, permission });

/**
 * The second person (四眼原则) deciding a waiting entry — offline income, a disbursement, a refund:
 * never its maker, allowed fund.approve, and the entry still pending.
 */
export async function authorizeChecker(tx: DbOrTx, options: { actor: Actor | null; fundId: string; makerId: string; status: string }) {
  if (options.actor && options.actor.userId === options.makerId) throw forbidden("funds.makerCannotApprove");
  const allowed = await authorizeOnFund(tx, { actor: options.actor, fundId: options.fundId, permission: "fund.approve", makerId: options.makerId });
  if (options.status !== "pending") throw conflict("funds.alreadyDecided");
  return allowed;
}
