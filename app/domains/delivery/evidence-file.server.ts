// An evidence file of a milestone report, to the people involved in the project only (a sign-in
// sheet carries beneficiaries' names). A draft's files are the organisation's own until it submits
// them. Anyone else, and any id that does not belong to this project's milestone, gets the same
// not-found as a file that does not exist, so a file's existence never leaks.
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { milestoneEvidence, milestoneReports } from "@db/schema";
import { notFound } from "~/utils/errors";
import type { Actor } from "~/utils/permissions.server";
import { fileStorage } from "~/utils/storage.server";
import { isInvolved, milestoneWithProject, rolesOn } from "./access.server";

export interface EvidenceFile {
  bytes: Uint8Array;
  mediaType: string;
}

export async function evidenceFile(options: { actor: Actor | null; projectId: string; milestoneId: string; evidenceId: string }): Promise<EvidenceFile> {
  const { milestone, project } = await milestoneWithProject(options.milestoneId);
  if (project.id !== options.projectId) throw notFound();
  const roles = await rolesOn(db(), options.actor, project);
  if (!isInvolved(roles)) throw notFound();
  const [row] = await db()
    .select({ storageKey: milestoneEvidence.storageKey, mediaType: milestoneEvidence.mediaType, status: milestoneReports.status })
    .from(milestoneEvidence)
    .innerJoin(milestoneReports, eq(milestoneReports.id, milestoneEvidence.reportId))
    .where(and(eq(milestoneEvidence.id, options.evidenceId), eq(milestoneReports.milestoneId, milestone.id)));
  if (!row || (row.status === "draft" && !roles.provider)) throw notFound();
  const file = await fileStorage().get(row.storageKey);
  if (!file) throw notFound();
  return { bytes: file.bytes, mediaType: row.mediaType };
}
