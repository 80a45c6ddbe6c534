// Gathers the facts the score needs for one organisation: the communities its service areas
// cover, the categories it has delivered (projects born of its agreements, or proposals selected),
// its certified staff, its reputation. Candidates are open service needs in its areas or of its
// categories; the database orders them by the same score as rank() (from the same weights) and hands the best few
// to rank(), which writes the reasons.
import { and, eq, gt, inArray, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db } from "@db/client";
import { organisations, places, proposals, serviceAgreements, serviceNeeds, projects, orgServiceAreas } from "@db/schema";
import { reputationOf } from "~/domains/reputation/reputation.server";
import { notFound } from "~/utils/errors";
import { certifiedWorkerCount } from "./eligibility.server";
import { rank, reputationPoints, WEIGHTS } from "./recommend";

const CANDIDATES = 60;
const community = alias(places, "community");

async function servedCommunities(orgId: string): Promise<string[]> {
  const rows = await db().execute<{ id: string }>(sql`
    with recursive down as (
      select p.id, p.level, 0 as depth from places p join ${orgServiceAreas} a on a.place_id = p.id where a.org_id = ${orgId}
      union all
      select p.id, p.level, down.depth + 1 from places p join down on p.parent_id = down.id where down.depth < 3 and down.level <> 'community'
    )
    select distinct id from down where level = 'community'`);
  return rows.map((r) => r.id);
}

async function deliveredCategories(orgId: string): Promise<string[]> {
  const rows = await db().execute<{ category: string }>(sql`
    select sn.category::text as category from ${projects} p
      join ${serviceAgreements} a on a.id = p.agreement_id
      join ${serviceNeeds} sn on sn.id = a.service_need_id
      where p.provider_org_id = ${orgId}
    union
    select sn.category::text from ${proposals} pr join ${serviceNeeds} sn on sn.id = pr.service_need_id
      where pr.org_id = ${orgId} and pr.status = 'selected'`);
  return rows.map((r) => r.category);
}

export async function recommendFor(orgId: string, now = new Date()) {
  const [org] = await db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, orgId));
  if (!org) throw notFound();
  const [communities, categories, certified, reputation] = await Promise.all([servedCommunities(orgId), deliveredCategories(orgId), certifiedWorkerCount(orgId), reputationOf(orgId)]);
  const reputationScore = reputation?.score ?? null;
  const inArea: SQL = communities.length ? inArray(serviceNeeds.communityId, communities) : sql`false`;
  const ofCategory: SQL = categories.length ? sql`${serviceNeeds.category}::text in ${categories}` : sql`false`;
  const week = (n: number) => sql`${new Date(now.getTime() + n * 7 * 86_400_000).toISOString()}::timestamptz`;
  const staffed = sql`${serviceNeeds.minCertifiedWorkers} <= ${certified}`;
  // The same points as reputationPoints(): all of them where the need asks no more than the score, else none.
  const reputable = reputationScore === null ? sql`0` : sql`case when ${serviceNeeds.minReputation} is null or ${serviceNeeds.minReputation} <= ${reputationScore} then ${reputationPoints(reputationScore, null)} else 0 end`;
  const rows = await db()
    .select({
      id: serviceNeeds.id,
      title: serviceNeeds.title,
      category: serviceNeeds.category,
      communityName: community.name,
      budgetMinFen: serviceNeeds.budgetMinFen,
      budgetMaxFen: serviceNeeds.budgetMaxFen,
      proposalDeadline: serviceNeeds.proposalDeadline,
      minCertifiedWorkers: serviceNeeds.minCertifiedWorkers,
      minReputation: serviceNeeds.minReputation,
      inServiceArea: sql<boolean>`${inArea}`,
      categoryDelivered: sql<boolean>`${ofCategory}`,
    })
    .from(serviceNeeds)
    .innerJoin(community, eq(community.id, serviceNeeds.communityId))
    .where(and(eq(serviceNeeds.status, "published"), gt(serviceNeeds.proposalDeadline, now), or(inArea, ofCategory)))
    .orderBy(
      sql`(case when ${inArea} then ${WEIGHTS.area} else 0 end + case when ${ofCategory} then ${WEIGHTS.category} else 0 end + case when ${staffed} then ${WEIGHTS.certified} else 0 end + ${reputable}
        + case when ${serviceNeeds.proposalDeadline} <= ${week(1)} then ${WEIGHTS.deadlineSoon} when ${serviceNeeds.proposalDeadline} <= ${week(2)} then ${WEIGHTS.deadlineWeek2} else 0 end) desc`,
      serviceNeeds.proposalDeadline,
    )
    .limit(CANDIDATES);
  return { org, reputation, recommendations: rank(rows.map((r) => ({ ...r, certifiedWorkers: certified, reputationScore })), now) };
}
