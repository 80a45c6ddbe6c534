// One error type for everything a user can cause. Its message is a locale key, shown in the
// user's language; fieldErrors put messages beside the fields they belong to.
import type { MessageKey, Params } from "~/locales";

export type ErrorCode = "bad_input" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "csrf" | "too_large";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  bad_input: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  csrf: 403,
  too_large: 413,
};

const DEFAULT_MESSAGE: Record<ErrorCode, MessageKey> = {
  bad_input: "errors.badInput",
  unauthenticated: "errors.unauthenticated",
  forbidden: "errors.forbidden",
  not_found: "errors.notFound",
  conflict: "errors.conflict",
  rate_limited: "errors.rateLimited",
  csrf: "errors.csrf",
  too_large: "errors.tooLarge",
};

/** Field name → locale key (or key with params) of the message shown beside it. */
export type FieldErrors = Record<string, MessageKey | string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: MessageKey;
  readonly params?: Params;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, options: { message?: MessageKey; params?: Params; fieldErrors?: FieldErrors } = {}) {
    const messageKey = options.message ?? DEFAULT_MESSAGE[code];
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
    this.code = code;
    this.messageKey = messageKey;
    this.params = options.params;
    this.fieldErrors = options.fieldErrors;
  }

  get status() {
    return STATUS_BY_CODE[this.code];
  }
}

export const badInput = (fieldErrors: FieldErrors, message?: MessageKey) =>
  new AppError("bad_input", { fieldErrors, message });
export const forbidden = (message?: MessageKey) => new AppError("forbidden", { message });
export const notFound = (message?: MessageKey) => new AppError("not_found", { message });
export const conflict = (message?: MessageKey, params?: Params) => new AppError("conflict", { message, params });

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The failure shape every action returns, read by forms through useActionData. */
export interface ActionFailure {
  ok: false;
  code: ErrorCode;
  message: MessageKey | string;
  params?: Params;
  fieldErrors: FieldErrors;
}
