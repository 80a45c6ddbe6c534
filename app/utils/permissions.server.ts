// The one place that decides who may do what. Every loader and action that reads or writes
// non-public data asks `authorize` (or `can`) with the permission it needs; the decision is made
// from the actor's memberships as they are in the database at this request.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, households, memberships, organisations, places } from "@db/schema";
import type { MemberRole, OrgKind } from "@db/schema";
import { isProduction } from "./env.server";
import { AppError } from "./errors";

export interface ActorMembership {
  orgId: string;
  role: MemberRole;
  orgKind: OrgKind;
  orgVerified: boolean;
  placeId: string | null;
}

export interface Actor {
  userId: string;
  isPlatformAdmin: boolean;
  memberships: ActorMembership[];
  household: { householdId: string; verified: boolean; communityId: string | null } | null;
}

export async function loadActor(user: { id: string; isPlatformAdmin: boolean }): Promise<Actor> {
  const [rows, householdRows] = await Promise.all([
    db()
      .select({
        orgId: memberships.orgId,
        role: memberships.role,
        orgKind: organisations.kind,
        status: organisations.status,
        placeId: organisations.placeId,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.orgId))
      .where(eq(memberships.userId, user.id)),
    db()
      .select({ householdId: householdMembers.householdId, verified: householdMembers.verified, buildingId: households.buildingId })
      .from(householdMembers)
      .innerJoin(households, eq(households.id, householdMembers.householdId))
      .where(eq(householdMembers.userId, user.id)),
  ]);
  const household = householdRows[0]
    ? { ...householdRows[0], communityId: await communityOf(householdRows[0].buildingId) }
    : null;
  return {
    userId: user.id,
    isPlatformAdmin: user.isPlatformAdmin,
    memberships: rows.map((r) => ({
      orgId: r.orgId,
      role: r.role,
      orgKind: r.orgKind,
      orgVerified: r.status === "verified",
      placeId: r.placeId,
    })),
    household: household ? { householdId: household.householdId, verified: household.verified, communityId: household.communityId } : null,
  };
}

/** The community a building (or grid) sits in. */
async function communityOf(placeId: string): Promise<string | null> {
  let current: string | null = placeId;
  for (let depth = 0; current && depth < 8; depth++) {
    const [row] = await db().select({ id: places.id, level: places.level, parentId: places.parentId }).from(places).where(eq(places.id, current));
    if (!row) return null;
    if (row.level === "community") return row.id;
    current = row.parentId;
  }
  return null;
}

// ---- the roles of docs/product.md §1, derived from memberships -----------------------------------
const isOrgAdmin = (m: ActorMembership) => m.role === "owner" || m.role === "admin";

/** 社区工作者: a member of a verified community committee (居委会/村委会) of that community. */
export function isCommunityStaff(actor: Actor | null, communityId?: string | null): boolean {
  return !!actor?.memberships.some(
    (m) => m.orgKind === "community_committee" && m.orgVerified && (communityId === undefined || m.placeId === communityId),
  );
}

/** 街道办 / 民政局: a member of a verified government unit. */
export function isBuyer(actor: Actor | null): boolean {
  return !!actor?.memberships.some((m) => m.orgKind === "government_unit" && m.orgVerified);
}

/** 街道办: a member of a verified government unit whose place is that street (大事 are escalated to it). */
export function isStreetStaff(actor: Actor | null, streetId?: string | null): boolean {
  return !!actor?.memberships.some(
    (m) => m.orgKind === "government_unit" && m.orgVerified && !!m.placeId && (streetId === undefined || m.placeId === streetId),
  );
}

export type Permission =
  | "account.use" // anything about one's own account
  | "org.register"
  | "org.viewPrivate" // members, invitations, certificates of an organisation
  | "org.manage" // edit, invite, verify certificates
  | "org.review" // the admin's verification queue
  | "places.manage"
  | "households.manage"
  | "deliberations.manage" // open a community's deliberations, record paper ballots, start further rounds
  | "audit.view"
  | "outbox.view"
  | "fund.view" // a fund's manage page: pending entries, evidence (any fund role)
  | "fund.manage" // record offline income, create campaigns (manager or accountant)
  | "fund.approve" // approve or reject offline income (manager or supervisor, never the maker)
  | "fund.disburse"; // disbursements and refunds (manager)

export interface Target {
  orgId?: string;
  communityId?: string;
  /** The actor's roles in the fund concerned (fund_roles, loaded by the funds domain). */
  fundRoles?: readonly FundRole[];
  /** Who recorded the entry to be approved: the maker never checks their own. */
  makerId?: string;
}

type FundRole = "manager" | "accountant" | "supervisor";
const hasFundRole = (t: Target, ...roles: FundRole[]) => !!t.fundRoles?.some((r) => roles.includes(r));

const rules: Record<Permission, (actor: Actor, target: Target) => boolean> = {
  "account.use": () => true,
  "org.register": () => true,
  "org.viewPrivate": (a, t) => a.isPlatformAdmin || a.memberships.some((m) => m.orgId === t.orgId),
  "org.manage": (a, t) => a.memberships.some((m) => m.orgId === t.orgId && isOrgAdmin(m)),
  "org.review": (a) => a.isPlatformAdmin,
  "places.manage": (a) => a.isPlatformAdmin,
  "households.manage": (a, t) => a.isPlatformAdmin || (!!t.communityId && isCommunityStaff(a, t.communityId)),
  // 民事民议 is the community's own affair: its staff run it, nobody else (not even platform admins).
  "deliberations.manage": (a, t) => !!t.communityId && isCommunityStaff(a, t.communityId),
  "audit.view": (a) => a.isPlatformAdmin,
  // The outbox holds other people's messages: platform admins only, and never in production.
  // (isProduction reads the environment at run time; the build inlines process.env.NODE_ENV.)
  "outbox.view": (a) => a.isPlatformAdmin && !isProduction(),
  // A fund's money is its holder's affair: only the people named in fund_roles, never platform admins.
  "fund.view": (_, t) => hasFundRole(t, "manager", "accountant", "supervisor"),
  "fund.manage": (_, t) => hasFundRole(t, "manager", "accountant"),
  "fund.approve": (a, t) => hasFundRole(t, "manager", "supervisor") && !!t.makerId && t.makerId !== a.userId,
  "fund.disburse": (_, t) => hasFundRole(t, "manager"),
};

export function can(actor: Actor | null, permission: Permission, target: Target = {}): boolean {
  if (!actor) return false;
  return rules[permission](actor, target);
}

/** Throws 401 for nobody, 403 for somebody who may not. */
export function authorize(actor: Actor | null, permission: Permission, target: Target = {}): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (!rules[permission](actor, target)) throw new AppError("forbidden");
}
