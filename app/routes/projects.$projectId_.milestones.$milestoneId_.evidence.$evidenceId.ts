// /projects/<id>/milestones/<id>/evidence/<id>: an evidence file of a milestone report, only to the
// people involved in the project (a sign-in sheet carries beneficiaries' names); everyone else gets
// the same 404 as for a file that does not exist.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { evidenceFile } from "~/domains/delivery/evidence-file.server";
import { isAppError } from "~/utils/errors";
import { getActor } from "~/utils/request.server";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const actor = await getActor(context);
  try {
    const file = await evidenceFile({ actor, projectId: params.projectId ?? "", milestoneId: params.milestoneId ?? "", evidenceId: params.evidenceId ?? "" });
    return new Response(Buffer.from(file.bytes), {
      headers: { "content-type": file.mediaType, "content-length": String(file.bytes.length), "content-disposition": "inline", "cache-control": "private, no-store" },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return notFound();
    throw error;
  }
}
