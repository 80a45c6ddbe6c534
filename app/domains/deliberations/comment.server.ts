// 民事民议: residents of the scope (verified) and the community's staff discuss while the vote is open.
import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { deliberationComments, deliberations, householdMembers } from "@db/schema";
import { conflict, forbidden, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { authorize, isCommunityStaff, type Actor } from "~/utils/permissions.server";
import type { CommentInput } from "./schemas";
import { householdInScope } from "./scope.server";

export async function addComment(options: { actor: Actor | null; deliberationId: string; input: CommentInput; now?: Date }) {
  const { actor, deliberationId, input, now = new Date() } = options;
  authorize(actor, "account.use");
  const [deliberation] = await db().select().from(deliberations).where(eq(deliberations.id, deliberationId));
  if (!deliberation) throw notFound();
  if (deliberation.status !== "open" || now >= deliberation.closesAt) throw conflict("deliberations.commentsClosed");

  if (!isCommunityStaff(actor, deliberation.communityId)) {
    const [member] = await db().select().from(householdMembers).where(eq(householdMembers.userId, actor.userId));
    if (!member?.verified || !(await householdInScope(db(), member.householdId, deliberation.scopePlaceId))) throw forbidden("deliberations.commentNotAllowed");
  }
  const [comment] = await db()
    .insert(deliberationComments)
    .values({ id: newId(), deliberationId, authorId: actor.userId, body: input.body })
    .returning();
  return comment;
}
