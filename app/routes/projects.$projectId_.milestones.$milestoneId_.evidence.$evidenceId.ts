// /projects/<id>/milestones/<id>/evidence/<id>: an evidence file of a milestone report, only to the
// people involved in the project (a sign-in sheet carries beneficiaries' names); everyone else gets
// the same 404 as for a file that does not exist.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { and, eq } from "drizzle-orm";
import { db } from "@db/client";
import { milestoneEvidence, milestoneReports } from "@db/schema";
import { isInvolved, milestoneWithProject, rolesOn } from "~/domains/delivery/access.server";
import { getActor } from "~/utils/request.server";
import { fileStorage } from "~/utils/storage.server";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  const found = await milestoneWithProject(params.milestoneId ?? "").catch(() => null);
  if (!found || found.project.id !== params.projectId) return notFound();
  const roles = await rolesOn(db(), actor, found.project);
  if (!isInvolved(roles)) return notFound();
  const [row] = await db()
    .select({ storageKey: milestoneEvidence.storageKey, mediaType: milestoneEvidence.mediaType, status: milestoneReports.status })
    .from(milestoneEvidence)
    .innerJoin(milestoneReports, eq(milestoneReports.id, milestoneEvidence.reportId))
    .where(and(eq(milestoneEvidence.id, params.evidenceId ?? ""), eq(milestoneReports.milestoneId, found.milestone.id)));
  // A draft's files are the organisation's own until it submits them.
  if (!row || (row.status === "draft" && !roles.provider)) return notFound();
  const file = await fileStorage().get(row.storageKey);
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: { "content-type": row.mediaType, "content-length": String(file.bytes.length), "content-disposition": "inline", "cache-control": "private, no-store" },
  });
}
