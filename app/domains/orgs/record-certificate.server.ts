import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import { db, type Tx } from "@db/client";
import { socialWorkerCertificates } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { badInput, forbidden } from "~/utils/errors";
import { newId } from "~/utils/ids";
import type { Actor } from "~/utils/permissions.server";
import { roleIn } from "./memberships.server";
import type { certificateSchema } from "./schemas";

/**
 * A member records their own social-worker certificate with the organisation; it counts once the
 * organisation's owner or admin has checked it. A number is registered once on the platform; a
 * member whose certificate was rejected records it again (rejected → pending).
 */
export async function recordCertificate(options: { actor: Actor; orgId: string; input: z.infer<typeof certificateSchema> }): Promise<{ certificateId: string }> {
  const { actor, orgId, input } = options;
  if (!roleIn(actor, orgId)) throw forbidden("orgs.certificateMembersOnly");
  return db().transaction(async (tx) => {
    const [mine] = await tx
      .select()
      .from(socialWorkerCertificates)
      .where(and(eq(socialWorkerCertificates.number, input.number), eq(socialWorkerCertificates.userId, actor.userId), eq(socialWorkerCertificates.orgId, orgId)));
    if (mine && mine.status === "rejected") {
      await tx.update(socialWorkerCertificates).set({ level: input.level, status: "pending", reviewedBy: null, reviewedAt: null }).where(eq(socialWorkerCertificates.id, mine.id));
      await audit(tx, actor, mine.id, "rejected", orgId);
      return { certificateId: mine.id };
    }
    const id = newId();
    const inserted = await tx
      .insert(socialWorkerCertificates)
      .values({ id, userId: actor.userId, orgId, level: input.level, number: input.number })
      .onConflictDoNothing()
      .returning({ id: socialWorkerCertificates.id });
    if (inserted.length === 0) throw badInput({ number: "orgs.certificateNumberTaken" });
    await audit(tx, actor, id, null, orgId);
    return { certificateId: id };
  });
}

function audit(tx: Tx, actor: Actor, id: string, fromState: string | null, orgId: string) {
  return recordAudit(tx, { actorId: actor.userId, action: "certificate.record", entityType: "certificate", entityId: id, fromState, toState: "pending", detail: { orgId } });
}
