import { and, eq } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { householdMembers, households, memberships, organisations, users } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { takeTry, type ThrottleKey } from "~/utils/auth.server";
import { AppError, badInput } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import { newId } from "~/utils/ids";
import { authorize, type Actor } from "~/utils/permissions.server";
import type { JoinHouseholdInput } from "./schemas";
import { householdInScope, membershipOf } from "./scope.server";

/**
 * Codes tried within an hour before a pause (sign-in's throttle, with its own key). A right code
 * counts too and forgets nothing: otherwise one's own code would reset the count between guesses.
 */
export const WRONG_CODES_BEFORE_PAUSE = 10;

/**
 * A signed-in person joins the household whose code staff gave them. The link is unverified until
 * staff confirm it, so a leaked code adds nobody to a vote; and wrong codes are counted like wrong
 * passwords, so codes cannot be guessed either.
 */
export async function joinHousehold(options: { actor: Actor | null; input: JoinHouseholdInput }): Promise<{ householdId: string }> {
  const { actor, input } = options;
  authorize(actor, "account.use");
  const throttle: ThrottleKey[] = [{ key: `join:${actor.userId}`, lockAfter: WRONG_CODES_BEFORE_PAUSE, lockedMessage: "households.tooManyCodes" }];
  await takeTry(throttle);
  const [found] = await db().select({ id: households.id }).from(households).where(eq(households.joinCode, input.code));
  if (!found) throw badInput({ code: "households.codeUnknown" });
  const household = (await householdInScope(found.id))!;

  await db().transaction(async (tx) => {
    const current = await membershipOf(tx, actor.userId);
    if (current) throw alreadyInHousehold(current.householdId === household.id, current.household);
    const inserted = await tx
      .insert(householdMembers)
      .values({ userId: actor.userId, householdId: household.id, verified: false })
      .onConflictDoNothing()
      .returning({ userId: householdMembers.userId });
    if (inserted.length === 0) throw alreadyInHousehold(false, null);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: "household.join",
      entityType: "household",
      entityId: household.id,
      toState: "unverified",
      detail: { userId: actor.userId },
    });
    if (household.communityId) await askStaffToConfirm(tx, { ...household, communityId: household.communityId }, actor.userId);
  });
  return { householdId: household.id };
}

function alreadyInHousehold(same: boolean, household: { buildingName: string; label: string } | null) {
  if (same) return badInput({ code: "households.alreadyJoinedThis" });
  const where = household ? `${household.buildingName} ${household.label}` : "";
  return new AppError("bad_input", { message: "households.alreadyInHousehold", params: { household: where }, fieldErrors: { code: "households.leaveFirst" } });
}

/** Tells the community's staff, in the same transaction, that someone waits for confirmation. */
async function askStaffToConfirm(
  tx: Tx,
  household: { id: string; label: string; buildingName: string; communityId: string },
  userId: string,
) {
  const staff = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(and(eq(organisations.kind, "community_committee"), eq(organisations.status, "verified"), eq(organisations.placeId, household.communityId)));
  if (staff.length === 0) return;
  const [person] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  await enqueueJob(tx, "notify", {
    key: `household.join:${newId()}`,
    kind: "household.join",
    title: "households.notifyJoinTitle",
    body: "households.notifyJoinBody",
    params: { name: person?.name ?? "", household: `${household.buildingName} ${household.label}` },
    link: `/community/${household.communityId}/households/${household.id}`,
    userIds: staff.map((s) => s.userId),
  });
}
