// Reads for the needs pages. Who may see a need is decided here, once (`viewerOf`): a public need
// is anyone's to read; any other need only its raiser's, its community's staff's and, once
// escalated, its street's. Following a need never lets anyone read it (followers are whom a step is
// told, and a merge adds to them), so no merge can widen who reads a need. Public views never carry
// the raiser's name, contact, household or building (PIPL), nor the staff's triage notes.
import { and, asc, count, desc, eq, inArray, notInArray } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, households, needEvents, needPhotos, needs, places, users, type Need } from "@db/schema";
import { maskContact } from "~/domains/households/queries.server";
import { householdInScope } from "~/domains/households/scope.server";
import { isCommunityStaff, isStreetStaff, type Actor } from "~/utils/permissions.server";
import { communityPlaces, placeFilterIds, type CommunityPlaces } from "./places.server";
import { statusOf, type NeedFilter } from "./schemas";
import { searchNeeds, type NeedListItem, type NeedSearch } from "./search.server";
import { FINISHED_NEED_STATUSES, HIDDEN_FROM_PUBLIC, isPubliclyVisible, OPEN_NEED_STATUSES } from "./states";

export { isPubliclyVisible };

export type Viewer = "public" | "raiser" | "staff" | "street";

/** How the actor may see the need, or null when it is none of their business (a 404 to them). */
export function viewerOf(actor: Actor | null, need: Pick<Need, "isPublic" | "status" | "raisedBy" | "communityId" | "escalatedToId">): Viewer | null {
  if (actor) {
    if (isCommunityStaff(actor, need.communityId)) return "staff";
    if (need.escalatedToId && isStreetStaff(actor, need.escalatedToId)) return "street";
    if (need.raisedBy === actor.userId) return "raiser";
  }
  return isPubliclyVisible(need) ? "public" : null;
}

/** What a list shows of a need to the public: no place below the community, no staff notes. */
export function publicListItem({ placeId: _p, placeName: _n, triageNote: _t, ...rest }: NeedListItem) {
  return rest;
}

/**
 * Steps whose note records a public fact (the option the residents chose, the project's title);
 * every other note, the triage note above all, is the staff's words about a resident's matter.
 */
const PUBLIC_NOTE_KINDS = ["decided", "in_delivery"];

/**
 * A need's steps. Who took each step is for staff; a staff note is for staff and for the resident
 * who raised the need, never for a public page.
 */
async function timelineOf(needIds: string[], show: { actors: boolean; notes: boolean }) {
  if (needIds.length === 0) return [];
  const rows = await db()
    .select({
      id: needEvents.id,
      needId: needEvents.needId,
      kind: needEvents.kind,
      fromStatus: needEvents.fromStatus,
      toStatus: needEvents.toStatus,
      note: needEvents.note,
      at: needEvents.at,
      actorName: users.displayName,
    })
    .from(needEvents)
    .leftJoin(users, eq(users.id, needEvents.actorId))
    .where(inArray(needEvents.needId, needIds))
    .orderBy(asc(needEvents.at), asc(needEvents.id));
  return rows.map(({ actorName, note, ...event }) => ({ ...event, note: show.notes || PUBLIC_NOTE_KINDS.includes(event.kind) ? note : null, actorName: show.actors ? actorName : null }));
}

async function photoIds(needId: string) {
  const rows = await db().select({ id: needPhotos.id }).from(needPhotos).where(eq(needPhotos.needId, needId)).orderBy(asc(needPhotos.position));
  return rows.map((r) => r.id);
}

/** The need page (/needs/<id>): the same for everyone who may see it, and never who raised it. */
export async function needPage(actor: Actor | null, needId: string) {
  const [need] = await db().select().from(needs).where(eq(needs.id, needId));
  if (!need) return null;
  const viewer = viewerOf(actor, need);
  if (!viewer) return null;
  const [community] = await db().select({ name: places.name }).from(places).where(eq(places.id, need.communityId));
  const [mergedInto] = need.mergedIntoId ? await db().select().from(needs).where(eq(needs.id, need.mergedIntoId)) : [];
  return {
    viewer,
    need: {
      id: need.id,
      title: need.title,
      description: need.description,
      category: need.category,
      status: need.status,
      triage: need.triage,
      isPublic: need.isPublic,
      communityId: need.communityId,
      communityName: community?.name ?? "",
      createdAt: need.createdAt,
      canWithdraw: viewer === "raiser" && need.status === "submitted",
    },
    // The need it was merged into is named only to those who may read that need in its own right.
    mergedInto: mergedInto && viewerOf(actor, mergedInto) ? { id: mergedInto.id, title: mergedInto.title } : null,
    photos: await photoIds(need.id),
    timeline: await timelineOf([need.id], { actors: false, notes: viewer === "raiser" }),
  };
}

/** The resident's own needs, newest first, each with its timeline. */
export async function myNeeds(userId: string) {
  const rows = await db()
    .select({ id: needs.id, title: needs.title, category: needs.category, status: needs.status, triage: needs.triage, isPublic: needs.isPublic, createdAt: needs.createdAt, communityName: places.name })
    .from(needs)
    .innerJoin(places, eq(places.id, needs.communityId))
    .where(eq(needs.raisedBy, userId))
    .orderBy(desc(needs.createdAt))
    .limit(50);
  const events = await timelineOf(
    rows.map((r) => r.id),
    { actors: false, notes: true },
  );
  return rows.map((r) => ({ ...r, timeline: events.filter((e) => e.needId === r.id) }));
}

/** The form of /needs/new: the resident's community, its places, and their building as the default. */
export async function raiseFormFor(actor: Actor) {
  if (!actor.household?.communityId) return null;
  const scope = await communityPlaces(actor.household.communityId);
  if (!scope) return null;
  const household = await householdInScope(actor.household.householdId);
  return { scope, defaultPlaceId: household?.buildingId ?? "" };
}

function listSearch(scope: CommunityPlaces | null, filter: NeedFilter): NeedSearch {
  return {
    q: filter.q,
    category: filter.category,
    placeIds: scope && filter.placeId ? placeFilterIds(scope, filter.placeId) : undefined,
    sort: filter.sort,
    page: filter.page,
  };
}

/** A community's inbox: new needs first by default; any status, category, place and words on request. */
export async function communityInbox(communityId: string, filter: NeedFilter) {
  const scope = await communityPlaces(communityId);
  if (!scope) return null;
  const status = filter.status ? statusOf(filter.status) : "submitted";
  const [[{ waiting }], list] = await Promise.all([
    db()
      .select({ waiting: count() })
      .from(needs)
      .where(and(eq(needs.communityId, communityId), eq(needs.status, "submitted"))),
    searchNeeds({ ...listSearch(scope, filter), communityId, statuses: status ? [status] : undefined }),
  ]);
  return { scope, waiting, status: status ?? "all", ...list };
}

/** A street's inbox: the 大事 its communities escalated to it. */
export async function streetInbox(streetId: string, filter: NeedFilter) {
  const [street] = await db()
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.id, streetId), eq(places.level, "street")));
  if (!street) return null;
  const list = await searchNeeds({ ...listSearch(null, filter), escalatedToId: streetId, statuses: statusOf(filter.status) ? [statusOf(filter.status)!] : undefined });
  return { street, ...list, needs: list.needs.map(({ placeName: _building, ...n }) => n) };
}

/** The public list (/needs): public needs that are not withdrawn or referred. */
export async function publicNeeds(filter: NeedFilter) {
  const list = await searchNeeds({ ...listSearch(null, filter), publicOnly: true, excludeStatuses: [...HIDDEN_FROM_PUBLIC, "merged"] });
  return { ...list, needs: list.needs.map(publicListItem) };
}

/** A community's public page: its open public needs. */
export async function communityPublicNeeds(communityId: string, page = 1) {
  const [community] = await db()
    .select({ id: places.id, name: places.name })
    .from(places)
    .where(and(eq(places.id, communityId), eq(places.level, "community")));
  if (!community) return null;
  const list = await searchNeeds({ communityId, publicOnly: true, statuses: OPEN_NEED_STATUSES, page });
  return { community, ...list, needs: list.needs.map(publicListItem) };
}

/** Whether the need is one of this community's (another community's need is not found under its address). */
export async function isNeedOf(communityId: string, needId: string): Promise<boolean> {
  const [row] = await db()
    .select({ id: needs.id })
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.communityId, communityId)));
  return !!row;
}

/** One need as its community's staff see it: who raised it (masked), where, and what to merge it into. */
export async function staffNeed(communityId: string, needId: string) {
  const [need] = await db()
    .select()
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.communityId, communityId)));
  if (!need) return null;
  const [raiser] = need.raisedBy
    ? await db()
        .select({ name: users.displayName, phone: users.phone, email: users.email, householdId: householdMembers.householdId, householdLabel: households.label, buildingName: places.name })
        .from(users)
        .leftJoin(householdMembers, eq(householdMembers.userId, users.id))
        .leftJoin(households, eq(households.id, householdMembers.householdId))
        .leftJoin(places, eq(places.id, households.buildingId))
        .where(eq(users.id, need.raisedBy))
    : [];
  const [[place], [filer], mergeCandidates, photos, timeline] = await Promise.all([
    db().select({ name: places.name }).from(places).where(eq(places.id, need.placeId)),
    db().select({ name: users.displayName }).from(users).where(eq(users.id, need.filedBy)),
    db()
      .select({ id: needs.id, title: needs.title, createdAt: needs.createdAt })
      .from(needs)
      .where(and(eq(needs.communityId, communityId), notInArray(needs.status, FINISHED_NEED_STATUSES)))
      .orderBy(desc(needs.createdAt))
      .limit(100),
    photoIds(need.id),
    timelineOf([need.id], { actors: true, notes: true }),
  ]);
  return {
    need: { ...need, searchGrams: undefined, placeName: place?.name ?? "" },
    raiser: raiser
      ? {
          name: raiser.name,
          contact: maskContact(raiser.phone, raiser.email),
          household: raiser.householdLabel ? `${raiser.buildingName ?? ""} ${raiser.householdLabel}` : null,
        }
      : null,
    filedBy: need.filedBy !== need.raisedBy ? (filer?.name ?? null) : null,
    mergeCandidates: mergeCandidates.filter((c) => c.id !== need.id),
    photos,
    timeline,
  };
}

/** The photo and whether the actor may see it (the need's own rule). */
export async function photoFor(actor: Actor | null, photoId: string) {
  const [row] = await db()
    .select({
      storageKey: needPhotos.storageKey,
      contentType: needPhotos.contentType,
      need: { isPublic: needs.isPublic, status: needs.status, raisedBy: needs.raisedBy, communityId: needs.communityId, escalatedToId: needs.escalatedToId },
    })
    .from(needPhotos)
    .innerJoin(needs, eq(needs.id, needPhotos.needId))
    .where(eq(needPhotos.id, photoId));
  if (!row) return null;
  const viewer = viewerOf(actor, row.need);
  return viewer ? { storageKey: row.storageKey, contentType: row.contentType, isPublic: viewer === "public" || isPubliclyVisible(row.need) } : null;
}
