// /photos/<id> — a need's photo, under the need's own rule: a public need's photos are anyone's;
// otherwise only the raiser's, followers' and the staff's (anyone else gets a 404, as for the need).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { photoFor } from "~/domains/needs/queries.server";
import { fileStorage } from "~/utils/storage.server";
import { getActor } from "~/utils/request.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const photo = await photoFor(await getActor(context), params.photoId ?? "");
  const file = photo ? await fileStorage().get(photo.storageKey) : null;
  if (!photo || !file) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": photo.contentType,
      "content-length": String(file.bytes.length),
      // A private photo must not stay in a shared cache.
      "cache-control": photo.isPublic ? "public, max-age=3600" : "private, no-store",
      "content-disposition": "inline",
    },
  });
}
