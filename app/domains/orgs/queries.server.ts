// Reads for the organisation pages. What a public page gets is chosen column by column here:
// no member's name, phone or email ever leaves through publicOrg or listPublicOrgs.
import { and, asc, count, desc, eq, ilike, isNull, sql, type SQL } from "drizzle-orm";
import { db } from "@db/client";
import { invitations, memberships, organisations, orgServiceAreas, socialWorkerCertificates, users, type OrgKind } from "@db/schema";
import { can, type Actor } from "~/utils/permissions.server";
import { projectsOfOrg } from "~/domains/projects/queries.server";
import { invitationState, maskContact, verifiedHolderOf } from "./invitations.server";

export const ORGS_PAGE_SIZE = 20;

// ---- places ---------------------------------------------------------------------------------
interface PlaceLink {
  id: string;
  level: string;
  name: string;
}

/** Each place with its ancestors, root first ("无锡市 / 梁溪区 / 演示街道 / 惠景社区"). */
async function placeChains(ids: (string | null)[]): Promise<Map<string, PlaceLink[]>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  const chains = new Map<string, PlaceLink[]>();
  if (!wanted.length) return chains;
  const rows = await db().execute<{ start_id: string; id: string; level: string; name: string; depth: number }>(sql`
    with recursive chain as (
      select id as start_id, id, parent_id, level::text, name, 0 as depth from places where id in ${wanted}
      union all
      select c.start_id, p.id, p.parent_id, p.level::text, p.name, c.depth + 1 from places p join chain c on p.id = c.parent_id where c.depth < 8
    )
    select start_id, id, level, name, depth from chain order by start_id, depth desc`);
  for (const row of rows) {
    const chain = chains.get(row.start_id) ?? [];
    chain.push({ id: row.id, level: row.level, name: row.name });
    chains.set(row.start_id, chain);
  }
  return chains;
}

const label = (chain: PlaceLink[] | undefined) => (chain ?? []).map((p) => p.name).join(" / ");

/** Districts, streets and communities for the place selects, each named with its path. */
export async function placeOptions() {
  const rows = await db().execute<{ id: string; level: string; label: string }>(sql`
    with recursive tree as (
      select id, level, name::text as label from places where parent_id is null
      union all
      select p.id, p.level, t.label || ' / ' || p.name from places p join tree t on p.parent_id = t.id
      where p.level in ('city', 'district', 'street', 'community')
    )
    select id, level::text as level, label from tree where level in ('district', 'street', 'community') order by label`);
  return rows.map((r) => ({ id: r.id, level: r.level, label: r.label }));
}

// ---- public ---------------------------------------------------------------------------------
const certifiedStaff = (orgId: SQL | string) => sql<number>`(
  select count(distinct c.user_id)::int from ${socialWorkerCertificates} c
  join ${memberships} m on m.org_id = c.org_id and m.user_id = c.user_id
  where c.org_id = ${orgId} and c.status = 'verified')`;

/** What a line of a list shows: public columns only. */
const listColumns = {
  id: organisations.id,
  name: organisations.name,
  kind: organisations.kind,
  registration: organisations.registration,
  creditCode: organisations.creditCode,
  filingNumber: organisations.filingNumber,
  placeId: organisations.placeId,
};

/** Verified organisations, by name and kind, newest first. */
export async function listPublicOrgs(filter: { q?: string; kind?: OrgKind; page?: number }) {
  const page = filter.page ?? 1;
  const where = and(
    eq(organisations.status, "verified"),
    filter.kind ? eq(organisations.kind, filter.kind) : undefined,
    filter.q ? ilike(organisations.name, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db()
      .select({ ...listColumns, certifiedStaff: certifiedStaff(sql`${organisations.id}`) })
      .from(organisations)
      .where(where)
      .orderBy(desc(organisations.reviewedAt), asc(organisations.name))
      .limit(ORGS_PAGE_SIZE)
      .offset((page - 1) * ORGS_PAGE_SIZE),
    db().select({ n: count() }).from(organisations).where(where),
  ]);
  const chains = await placeChains(rows.map((r) => r.placeId));
  return {
    orgs: rows.map(({ placeId, ...r }) => ({ ...r, place: label(chains.get(placeId ?? "")) })),
    total: total?.n ?? 0,
    page,
    pageCount: Math.max(1, Math.ceil((total?.n ?? 0) / ORGS_PAGE_SIZE)),
  };
}

/** An organisation as its page shows it, with no member's personal data. */
async function orgDetails(orgId: string) {
  const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) return null;
  const [areas, [staff]] = await Promise.all([
    db().select({ placeId: orgServiceAreas.placeId }).from(orgServiceAreas).where(eq(orgServiceAreas.orgId, orgId)),
    db().select({ n: certifiedStaff(orgId) }).from(sql`(select 1) as one`),
  ]);
  const chains = await placeChains([org.placeId, org.filedWithId, ...areas.map((a) => a.placeId)]);
  const placeChain = chains.get(org.placeId ?? "");
  // Older 备案 records name only the community served; the street it sits in is the one filed with.
  const filedWith = org.filedWithId ? label(chains.get(org.filedWithId)) : label(placeChain?.slice(0, placeChain.findIndex((p) => p.level === "street") + 1));
  const details = {
    id: org.id,
    name: org.name,
    kind: org.kind,
    status: org.status,
    registration: org.registration,
    creditCode: org.creditCode,
    filingNumber: org.filingNumber,
    filedWith: org.registration === "filed" ? filedWith : null,
    place: label(placeChain),
    serviceAreas: areas.map((a) => label(chains.get(a.placeId))).sort(),
    description: org.description,
    certifiedStaff: staff?.n ?? 0,
    reviewedAt: org.reviewedAt,
  };
  return { org, details };
}

/**
 * The organisation's page. Verified organisations are public; a pending or rejected one is seen
 * only by its members and platform admins — for anyone else it does not exist (null → 404).
 */
export async function orgPage(orgId: string, viewer: Actor | null) {
  const found = await orgDetails(orgId);
  if (!found) return null;
  const insider = can(viewer, "org.viewPrivate", { orgId });
  if (found.org.status !== "verified" && !insider) return null;
  return {
    public: found.details,
    // Projects it delivers and the amounts won (public: organisations and amounts only).
    record: await projectsOfOrg(orgId),
    // Only for the organisation's own members and platform admins.
    private: insider
      ? {
          contactPhone: found.org.contactPhone,
          rejectionReason: found.org.rejectionReason,
          creditCodeChecks: found.org.creditCodeChecks,
          isMember: viewer!.memberships.some((m) => m.orgId === orgId),
          mayManage: can(viewer, "org.manage", { orgId }),
        }
      : null,
  };
}

// ---- review (platform admins) -----------------------------------------------------------------
/** Pending organisations, oldest first: the platform admin's queue. */
export async function reviewQueue() {
  const rows = await db()
    .select({ ...listColumns, creditCodeChecks: organisations.creditCodeChecks, createdAt: organisations.createdAt })
    .from(organisations)
    .where(eq(organisations.status, "pending"))
    .orderBy(asc(organisations.createdAt));
  const chains = await placeChains(rows.map((r) => r.placeId));
  return rows.map(({ placeId, ...r }) => ({ ...r, place: label(chains.get(placeId ?? "")) }));
}

/** Everything the reviewer needs, including who registered it and how to reach them. */
export async function orgForReview(orgId: string) {
  const found = await orgDetails(orgId);
  if (!found) return null;
  const { org, details } = found;
  const [registrant] = await db()
    .select({ name: users.displayName, phone: users.phone, email: users.email, createdAt: organisations.createdAt })
    .from(organisations)
    .innerJoin(users, eq(users.id, organisations.createdBy))
    .where(eq(organisations.id, orgId));
  return {
    ...details,
    contactPhone: org.contactPhone,
    creditCodeChecks: org.creditCodeChecks,
    rejectionReason: org.rejectionReason,
    registrant: registrant ?? null,
  };
}

// ---- management (members) ------------------------------------------------------------------
/**
 * Members and certificates, for the organisation's members; members' contacts and the open
 * invitations only for those who manage it (plain members see names and roles).
 */
export async function orgManagement(orgId: string, options: { forManagers: boolean }) {
  const [members, openInvitations, certificates] = await Promise.all([
    db()
      .select({ userId: users.id, name: users.displayName, phone: users.phone, email: users.email, role: memberships.role, since: memberships.createdAt })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.orgId, orgId))
      .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`, asc(memberships.createdAt)),
    db().select().from(invitations).where(and(eq(invitations.orgId, orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).orderBy(desc(invitations.createdAt)),
    db()
      .select({
        id: socialWorkerCertificates.id,
        userId: socialWorkerCertificates.userId,
        name: users.displayName,
        level: socialWorkerCertificates.level,
        number: socialWorkerCertificates.number,
        status: socialWorkerCertificates.status,
      })
      .from(socialWorkerCertificates)
      .innerJoin(users, eq(users.id, socialWorkerCertificates.userId))
      .where(eq(socialWorkerCertificates.orgId, orgId))
      .orderBy(sql`case ${socialWorkerCertificates.status} when 'pending' then 0 when 'verified' then 1 else 2 end`, asc(users.displayName)),
  ]);
  return {
    members: members.map(({ phone, email, ...m }) => ({ ...m, contact: options.forManagers ? (phone ?? email ?? "") : null })),
    invitations: (options.forManagers ? openInvitations : []).map((i) => ({ id: i.id, contact: i.contact, role: i.role, expiresAt: i.expiresAt, state: invitationState(i) })),
    certificates,
  };
}

/** What the invitation page shows to the person holding the link. */
export async function invitationView(invitationId: string, viewerId: string) {
  const [row] = await db()
    .select({
      id: invitations.id,
      orgId: invitations.orgId,
      orgName: organisations.name,
      role: invitations.role,
      contact: invitations.contact,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(eq(invitations.id, invitationId));
  if (!row) return null;
  const [viewer] = await db()
    .select({ phone: users.phone, email: users.email, phoneVerifiedAt: users.phoneVerifiedAt, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, viewerId));
  const holder = viewer ? verifiedHolderOf(viewer, row.contact) : "other";
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    role: row.role,
    sentTo: maskContact(row.contact),
    forViewer: holder !== "other",
    /** The viewer holds the invited contact but has not proved it yet: they verify first. */
    viewerMustVerify: holder === "unverified",
    state: invitationState(row),
    expiresAt: row.expiresAt,
  };
}

/** The organisation's current details, to fill the edit form. */
export async function orgForEdit(orgId: string) {
  const [org] = await db().select().from(organisations).where(eq(organisations.id, orgId));
  if (!org) return null;
  const areas = await db().select({ placeId: orgServiceAreas.placeId }).from(orgServiceAreas).where(eq(orgServiceAreas.orgId, orgId));
  return { ...org, serviceAreaIds: areas.map((a) => a.placeId) };
}

