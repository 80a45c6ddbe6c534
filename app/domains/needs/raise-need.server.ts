// 民事民提: a resident raises a need for their own community, or staff file one at the counter for
// a resident. The raiser follows the need from the start; the community's staff are told.
import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "@db/client";
import { householdMembers, needPhotos, needs, users } from "@db/schema";
import { householdInScope } from "~/domains/households/scope.server";
import { AppError, badInput, forbidden, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, isCommunityStaff, type Actor } from "~/utils/permissions.server";
import { removePhotos, storePhotos, type CheckedPhoto } from "./photos.server";
import { communityPlaces, isPlaceOf } from "./places.server";
import type { FileForResidentInput, RaiseNeedInput } from "./schemas";
import { follow, staffOf, tell } from "./steps.server";
import { recordNeedStep } from "./timeline.server";

/** A resident raises a need for the community their household is in. */
export async function raiseNeed(options: { actor: Actor | null; communityId?: string; input: RaiseNeedInput; photos: CheckedPhoto[] }) {
  const { actor, input } = options;
  authorize(actor, "account.use");
  const own = actor.household?.communityId;
  if (!own) throw new AppError("forbidden", { message: "needs.joinHouseholdFirst" });
  if (options.communityId && options.communityId !== own) throw forbidden("needs.notYourCommunity");
  return writeNeed({ actorId: actor.userId, raisedBy: actor.userId, communityId: own, input, photos: options.photos });
}

/** Staff file a need for a registered resident (found by a verified phone or email) who came to the counter. */
export async function fileNeedForResident(options: { actor: Actor | null; communityId: string; input: FileForResidentInput; photos: CheckedPhoto[] }) {
  const { actor, input, communityId } = options;
  authorize(actor, "account.use");
  if (!isCommunityStaff(actor, communityId)) throw forbidden();
  const { phone, email } = input.resident;
  // Only a proved contact names the resident: whoever signed up first with someone's number,
  // without proving it, must not follow (and be told of) that person's need. An unproved match
  // answers as no match does, so the form tells nobody that such an account exists.
  const [resident] = await db()
    .select({ id: users.id })
    .from(users)
    .where(phone ? and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt)) : and(eq(users.email, email ?? ""), isNotNull(users.emailVerifiedAt)));
  if (!resident) throw badInput({ resident: "needs.residentUnknown" });
  const [membership] = await db().select({ householdId: householdMembers.householdId }).from(householdMembers).where(eq(householdMembers.userId, resident.id));
  if (membership) {
    const household = await householdInScope(membership.householdId);
    if (household?.communityId !== communityId) throw badInput({ resident: "needs.residentElsewhere" });
  }
  return writeNeed({ actorId: actor.userId, raisedBy: resident.id, communityId, input, photos: options.photos });
}

async function writeNeed(options: { actorId: string; raisedBy: string; communityId: string; input: RaiseNeedInput; photos: CheckedPhoto[] }) {
  const { input, communityId } = options;
  const scope = await communityPlaces(communityId);
  if (!scope) throw notFound();
  if (input.placeId && !isPlaceOf(scope, input.placeId)) throw badInput({ placeId: "needs.placeNotInCommunity" });

  const needId = newId();
  // Files are stored once everything has been checked, and removed again if the rows are not written.
  const stored = await storePhotos(needId, options.photos);
  try {
    await db().transaction(async (tx) => {
      await tx.insert(needs).values({
        id: needId,
        title: input.title,
        description: input.description,
        category: input.category,
        communityId,
        placeId: input.placeId ?? communityId,
        raisedBy: options.raisedBy,
        filedBy: options.actorId,
        isPublic: input.isPublic,
      });
      if (stored.length) await tx.insert(needPhotos).values(stored.map((p) => ({ ...p, needId })));
      await follow(tx, needId, [options.raisedBy]);
      await recordNeedStep(tx, {
        needId,
        actorId: options.actorId,
        kind: options.actorId === options.raisedBy ? "raised" : "filed_for_resident",
        toStatus: "submitted",
        detail: { photos: stored.length, isPublic: input.isPublic },
      });
      const step = { needId, actorId: options.actorId, eventKey: "raised" };
      await tell(tx, step, await staffOf(tx, "community_committee", communityId), {
        kind: "need.raised",
        title: "needs.notifyRaisedTitle",
        body: "needs.notifyRaisedBody",
        params: { title: input.title, community: scope.community.name },
        link: `/community/${communityId}/needs/${needId}`,
      });
      await tell(tx, step, [options.raisedBy], {
        kind: "need.filed",
        title: "needs.notifyFiledTitle",
        body: "needs.notifyFiledBody",
        params: { title: input.title, community: scope.community.name },
        link: `/needs/${needId}`,
      });
    });
  } catch (error) {
    await removePhotos(stored);
    throw error;
  }
  return { needId };
}
