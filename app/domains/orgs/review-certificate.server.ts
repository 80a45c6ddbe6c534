import { eq } from "drizzle-orm";
import { db } from "@db/client";
import { socialWorkerCertificates } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import type { NotifyPayload } from "~/domains/notifications/notify.server";
import { forbidden, notFound } from "~/utils/errors";
import { newId } from "~/utils/ids";
import { enqueueJob } from "~/utils/jobs.server";
import { authorize, type Actor } from "~/utils/permissions.server";
import { assertCertificateTransition } from "./states";

/**
 * The organisation's owner or admin checks a member's certificate (pending → verified | rejected);
 * the member is told. A certificate recorded with another organisation is not theirs to decide, and
 * nobody decides their own: a verified certificate counts toward eligibility rules, so it needs a
 * second person (another owner or admin of the organisation). The database holds the same rule.
 */
export async function reviewCertificate(options: { actor: Actor; orgId: string; certificateId: string; decision: "verified" | "rejected" }) {
  const { actor, orgId, certificateId, decision } = options;
  authorize(actor, "org.manage", { orgId });
  await db().transaction(async (tx) => {
    const [certificate] = await tx.select().from(socialWorkerCertificates).where(eq(socialWorkerCertificates.id, certificateId)).for("update");
    if (!certificate || certificate.orgId !== orgId) throw notFound();
    if (certificate.userId === actor.userId) throw forbidden("orgs.certificateNotYourOwn");
    assertCertificateTransition(certificate.status, decision);
    const verified = decision === "verified";
    await tx
      .update(socialWorkerCertificates)
      .set({ status: decision, reviewedBy: actor.userId, reviewedAt: new Date() })
      .where(eq(socialWorkerCertificates.id, certificateId));
    await recordAudit(tx, {
      actorId: actor.userId,
      action: verified ? "certificate.verify" : "certificate.reject",
      entityType: "certificate",
      entityId: certificateId,
      fromState: certificate.status,
      toState: decision,
      detail: { orgId },
    });
    const message: NotifyPayload = {
      // A certificate can be rejected, recorded again and decided again: each decision is told once.
      key: `certificate.${decision}:${newId()}`,
      kind: `certificate.${decision}`,
      title: verified ? "orgs.notify.certificateVerifiedTitle" : "orgs.notify.certificateRejectedTitle",
      body: verified ? "orgs.notify.certificateVerifiedBody" : "orgs.notify.certificateRejectedBody",
      params: { number: certificate.number },
      link: `/orgs/${orgId}/manage`,
      userIds: [certificate.userId],
    };
    await enqueueJob(tx, "notify", { ...message });
  });
}
