// Reads the form of a new need: the fields through their zod schema and the photos through their
// checks, with every problem reported beside its field at once; nothing is stored here.
import type { z } from "zod";
import { AppError } from "~/utils/errors";
import type { FormRecord } from "~/utils/form-decoder";
import { fieldErrorsOf, readForm } from "~/utils/forms.server";
import { checkPhotos, photoUploadHandler, type CheckedPhoto, type PhotoUploads } from "./photos.server";

export function checkNeedForm<S extends z.ZodType>(schema: S, fields: FormRecord, uploads: PhotoUploads): { input: z.infer<S>; photos: CheckedPhoto[] } {
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
  return checkNeedForm(schema, await readForm(request, handler), uploads);
}
