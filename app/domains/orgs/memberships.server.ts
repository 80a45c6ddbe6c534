// What the member-management use cases share: whose role is what, and the rule that an
// organisation always keeps at least one owner.
import { and, count, eq } from "drizzle-orm";
import type { Tx } from "@db/client";
import { memberships, type MemberRole } from "@db/schema";
import { conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { lockOrg } from "./org-input.server";

export function roleIn(actor: Actor, orgId: string): MemberRole | null {
  return actor.memberships.find((m) => m.orgId === orgId)?.role ?? null;
}

/** Only an owner makes, unmakes or removes an owner; admins manage admins and members. */
export function assertMayHandleOwners(actor: Actor, orgId: string, ...roles: MemberRole[]) {
  if (roles.includes("owner") && roleIn(actor, orgId) !== "owner") throw forbidden("orgs.onlyOwnerHandlesOwners");
}

/**
 * The membership, read after locking the organisation: role changes and removals of one
 * organisation then run one after another, so two of them can never remove the last two owners.
 */
export async function lockMembership(tx: Tx, orgId: string, userId: string) {
  if (!(await lockOrg(tx, orgId))) throw notFound();
  const [membership] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!membership) throw notFound();
  return membership;
}

export async function assertNotLastOwner(tx: Tx, orgId: string, role: MemberRole) {
  if (role !== "owner") return;
  const [row] = await tx
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, "owner")));
  if ((row?.n ?? 0) <= 1) throw conflict("orgs.lastOwner");
}
