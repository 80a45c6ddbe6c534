// Turns form data into typed input with one zod schema (the same one the browser uses), and
// zod's issues into messages beside fields, in the user's language (messages are locale keys).
import { data, unstable_composeUploadHandlers, unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey } from "~/locales";
import { bodyTooLarge, formatBytes, PLAIN_FORM_LIMIT } from "./body-limit.server";
import { AppError, isAppError, type ActionFailure, type FieldErrors } from "./errors";
import { decodeForm, FORM_LIMITS, type FormRecord } from "./form-decoder";

function messageFor(issue: z.core.$ZodIssue): string {
  if (isMessageKey(issue.message)) return issue.message;
  if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) <= 1) return "errors.required";
  if (issue.code === "invalid_type" && issue.input === undefined) return "errors.required";
  if (issue.code === "too_big") return "errors.tooLong";
  return "errors.invalid";
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.map(String).join(".") : "_form";
    if (!Object.hasOwn(out, field)) out[field] = messageFor(issue);
  }
  return out;
}

/** How much text a multipart form may carry beside its files, in all its text parts together. */
export const MULTIPART_TEXT_LIMIT = PLAIN_FORM_LIMIT;

/**
 * Text parts of a multipart form, read up to MULTIPART_TEXT_LIMIT in all (Remix's parser would keep
 * any length); and no more parts, files included, than a form may have fields.
 */
function textPartHandler(): UploadHandler {
  let total = 0;
  let parts = 0;
  return async ({ filename, data }) => {
    if (++parts > FORM_LIMITS.maxFields) throw new AppError("bad_input", { message: "errors.formTooManyFields", fieldErrors: {} });
    if (filename !== undefined) return undefined;
    const chunks: Uint8Array[] = [];
    for await (const chunk of data) {
      total += chunk.length;
      if (total > MULTIPART_TEXT_LIMIT) throw new AppError("too_large", { message: "errors.formPartTooLarge" });
      chunks.push(chunk);
    }
    return new TextDecoder().decode(Buffer.concat(chunks));
  };
}

/** A file part nobody asked for: read through and dropped. */
const dropFiles: UploadHandler = async ({ data }) => {
  for await (const _ of data);
  return undefined;
};

/**
 * The posted form, decoded: urlencoded, or multipart with its files going to `files` (an upload
 * handler that keeps what its route takes, within its limits) and its text capped. A body that
 * is not the form it claims to be is bad input; one past the server's body limit is too_large.
 */
export async function readForm(request: Request, files: UploadHandler = dropFiles): Promise<FormRecord> {
  let form: FormData;
  try {
    const multipart = (request.headers.get("content-type") ?? "").startsWith("multipart/form-data");
    form = multipart ? await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(textPartHandler(), files)) : await request.formData();
  } catch (error) {
    if (isAppError(error)) throw error;
    const tooLarge = bodyTooLarge(error);
    if (tooLarge) throw new AppError("too_large", { params: { limit: formatBytes(tooLarge.limit) } });
    throw new AppError("bad_input", { fieldErrors: {} });
  }
  return decodeForm(form.entries());
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("bad_input", { fieldErrors: fieldErrorsOf(result.error) });
  return result.data;
}

export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseInput(schema, await readForm(request));
}

/**
 * Runs an action body; an AppError becomes a failure the form shows (with its HTTP status),
 * anything else is a real fault and goes on to the error boundary.
 */
export async function runAction<T>(body: () => Promise<T>) {
  try {
    return await body();
  } catch (error) {
    if (error instanceof Response) throw error;
    if (isAppError(error)) {
      const failure: ActionFailure = {
        ok: false,
        code: error.code,
        message: error.messageKey,
        params: error.params,
        fieldErrors: error.fieldErrors ?? {},
      };
      return data(failure, { status: error.status });
    }
    throw error;
  }
}
