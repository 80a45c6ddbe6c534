// Dashboards: what the projects of a community (or of every community of a street) have done —
// projects by status, money released by category and by community, people served, residents'
// ratings, milestones overdue. Aggregates only: no resident, household or beneficiary is named, and
// no rating comment is read. Amounts are summed in SQL, in fen.
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { db } from "@db/client";
import { places } from "@db/schema";
import type { NeedCategory } from "@db/schema";
import { assertCommunityStaff, assertStreetStaff } from "~/domains/needs/access.server";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { PROJECT_STATUSES, type DashboardFilter } from "./schemas";

export type ProjectStatusName = (typeof PROJECT_STATUSES)[number];

export interface CommunityFigures {
  communityId: string;
  name: string;
  projects: Record<ProjectStatusName, number>;
  paidFen: bigint;
  payableFen: bigint;
  beneficiaries: number;
  serviceHoursTenths: number;
  averageRatingTenths: number | null;
  ratings: number;
  overdue: number;
}

export interface DashboardFigures {
  projectsByStatus: Record<ProjectStatusName, number>;
  money: { paidFen: bigint; payableFen: bigint };
  moneyByCategory: { category: NeedCategory; paidFen: bigint; payableFen: bigint }[];
  /** Paid and payable per community and category: the finest grain, for the CSV. */
  moneyByCommunityCategory: { communityId: string; category: NeedCategory; paidFen: bigint; payableFen: bigint }[];
  beneficiaries: number;
  beneficiariesByGroup: { group: string; count: number }[];
  beneficiariesByCommunityGroup: { communityId: string; group: string; count: number }[];
  serviceHoursTenths: number;
  rating: { averageTenths: number | null; count: number };
  ratingsByProject: { projectId: string; title: string; communityId: string; averageTenths: number; count: number }[];
  overdue: { count: number; milestones: OverdueMilestone[] };
  byCommunity: CommunityFigures[];
}

export interface OverdueMilestone {
  milestoneId: string;
  title: string;
  dueDate: string;
  projectId: string;
  projectTitle: string;
  communityId: string;
}

const OVERDUE_LISTED = 50;

/** A community's dashboard, for its staff (the route checks who asks); null when there is no such community. */
export async function communityDashboard(communityId: string, filter: DashboardFilter) {
  const [community] = await db()
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.id, communityId), eq(places.level, "community")));
  if (!community) return null;
  const figures = await dashboardFigures([community], sql`pr.community_id = ${community.id}`, { ...filter, communityId: undefined });
  return { community, filter: { ...filter, communityId: undefined }, figures };
}

/** A street's dashboard: every community of the street, side by side; null when there is no such street. */
export async function streetDashboard(streetId: string, filter: DashboardFilter) {
  const [street] = await db()
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.id, streetId), eq(places.level, "street")));
  if (!street) return null;
  const communities = await db()
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.parentId, street.id), eq(places.level, "community")))
    .orderBy(asc(places.name));
  // A community of another street is not one of the choices: the filter falls back to the whole street.
  const chosen = communities.find((c) => c.id === filter.communityId);
  const inView = chosen ? [chosen] : communities;
  const where = chosen
    ? sql`pr.community_id = ${chosen.id}`
    : sql`pr.community_id in (select id from places where parent_id = ${street.id} and level = 'community')`;
  const figures = await dashboardFigures(inView, where, filter);
  return { street, communities, filter: { ...filter, communityId: chosen?.id }, figures };
}

/** The community's dashboard for its staff (401 for nobody, 403 for anyone else, 404 for no such community). */
export async function dashboardForCommunityStaff(actor: Actor | null, communityId: string, filter: DashboardFilter) {
  assertCommunityStaff(actor, communityId);
  const dashboard = await communityDashboard(communityId, filter);
  if (!dashboard) throw notFound();
  return dashboard;
}

/** The street's dashboard for its office (401 for nobody, 403 for anyone else, 404 for no such street). */
export async function dashboardForStreetStaff(actor: Actor | null, streetId: string, filter: DashboardFilter) {
  assertStreetStaff(actor, streetId);
  const dashboard = await streetDashboard(streetId, filter);
  if (!dashboard) throw notFound();
  return dashboard;
}

/** A community's public totals (居务公开): what its projects have done, in figures only. */
export async function communityTotals(communityId: string) {
  const dashboard = await communityDashboard(communityId, {});
  if (!dashboard) return null;
  const { projectsByStatus, money, beneficiaries, serviceHoursTenths, rating, overdue } = dashboard.figures;
  return { projectsByStatus, releasedFen: money.paidFen + money.payableFen, paidFen: money.paidFen, beneficiaries, serviceHoursTenths, rating, overdueMilestones: overdue.count };
}

export type CommunityTotals = NonNullable<Awaited<ReturnType<typeof communityTotals>>>;

// ---- the queries ----------------------------------------------------------------------------

// The category a project serves: its service need's for a marketplace agreement, the residents'
// need's for a project decided in a deliberation, otherwise "other".
const CATEGORY = sql`coalesce(sn.category::text, n.category::text, 'other')`;

/** `col` falls on or between the filter's days, counted in China time. */
function withinDays(col: SQL, f: DashboardFilter): SQL {
  const day = sql`(${col} at time zone 'Asia/Shanghai')::date`;
  return sql`${f.from ? sql` and ${day} >= ${f.from}::date` : sql``}${f.to ? sql` and ${day} <= ${f.to}::date` : sql``}`;
}

/** The projects in view as the common table `p`; by the day they were born unless `undated`. */
function projectsInView(where: SQL, f: DashboardFilter, undated = false): SQL {
  return sql`p as (
    select pr.id, pr.title, pr.community_id, pr.status, ${CATEGORY} as category
    from projects pr
    left join service_agreements sa on sa.id = pr.agreement_id and pr.source_type = 'agreement'
    left join service_needs sn on sn.id = sa.service_need_id
    left join needs n on n.id = pr.need_id
    where ${where}
      ${f.status ? sql`and pr.status = ${f.status}` : sql``}
      ${f.category ? sql`and ${CATEGORY} = ${f.category}` : sql``}
      ${undated ? sql`` : withinDays(sql`pr.created_at`, f)}
  )`;
}

async function rows<T>(query: SQL): Promise<T[]> {
  return (await db().execute(query)) as unknown as T[];
}

type MoneyRow = { community_id: string | null; category: NeedCategory | null; status: "paid" | "payable"; fen: string; g_community: number; g_category: number };
type PeopleRow = { community_id: string | null; grp: string | null; n: string; g_community: number; g_group: number };
type RatingRow = { project_id: string | null; title: string | null; community_id: string | null; tenths: number; n: number; g_project: number; g_community: number };

async function dashboardFigures(communities: { id: string; name: string }[], where: SQL, f: DashboardFilter): Promise<DashboardFigures> {
  const p = projectsInView(where, f);
  const [statusRows, moneyRows, peopleRows, hourRows, ratingRows, overdueCounts, overdueList] = await Promise.all([
    rows<{ community_id: string; status: ProjectStatusName; n: number }>(sql`
      with ${p} select community_id, status, count(*)::int as n from p group by community_id, status`),
    // Money by the day it was released (a payment instruction's payable day, or the day it was paid).
    rows<MoneyRow>(sql`
      with ${projectsInView(where, f, true)}
      select p.community_id, p.category, mp.status, sum(mp.amount_fen)::text as fen,
        grouping(p.community_id) as g_community, grouping(p.category) as g_category
      from milestone_payments mp join p on p.id = mp.project_id
      where true ${withinDays(sql`coalesce(mp.paid_at, mp.created_at)`, f)}
      group by grouping sets ((p.community_id, p.category, mp.status), (p.community_id, mp.status), (p.category, mp.status), (mp.status))`),
    // People served: the latest accepted report of each milestone (a report not yet accepted counts for nothing).
    rows<PeopleRow>(sql`
      with ${p}, latest as (${latestAcceptedReports()})
      select community_id, b->>'group' as grp, sum((b->>'count')::numeric)::text as n,
        grouping(community_id) as g_community, grouping(b->>'group') as g_group
      from latest, jsonb_array_elements(latest.beneficiaries) b
      group by grouping sets ((community_id, b->>'group'), (community_id), (b->>'group'), ())`),
    rows<{ community_id: string; tenths: string }>(sql`
      with ${p}, latest as (${latestAcceptedReports()})
      select community_id, sum(service_hours_tenths)::text as tenths from latest group by community_id`),
    // 民事民评: every household's score, averaged in tenths (hiding hides a comment, not a vote: ADR 0010).
    rows<RatingRow>(sql`
      with ${p}
      select p.id as project_id, p.title, p.community_id, round(avg(r.score) * 10)::int as tenths, count(*)::int as n,
        grouping(p.id) as g_project, grouping(p.community_id) as g_community
      from milestone_ratings r join milestones m on m.id = r.milestone_id join p on p.id = m.project_id
      group by grouping sets ((p.community_id, p.id, p.title), (p.community_id), ())`),
    rows<{ community_id: string; n: number }>(sql`
      with ${p} select p.community_id, count(*)::int as n from milestones m join p on p.id = m.project_id
      where m.status = 'overdue' group by p.community_id`),
    rows<{ milestone_id: string; title: string; due_date: string; project_id: string; project_title: string; community_id: string }>(sql`
      with ${p} select m.id as milestone_id, m.title, m.due_date::text as due_date, p.id as project_id, p.title as project_title, p.community_id
      from milestones m join p on p.id = m.project_id
      where m.status = 'overdue' order by m.due_date, p.title, m.position limit ${OVERDUE_LISTED}`),
  ]);

  const fen = (list: MoneyRow[], status: MoneyRow["status"]) => BigInt(list.find((r) => r.status === status)?.fen ?? "0");
  const moneyOf = (keep: (r: MoneyRow) => boolean) => {
    const list = moneyRows.filter(keep);
    return { paidFen: fen(list, "paid"), payableFen: fen(list, "payable") };
  };
  const categoriesWithMoney = [...new Set(moneyRows.filter((r) => r.g_category === 0 && r.g_community === 1).map((r) => r.category!))];
  const ratingOf = (r: RatingRow | undefined) => ({ averageTenths: r?.tenths ?? null, count: r?.n ?? 0 });
  const overallRating = ratingRows.find((r) => r.g_community === 1);
  const people = (keep: (r: PeopleRow) => boolean) => Number(peopleRows.find(keep)?.n ?? 0);

  const byCommunity = communities.map((c): CommunityFigures => {
    const rating = ratingOf(ratingRows.find((r) => r.g_project === 1 && r.g_community === 0 && r.community_id === c.id));
    return {
      communityId: c.id,
      name: c.name,
      projects: countByStatus(statusRows.filter((r) => r.community_id === c.id)),
      ...moneyOf((r) => r.g_community === 0 && r.g_category === 1 && r.community_id === c.id),
      beneficiaries: people((r) => r.g_community === 0 && r.g_group === 1 && r.community_id === c.id),
      serviceHoursTenths: Number(hourRows.find((r) => r.community_id === c.id)?.tenths ?? 0),
      averageRatingTenths: rating.averageTenths,
      ratings: rating.count,
      overdue: overdueCounts.find((r) => r.community_id === c.id)?.n ?? 0,
    };
  });

  return {
    projectsByStatus: countByStatus(statusRows),
    money: moneyOf((r) => r.g_community === 1 && r.g_category === 1),
    moneyByCategory: categoriesWithMoney.map((category) => ({ category, ...moneyOf((r) => r.g_community === 1 && r.g_category === 0 && r.category === category) })).sort(byTotalDesc),
    moneyByCommunityCategory: uniquePairs(moneyRows.filter((r) => r.g_community === 0 && r.g_category === 0)).map(([communityId, category]) => ({
      communityId,
      category,
      ...moneyOf((r) => r.g_community === 0 && r.g_category === 0 && r.community_id === communityId && r.category === category),
    })),
    beneficiaries: people((r) => r.g_community === 1 && r.g_group === 1),
    beneficiariesByGroup: peopleRows
      .filter((r) => r.g_community === 1 && r.g_group === 0)
      .map((r) => ({ group: r.grp ?? "", count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.group.localeCompare(b.group, "zh-CN")),
    beneficiariesByCommunityGroup: peopleRows.filter((r) => r.g_community === 0 && r.g_group === 0).map((r) => ({ communityId: r.community_id!, group: r.grp ?? "", count: Number(r.n) })),
    serviceHoursTenths: byCommunity.reduce((sum, c) => sum + c.serviceHoursTenths, 0),
    rating: ratingOf(overallRating),
    ratingsByProject: ratingRows
      .filter((r) => r.g_project === 0)
      .map((r) => ({ projectId: r.project_id!, title: r.title!, communityId: r.community_id!, averageTenths: r.tenths, count: r.n }))
      .sort((x, y) => x.title.localeCompare(y.title, "zh-CN")),
    overdue: {
      count: overdueCounts.reduce((sum, r) => sum + r.n, 0),
      milestones: overdueList.map((r) => ({ milestoneId: r.milestone_id, title: r.title, dueDate: r.due_date, projectId: r.project_id, projectTitle: r.project_title, communityId: r.community_id })),
    },
    byCommunity,
  };
}

/** The newest accepted version of each milestone's report, for the projects in `p`. */
function latestAcceptedReports(): SQL {
  return sql`
    select distinct on (r.milestone_id) p.community_id, r.beneficiaries, r.service_hours_tenths
    from milestone_reports r join milestones m on m.id = r.milestone_id join p on p.id = m.project_id
    where r.status = 'accepted'
    order by r.milestone_id, r.version desc`;
}

function countByStatus(list: { status: ProjectStatusName; n: number }[]): Record<ProjectStatusName, number> {
  const counts = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, 0])) as Record<ProjectStatusName, number>;
  for (const r of list) counts[r.status] += r.n;
  return counts;
}

function uniquePairs(list: MoneyRow[]): [string, NeedCategory][] {
  const seen = new Map<string, [string, NeedCategory]>();
  for (const r of list) seen.set(`${r.community_id}|${r.category}`, [r.community_id!, r.category!]);
  return [...seen.values()];
}

const byTotalDesc = (a: { paidFen: bigint; payableFen: bigint }, b: { paidFen: bigint; payableFen: bigint }) => {
  const d = b.paidFen + b.payableFen - (a.paidFen + a.payableFen);
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};
