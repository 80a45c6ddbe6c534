// Reads the form of a new need: the fields through their zod schema and the photos through their
// checks, with every problem reported beside its field at once; nothing is stored here.
import { unstable_parseMultipartFormData } from "@remix-run/node";
import type { z } from "zod";
import { AppError } from "~/utils/errors";
import { fieldErrorsOf, formToObject } from "~/utils/forms.server";
import { checkPhotos, photoUploadHandler, type CheckedPhoto, type PhotoUploads } from "./photos.server";

export function checkNeedForm<S extends z.ZodType>(schema: S, fields: Record<string, unknown>, uploads: PhotoUploads): { input: z.infer<S>; photos: CheckedPhoto[] } {
  const parsed = schema.safeParse(fields);
  const photos = checkPhotos(uploads);
  if (parsed.success && !photos.error) return { input: parsed.data, photos: photos.photos };
  const fieldErrors = parsed.success ? {} : fieldErrorsOf(parsed.error);
  if (photos.error) fieldErrors.photos = photos.error.key;
  // The photo message's own parameters (which file, what limit) travel with the failure.
  throw new AppError("bad_input", { fieldErrors, params: photos.error?.params });
}

/** The posted form (multipart with photos, or a plain one without), checked with `schema`. */
export async function readNeedForm<S extends z.ZodType>(request: Request, schema: S) {
  const { handler, uploads } = photoUploadHandler();
  let form: FormData;
  try {
    const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
    form = multipart ? await unstable_parseMultipartFormData(request, handler) : await request.formData();
  } catch {
    // A body that is not the form it claims to be is the sender's mistake, not a server fault.
    throw new AppError("bad_input", { fieldErrors: {} });
  }
  return checkNeedForm(schema, formToObject(form), uploads);
}
