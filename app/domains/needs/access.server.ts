// Who may work a community's or a street's needs: its staff only (403 for everyone else, 401 for nobody).
import { AppError, forbidden } from "~/utils/errors";
import { isCommunityStaff, isStreetStaff, type Actor } from "~/utils/permissions.server";

export function assertCommunityStaff(actor: Actor | null, communityId: string): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (!isCommunityStaff(actor, communityId)) throw forbidden();
}

export function assertStreetStaff(actor: Actor | null, streetId: string): asserts actor is Actor {
  if (!actor) throw new AppError("unauthenticated");
  if (!isStreetStaff(actor, streetId)) throw forbidden();
}
