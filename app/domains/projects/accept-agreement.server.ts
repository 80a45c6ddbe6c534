// Each side accepts the service agreement in the app: the purchaser (a member of the committee that
// posted the service need) and the provider (an owner or admin of the selected organisation). The
// second acceptance makes the agreement accepted and creates the project, in one transaction.
import { eq, sql } from "drizzle-orm";
import { db } from "@db/client";
import { serviceAgreements } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { conflict, forbidden, notFound } from "~/utils/errors";
import { enqueueJob } from "~/utils/jobs.server";
import type { Actor } from "~/utils/permissions.server";
import { createProjectFromAgreement } from "./create-project.server";
import { agreementSides } from "./sides";

export async function acceptAgreement(options: { actor: Actor | null; agreementId: string }) {
  const { actor, agreementId } = options;
  return db().transaction(async (tx) => {
    const [agreement] = await tx.select().from(serviceAgreements).where(eq(serviceAgreements.id, agreementId)).for("update");
    if (!agreement) throw notFound();
    const sides = agreementSides(actor, agreement);
    if (!sides.party) throw notFound();
    if (!sides.purchaser && !sides.provider) throw forbidden("proposals.agreementNotYours");
    if (agreement.status !== "pending") throw conflict("proposals.agreementNotPending");
    const side = sides.purchaser && !agreement.purchaserAcceptedAt ? "purchaser" : sides.provider && !agreement.providerAcceptedAt ? "provider" : null;
    if (!side) throw conflict("proposals.alreadyAccepted");

    const now = sql`now()`;
    const set = side === "purchaser" ? { purchaserAcceptedBy: actor!.userId, purchaserAcceptedAt: now } : { providerAcceptedBy: actor!.userId, providerAcceptedAt: now };
    const [accepted] = await tx.update(serviceAgreements).set(set).where(eq(serviceAgreements.id, agreementId)).returning();
    await recordAudit(tx, { actorId: actor!.userId, action: `agreement.accept_${side}`, entityType: "service_agreement", entityId: agreementId, fromState: "pending", toState: "pending" });
    if (!accepted.purchaserAcceptedAt || !accepted.providerAcceptedAt) return { agreement: accepted, project: null };

    const [done] = await tx.update(serviceAgreements).set({ status: "accepted" }).where(eq(serviceAgreements.id, agreementId)).returning();
    await recordAudit(tx, { actorId: actor!.userId, action: "agreement.accepted", entityType: "service_agreement", entityId: agreementId, fromState: "pending", toState: "accepted" });
    const project = await createProjectFromAgreement(tx, done, actor!.userId);
    await enqueueJob(tx, "notify", {
      key: `project-active:${project.id}`,
      kind: "project_active",
      title: "proposals.notice.projectTitle",
      body: "proposals.notice.projectBody",
      params: { title: project.title },
      link: `/projects/${project.id}`,
      orgAdminsOf: [done.purchaserOrgId, done.providerOrgId],
    });
    return { agreement: done, project };
  });
}
