// Turns form data into typed input with one zod schema (the same one the browser uses), and
// zod's issues into messages beside fields, in the user's language (messages are locale keys).
import { data } from "@remix-run/node";
import type { z } from "zod";
import { isMessageKey } from "~/locales";
import { AppError, isAppError, type ActionFailure, type FieldErrors } from "./errors";

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
    out[field] ??= messageFor(issue);
  }
  return out;
}

/** Form fields as a plain object; repeated names become arrays; empty strings become undefined. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of form.entries()) {
    if (key.startsWith("_")) continue; // _intent and the like are routing, not input
    // PostgreSQL cannot store NUL characters in text; nobody types them on purpose.
    const text = typeof raw === "string" ? raw.replaceAll("\u0000", "").trim() : null;
    const value = text === null ? raw : text === "" ? undefined : text;
    if (value === undefined) continue;
    if (key in out) out[key] = ([] as unknown[]).concat(out[key], value);
    else out[key] = value;
  }
  return out;
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError("bad_input", { fieldErrors: fieldErrorsOf(result.error) });
  return result.data;
}

export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  return parseInput(schema, formToObject(await request.formData()));
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
