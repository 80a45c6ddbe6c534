// Reads for the marketplace pages. The public columns are chosen here: a service need's public
// page never carries who asked a question, nor anything about a beneficiary but the group and a number.
import { and, asc, desc, eq, gt, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@db/client";
import { needs, organisations, places, serviceNeedClarifications, serviceNeedQuestions, serviceNeeds } from "@db/schema";
import { gramsMatch, indexGramsFor, queryWords, withCustomPlan } from "~/domains/search/cjk-search.server";
import { notFound } from "~/utils/errors";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { formValuesOf } from "./form-values";
import { communityPlaces, placeOptions as placeOptionsOf } from "~/domains/needs/places.server";
import { placeOptions as areaOptions } from "~/domains/orgs/queries.server";
import { MARKET_PAGE_SIZE, type MarketFilter } from "./schemas";

const community = alias(places, "community");

/** The communities at or under a place (a district, a street or a community). */
async function communitiesUnder(conn: DbOrTx, placeId: string): Promise<string[]> {
  const rows = await conn.execute<{ id: string }>(sql`
    with recursive down as (
      select id, level, 0 as depth from places where id = ${placeId}
      union all
      select p.id, p.level, down.depth + 1 from places p join down on p.parent_id = down.id where down.depth < 3 and down.level <> 'community'
    )
    select id from down where level = 'community'`);
  return rows.map((r) => r.id);
}

export interface MarketSearch extends Partial<MarketFilter> {
  /** Only those published after this moment (the saved searches' digest). */
  publishedAfter?: Date;
  now?: Date;
}

/** The open service needs a search finds, newest first; one row more than a page tells whether there is a next one. */
export async function marketSearchQuery(search: MarketSearch, conn: DbOrTx) {
  const q = search.q && queryWords(search.q).length ? search.q : undefined;
  const communityIds = search.placeId ? await communitiesUnder(conn, search.placeId) : undefined;
  const deadlineBy = search.deadlineBy ? new Date(`${search.deadlineBy}T23:59:59.999+08:00`) : undefined;
  const where: SQL | undefined = and(
    eq(serviceNeeds.status, "published"),
    gt(serviceNeeds.proposalDeadline, search.now ?? new Date()),
    q ? gramsMatch(serviceNeeds.searchGrams, sql`${serviceNeeds.title} || ' ' || ${serviceNeeds.description}`, q, await indexGramsFor(conn, "service_needs", q)) : undefined,
    search.category ? eq(serviceNeeds.category, search.category) : undefined,
    communityIds ? (communityIds.length ? inArray(serviceNeeds.communityId, communityIds) : sql`false`) : undefined,
    // Budget ranges that overlap the range asked for.
    search.budgetMin !== undefined ? gte(serviceNeeds.budgetMaxFen, search.budgetMin) : undefined,
    search.budgetMax !== undefined ? lte(serviceNeeds.budgetMinFen, search.budgetMax) : undefined,
    deadlineBy ? lte(serviceNeeds.proposalDeadline, deadlineBy) : undefined,
    search.publishedAfter ? gt(serviceNeeds.publishedAt, search.publishedAfter) : undefined,
  );
  const page = search.page ?? 1;
  return conn
    .select(listColumns)
    .from(serviceNeeds)
    .innerJoin(community, eq(community.id, serviceNeeds.communityId))
    .where(where)
    .orderBy(desc(serviceNeeds.publishedAt), desc(serviceNeeds.id))
    .limit(MARKET_PAGE_SIZE + 1)
    .offset((page - 1) * MARKET_PAGE_SIZE);
}

const listColumns = {
  id: serviceNeeds.id,
  title: serviceNeeds.title,
  excerpt: sql<string>`left(${serviceNeeds.description}, 120)`,
  category: serviceNeeds.category,
  status: serviceNeeds.status,
  communityName: community.name,
  beneficiaryGroup: serviceNeeds.beneficiaryGroup,
  beneficiaryCount: serviceNeeds.beneficiaryCount,
  budgetMinFen: serviceNeeds.budgetMinFen,
  budgetMaxFen: serviceNeeds.budgetMaxFen,
  fundingSource: serviceNeeds.fundingSource,
  proposalDeadline: serviceNeeds.proposalDeadline,
  publishedAt: serviceNeeds.publishedAt,
};

export async function searchMarket(search: MarketSearch) {
  const rows = search.q ? await withCustomPlan((tx) => marketSearchQuery(search, tx)) : await marketSearchQuery(search, db());
  return { serviceNeeds: rows.slice(0, MARKET_PAGE_SIZE), page: search.page ?? 1, hasMore: rows.length > MARKET_PAGE_SIZE };
}

export type MarketListItem = Awaited<ReturnType<typeof searchMarket>>["serviceNeeds"][number];

async function questionsOf(serviceNeedId: string) {
  return db().select({ id: serviceNeedQuestions.id, text: serviceNeedQuestions.text }).from(serviceNeedQuestions).where(eq(serviceNeedQuestions.serviceNeedId, serviceNeedId)).orderBy(asc(serviceNeedQuestions.position));
}

/**
 * A service need's public page: everything but drafts, which only their community's staff see
 * (for anyone else a draft does not exist). The Q&A carries questions and answers, never who asked.
 */
export async function publicServiceNeed(serviceNeedId: string, viewer: Actor | null) {
  const [row] = await db()
    .select({ serviceNeed: serviceNeeds, communityName: community.name, placeName: places.name, postedBy: organisations.name, postedByCreditCode: organisations.creditCode })
    .from(serviceNeeds)
    .innerJoin(community, eq(community.id, serviceNeeds.communityId))
    .innerJoin(places, eq(places.id, serviceNeeds.placeId))
    .innerJoin(organisations, eq(organisations.id, serviceNeeds.postedByOrgId))
    .where(eq(serviceNeeds.id, serviceNeedId));
  if (!row || (row.serviceNeed.status === "draft" && !isCommunityStaff(viewer, row.serviceNeed.communityId))) throw notFound();
  const { serviceNeed: s } = row;
  const [questions, qa] = await Promise.all([
    questionsOf(s.id),
    db()
      .select({ id: serviceNeedClarifications.id, question: serviceNeedClarifications.question, answer: serviceNeedClarifications.answer, answeredAt: serviceNeedClarifications.answeredAt })
      .from(serviceNeedClarifications)
      .where(and(eq(serviceNeedClarifications.serviceNeedId, s.id), sql`${serviceNeedClarifications.answer} is not null`))
      .orderBy(asc(serviceNeedClarifications.answeredAt)),
  ]);
  return {
    id: s.id,
    communityId: s.communityId,
    title: s.title,
    description: s.description,
    category: s.category,
    status: s.status,
    communityName: row.communityName,
    placeName: row.placeName,
    postedBy: row.postedBy,
    postedByCreditCode: row.postedByCreditCode,
    beneficiaryGroup: s.beneficiaryGroup,
    beneficiaryCount: s.beneficiaryCount,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    budgetMinFen: s.budgetMinFen,
    budgetMaxFen: s.budgetMaxFen,
    fundingSource: s.fundingSource,
    verifiedOnly: s.verifiedOnly,
    minCertifiedWorkers: s.minCertifiedWorkers,
    requiredServiceAreaId: s.requiredServiceAreaId,
    minReputation: s.minReputation,
    proposalDeadline: s.proposalDeadline,
    requiresCouncilApproval: s.requiresCouncilApproval,
    withdrawalReason: s.withdrawalReason,
    selectionReasons: s.selectionReasons,
    publishedAt: s.publishedAt,
    open: s.status === "published" && s.proposalDeadline > new Date(),
    questions,
    qa,
  };
}

export type PublicServiceNeed = Awaited<ReturnType<typeof publicServiceNeed>>;

/** A community's service needs, every status, for its staff. */
export async function communityServiceNeeds(communityId: string) {
  return db()
    .select({ id: serviceNeeds.id, title: serviceNeeds.title, status: serviceNeeds.status, proposalDeadline: serviceNeeds.proposalDeadline, budgetMinFen: serviceNeeds.budgetMinFen, budgetMaxFen: serviceNeeds.budgetMaxFen, unanswered: sql<number>`(select count(*)::int from ${serviceNeedClarifications} c where c.service_need_id = ${serviceNeeds.id} and c.answer is null)` })
    .from(serviceNeeds)
    .where(eq(serviceNeeds.communityId, communityId))
    .orderBy(desc(serviceNeeds.createdAt));
}

/** A service need for its staff's page: the row, its form values for a draft, and every question with its answer. */
export async function staffServiceNeed(communityId: string, serviceNeedId: string) {
  const [row] = await db().select().from(serviceNeeds).where(and(eq(serviceNeeds.id, serviceNeedId), eq(serviceNeeds.communityId, communityId)));
  if (!row) throw notFound();
  const [questions, clarifications] = await Promise.all([
    questionsOf(row.id),
    db()
      .select({ id: serviceNeedClarifications.id, question: serviceNeedClarifications.question, answer: serviceNeedClarifications.answer, createdAt: serviceNeedClarifications.createdAt })
      .from(serviceNeedClarifications)
      .where(eq(serviceNeedClarifications.serviceNeedId, row.id))
      .orderBy(asc(serviceNeedClarifications.createdAt)),
  ]);
  return { serviceNeed: row, values: formValuesOf(row, questions.map((q) => q.text)), clarifications };
}

/** The community's decided needs, to start a service need from one (民事民决 → 社会组织对接). */
export async function decidedNeeds(communityId: string) {
  return db().select({ id: needs.id, title: needs.title, description: needs.description, category: needs.category }).from(needs).where(and(eq(needs.communityId, communityId), eq(needs.status, "decided"))).orderBy(desc(needs.createdAt)).limit(50);
}

/** A new service need's form, prefilled from a decided need when one is named. */
export async function newServiceNeedValues(communityId: string, fromNeedId?: string): Promise<Record<string, string | undefined>> {
  const base = { verifiedOnly: "on", minCertifiedWorkers: "0", fundingSource: "micro_fund" };
  if (!fromNeedId) return base;
  const need = (await decidedNeeds(communityId)).find((n) => n.id === fromNeedId);
  return need ? { ...base, needId: need.id, title: need.title, description: need.description, category: need.category } : base;
}

/** The choices of the service need form: the community's places, service areas anywhere, its decided needs. */
export async function serviceNeedFormOptions(communityId: string) {
  const scope = await communityPlaces(communityId);
  if (!scope) throw notFound();
  const [areas, decided] = await Promise.all([marketPlaceOptions(), decidedNeeds(communityId)]);
  return {
    community: scope.community,
    places: placeOptionsOf(scope),
    areas,
    decidedNeeds: decided.map((n) => ({ value: n.id, label: n.title })),
  };
}

/** Districts, streets and communities for the browse page's area filter. */
export async function marketPlaceOptions() {
  return (await areaOptions()).map((a) => ({ value: a.id, label: a.label }));
}
