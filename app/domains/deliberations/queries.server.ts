// Reads for the deliberation pages. The public page never learns which household chose what: it
// gets counts per option (after the tally), turnout, and comments without names or door plates.
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationComments, deliberationOptions, deliberations, funds, householdMembers, needs, places, votes, type Deliberation } from "@db/schema";
import { isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { needIdsOf } from "./notices.server";
import { householdInScope, householdsOfScope, scopeHouseholdCount, scopePlace } from "./scope.server";
import type { TallyResult } from "./tally";

const naturally = new Intl.Collator("zh-CN", { numeric: true }).compare;

/** A deliberation's options in order; an option that spends money names its fund and ceiling (fen, as a decimal string). */
async function optionsOf(deliberationId: string) {
  const rows = await db()
    .select({ id: deliberationOptions.id, label: deliberationOptions.label, fundId: funds.id, fundName: funds.name, ceilingFen: deliberationOptions.spendCeilingFen })
    .from(deliberationOptions)
    .leftJoin(funds, eq(funds.id, deliberationOptions.spendFundId))
    .where(eq(deliberationOptions.deliberationId, deliberationId))
    .orderBy(asc(deliberationOptions.position));
  return rows.map(({ id, label, fundId, fundName, ceilingFen }) => ({
    id,
    label,
    spend: fundId && ceilingFen !== null ? { fundId, fundName: fundName ?? "", ceilingFen: String(ceilingFen) } : null,
  }));
}

async function roundsAround(d: Deliberation) {
  const previous = d.previousRoundId
    ? ((await db().select({ id: deliberations.id, question: deliberations.question, status: deliberations.status }).from(deliberations).where(eq(deliberations.id, d.previousRoundId)))[0] ?? null)
    : null;
  const next = await db()
    .select({ id: deliberations.id, question: deliberations.question, status: deliberations.status })
    .from(deliberations)
    .where(and(eq(deliberations.previousRoundId, d.id), sql`${deliberations.status} <> 'draft'`));
  return { previous, next };
}

/** The 居务公开 page: null for a draft (not public yet) unless the viewer is the community's staff. */
export async function publicDeliberation(deliberationId: string, actor: Actor | null) {
  const [d] = await db().select().from(deliberations).where(eq(deliberations.id, deliberationId));
  if (!d) return null;
  const isStaff = isCommunityStaff(actor, d.communityId);
  if (d.status === "draft" && !isStaff) return null;

  const scope = await scopePlace(d.scopePlaceId);
  const needIds = await needIdsOf(db(), d.id);
  const linked = needIds.length ? await db().select({ id: needs.id, title: needs.title, isPublic: needs.isPublic }).from(needs).where(inArray(needs.id, needIds)) : [];
  const tallied = d.talliedAt ? (d.result as TallyResult) : null;
  const [{ voting }] = await db().select({ voting: count() }).from(votes).where(eq(votes.deliberationId, d.id));

  // A comment says whether staff or a resident wrote it: nothing that identifies the person.
  const staffIds = sql`(select m.user_id from memberships m join organisations o on o.id = m.org_id
    where o.kind = 'community_committee' and o.status = 'verified' and o.place_id = ${d.communityId})`;
  const comments = await db()
    .select({ id: deliberationComments.id, body: deliberationComments.body, at: deliberationComments.createdAt, byStaff: sql<boolean>`${deliberationComments.authorId} in ${staffIds}` })
    .from(deliberationComments)
    .where(eq(deliberationComments.deliberationId, d.id))
    .orderBy(asc(deliberationComments.createdAt))
    .limit(500);

  return {
    deliberation: {
      id: d.id,
      communityId: d.communityId,
      question: d.question,
      status: d.status,
      round: d.round,
      opensAt: d.opensAt,
      closesAt: d.closesAt,
      quorumPercent: d.quorumPercent,
      threshold: d.threshold,
      talliedAt: d.talliedAt,
    },
    scope: scope ? { level: scope.level, name: scope.name } : null,
    options: await optionsOf(d.id),
    // While voting, only turnout: counts per option would sway the households still to vote.
    result: tallied,
    turnout: tallied ? null : { voting, eligible: await scopeHouseholdCount(db(), d.scopePlaceId) },
    needs: linked.filter((n) => n.isPublic).map(({ id, title }) => ({ id, title })),
    privateNeeds: linked.filter((n) => !n.isPublic).length,
    comments,
    rounds: await roundsAround(d),
    isStaff,
  };
}

export type Ballot =
  | { state: "anonymous" }
  | { state: "refused"; reason: "deliberations.noHousehold" | "deliberations.unverified" | "deliberations.outsideScope" }
  | { state: "eligible"; current: { optionId: string; channel: "online" | "paper" } | null };

/** Whether the viewer's household may vote here, and what it chose (shown only to its own members). */
export async function ballotOf(actor: Actor | null, deliberation: { id: string; scopePlaceId: string }): Promise<Ballot> {
  if (!actor) return { state: "anonymous" };
  const [member] = await db().select().from(householdMembers).where(eq(householdMembers.userId, actor.userId));
  if (!member) return { state: "refused", reason: "deliberations.noHousehold" };
  if (!(await householdInScope(db(), member.householdId, deliberation.scopePlaceId))) return { state: "refused", reason: "deliberations.outsideScope" };
  if (!member.verified) return { state: "refused", reason: "deliberations.unverified" };
  const [current] = await db()
    .select({ optionId: votes.optionId, channel: votes.channel })
    .from(votes)
    .where(and(eq(votes.deliberationId, deliberation.id), eq(votes.householdId, member.householdId)));
  return { state: "eligible", current: current ?? null };
}

export async function scopeOfDeliberation(deliberationId: string) {
  const [row] = await db().select({ id: deliberations.id, scopePlaceId: deliberations.scopePlaceId }).from(deliberations).where(eq(deliberations.id, deliberationId));
  return row ?? null;
}

/** A community's deliberations, newest first, with how many households have voted. */
export async function communityDeliberations(communityId: string) {
  const [community] = await db().select({ id: places.id, name: places.name }).from(places).where(and(eq(places.id, communityId), eq(places.level, "community")));
  if (!community) return null;
  const rows = await db()
    .select({
      id: deliberations.id,
      question: deliberations.question,
      status: deliberations.status,
      round: deliberations.round,
      closesAt: deliberations.closesAt,
      voting: sql<number>`(select count(*)::int from votes v where v.deliberation_id = ${deliberations.id})`,
    })
    .from(deliberations)
    .where(eq(deliberations.communityId, communityId))
    .orderBy(desc(deliberations.createdAt))
    .limit(200);
  return { community, deliberations: rows };
}

/** What the create form offers: the needs waiting for a vote, and the places that can be a scope. */
export async function deliberationFormChoices(communityId: string) {
  const readyNeeds = await db()
    .select({ id: needs.id, title: needs.title })
    .from(needs)
    .where(and(eq(needs.communityId, communityId), eq(needs.status, "triaged"), eq(needs.triage, "small")))
    .orderBy(desc(needs.createdAt))
    .limit(200);
  const rows = await db().execute<{ id: string; name: string; level: "community" | "grid" | "building"; grid_name: string | null }>(sql`
    select c.id, c.name, 'community' as level, null as grid_name from places c where c.id = ${communityId} and c.level = 'community'
    union all
    select g.id, g.name, 'grid', g.name from places g where g.parent_id = ${communityId} and g.level = 'grid'
    union all
    select b.id, b.name, 'building', g.name from places b join places g on g.id = b.parent_id
    where g.parent_id = ${communityId} and g.level = 'grid' and b.level = 'building'`);
  const order = { community: 0, grid: 1, building: 2 };
  const scopes = [...rows].sort((a, b) => order[a.level] - order[b.level] || naturally(a.grid_name ?? "", b.grid_name ?? "") || naturally(a.name, b.name));
  // The funds an option may spend from: the community's micro-fund and its sub-funds.
  const spendFunds = await db().select({ id: funds.id, name: funds.name }).from(funds).where(eq(funds.communityId, communityId)).orderBy(asc(funds.createdAt));
  return { readyNeeds, scopes: scopes.map((s) => ({ id: s.id, name: s.name, level: s.level })), spendFunds };
}

/** The round a further round follows: its question, options, rules and needs, to start from. */
export async function previousRound(communityId: string, deliberationId: string) {
  const [d] = await db().select().from(deliberations).where(and(eq(deliberations.id, deliberationId), eq(deliberations.communityId, communityId)));
  if (!d) return null;
  const needIds = await needIdsOf(db(), d.id);
  const linked = needIds.length ? await db().select({ id: needs.id, title: needs.title }).from(needs).where(inArray(needs.id, needIds)) : [];
  return { deliberation: d, options: await optionsOf(d.id), needs: linked };
}

/** One deliberation for its community's staff: the households of the scope and whether (not how) each voted. */
export async function deliberationForStaff(deliberationId: string) {
  const [d] = await db().select().from(deliberations).where(eq(deliberations.id, deliberationId));
  if (!d) return null;
  const scope = await scopePlace(d.scopePlaceId);
  const rows = await db().execute<{ id: string; label: string; building: string; channel: "online" | "paper" | null }>(sql`
    select h.id, h.label, b.name as building, v.channel
    from (${householdsOfScope(d.scopePlaceId)}) s
    join households h on h.id = s.id
    join places b on b.id = h.building_id
    left join votes v on v.household_id = h.id and v.deliberation_id = ${d.id}`);
  const scopeHouseholds = [...rows].sort((a, b) => naturally(a.building, b.building) || naturally(a.label, b.label));
  return {
    deliberation: d,
    scope,
    options: await optionsOf(d.id),
    households: scopeHouseholds.map((h) => ({ id: h.id, name: `${h.building} ${h.label}`, channel: h.channel })),
    rounds: await roundsAround(d),
  };
}
