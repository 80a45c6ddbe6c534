// /funds/<id>/manage/evidence/<kind>/<entry id>: the evidence of an offline income or a disbursement,
// for the fund's people and its supervisors only (a receipt may carry a resident's name).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fundForPage } from "~/domains/funds/access.server";
import { evidenceKeyOf } from "~/domains/funds/queries.server";
import { isAppError } from "~/utils/errors";
import { fileStorage } from "~/utils/storage.server";
import { getActor } from "~/utils/request.server";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function loader({ params, context }: LoaderFunctionArgs) {
  const fundId = params.fundId ?? "";
  try {
    await fundForPage(await getActor(context), fundId, "fund.view");
  } catch (error) {
    // Nobody outside the fund learns whether there is evidence behind an id.
    if (isAppError(error)) return notFound();
    throw error;
  }
  const key = await evidenceKeyOf(fundId, params.kind ?? "", params.entryId ?? "");
  const file = key ? await fileStorage().get(key) : null;
  if (!file) return notFound();
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.bytes.length),
      "cache-control": "private, no-store",
      "content-disposition": "inline",
      "x-content-type-options": "nosniff",
    },
  });
}
