// /proposals/<id>/attachments/<attachment id>: one attachment of a proposal, as a download, only to
// those proposalViewer lets see the proposal; everyone else gets the same 404 as for a missing file.
// (X-Content-Type-Options: nosniff is set on every response by server.ts.)
import type { LoaderFunctionArgs } from "@remix-run/node";
import { attachmentFileForViewer } from "~/domains/proposals/attachments.server";
import { getActor } from "~/utils/request.server";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "private, no-store" } });

/** RFC 6266 / 5987: an ASCII fallback name and the real one, percent-encoded as UTF-8. */
function contentDisposition(fileName: string) {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const file = await attachmentFileForViewer(await getActor(context), params.proposalId ?? "", params.attachmentId ?? "");
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      "content-disposition": contentDisposition(file.fileName),
      "cache-control": "private, no-store",
    },
  });
}
