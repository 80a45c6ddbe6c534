// Whether an organisation meets a service need's requirements. The proposal side calls this when
// an organisation submits; the pages call it to say beforehand what is missing. Each unmet
// requirement is a locale key, so the organisation reads why in its own language.
import { and, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@db/client";
import { memberships, organisations, orgServiceAreas, socialWorkerCertificates, type Organisation, type ServiceNeed } from "@db/schema";
import { meetsMinimum } from "~/domains/reputation/reputation";
import { reputationOf } from "~/domains/reputation/reputation.server";
import type { MessageKey } from "~/locales";

export type Requirements = Pick<ServiceNeed, "verifiedOnly" | "minCertifiedWorkers" | "requiredServiceAreaId" | "minReputation">;

/** Organisations that deliver services; a committee or a government unit buys them. */
export const PROVIDER_KINDS: readonly Organisation["kind"][] = ["social_org", "social_work_agency", "community_foundation"];

/** Verified social-worker certificates held by current members of the organisation. */
export async function certifiedWorkerCount(orgId: string, conn: DbOrTx = db()): Promise<number> {
  const [row] = await conn
    .select({ n: sql<number>`count(distinct ${socialWorkerCertificates.userId})::int` })
    .from(socialWorkerCertificates)
    .innerJoin(memberships, and(eq(memberships.orgId, socialWorkerCertificates.orgId), eq(memberships.userId, socialWorkerCertificates.userId)))
    .where(and(eq(socialWorkerCertificates.orgId, orgId), eq(socialWorkerCertificates.status, "verified")));
  return row?.n ?? 0;
}

/** Whether one of the organisation's service areas is this place or contains it. */
export async function servesPlace(orgId: string, placeId: string, conn: DbOrTx = db()): Promise<boolean> {
  const rows = await conn.execute<{ served: boolean }>(sql`
    with recursive up as (
      select id, parent_id, 0 as depth from places where id = ${placeId}
      union all
      select p.id, p.parent_id, up.depth + 1 from places p join up on p.id = up.parent_id where up.depth < 8
    )
    select exists (select 1 from ${orgServiceAreas} a join up on up.id = a.place_id where a.org_id = ${orgId}) as served`);
  return !!rows[0]?.served;
}

/**
 * The requirements this organisation does not meet, as locale keys (empty: it may propose).
 * A minimum reputation is met by a score at or above it; an organisation that has completed no
 * project has no reputation and meets no minimum (docs/decisions/0009-reputation.md).
 */
export async function checkEligibility(
  org: Pick<Organisation, "id" | "kind" | "status">,
  serviceNeed: Requirements,
  conn: DbOrTx = db(),
): Promise<MessageKey[]> {
  const unmet: MessageKey[] = [];
  if (!PROVIDER_KINDS.includes(org.kind)) unmet.push("marketplace.unmetProviderKind");
  if (serviceNeed.verifiedOnly && org.status !== "verified") unmet.push("marketplace.unmetVerified");
  if (serviceNeed.minCertifiedWorkers > 0 && (await certifiedWorkerCount(org.id, conn)) < serviceNeed.minCertifiedWorkers) {
    unmet.push("marketplace.unmetCertifiedWorkers");
  }
  if (serviceNeed.requiredServiceAreaId && !(await servesPlace(org.id, serviceNeed.requiredServiceAreaId, conn))) {
    unmet.push("marketplace.unmetServiceArea");
  }
  if (serviceNeed.minReputation !== null && serviceNeed.minReputation !== undefined && !meetsMinimum(await reputationOf(org.id, conn), serviceNeed.minReputation)) {
    unmet.push("marketplace.unmetReputation");
  }
  return unmet;
}

/** What the actor's organisation lacks for this service need (null: the actor acts for no providing organisation). */
export async function unmetForActor(actor: { memberships: { orgId: string; orgKind: Organisation["kind"] }[] } | null, serviceNeed: Requirements): Promise<MessageKey[] | null> {
  const membership = actor?.memberships.find((m) => PROVIDER_KINDS.includes(m.orgKind));
  if (!membership) return null;
  const [org] = await db().select().from(organisations).where(eq(organisations.id, membership.orgId));
  return org ? checkEligibility(org, serviceNeed) : null;
}
