// How much a request may send. A plain form is a few KB of text, so every route takes at most
// PLAIN_FORM_LIMIT; the routes that take files take multipart up to their files' stated limits plus
// the same allowance for the text beside them. The server refuses a larger body with 413 before
// Remix reads it: at once when Content-Length says so, and while it streams when it has no length
// (chunked), so no request can make a process hold more than its route's limit.
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { translate } from "~/locales";
import { resolveLocale } from "./i18n.server";

const KB = 1024;
const MB = 1024 * KB;

export const PLAIN_FORM_LIMIT = 256 * KB;

/**
 * Multipart routes and the files they take. Each size must cover its domain's own per-file limits
 * (tests/unit/body-limit.test.ts checks it): needs take MAX_PHOTOS × MAX_PHOTO_BYTES, a proposal
 * attachment or a milestone's evidence MAX_ATTACHMENT_BYTES, a fund's evidence MAX_EVIDENCE_BYTES,
 * the ledger check its 50 MB export.
 */
export const UPLOAD_ROUTES: { path: RegExp; files: number }[] = [
  { path: /^\/(community\/[^/]+\/)?needs\/new$/, files: 9 * 5 * MB },
  { path: /^\/proposals\/[^/]+$/, files: 10 * MB },
  { path: /^\/projects\/[^/]+\/milestones\/[^/]+$/, files: 10 * MB },
  { path: /^\/funds\/[^/]+\/manage(\/[^/]+)?$/, files: 10 * MB },
  { path: /^\/funds\/[^/]+\/verify$/, files: 50 * MB },
];

/** The most a request to `path` with this content type may send. */
export function bodyLimitFor(path: string, contentType: string | undefined): number {
  if (!(contentType ?? "").startsWith("multipart/form-data")) return PLAIN_FORM_LIMIT;
  const page = path.replace(/\.data$/, ""); // Remix's own submissions post to /<page>.data
  const route = UPLOAD_ROUTES.find((r) => r.path.test(page));
  return route ? route.files + PLAIN_FORM_LIMIT : PLAIN_FORM_LIMIT;
}

/** "256 KB", "45.3 MB": a limit as people read it. */
export function formatBytes(bytes: number): string {
  if (bytes < MB) return `${Math.round(bytes / KB)} KB`;
  return `${Number((bytes / MB).toFixed(1))} MB`;
}

/** What reading a body past its limit fails with, wherever the reader is. */
export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * The BodyTooLargeError behind a failed read (a reader may wrap it), or null. Known by its name:
 * server.ts and the Remix build each load their own copy of this module, so instanceof would miss.
 */
export function bodyTooLarge(error: unknown): { limit: number } | null {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as Error).name === "BodyTooLargeError" && typeof (e as BodyTooLargeError).limit === "number") return e as BodyTooLargeError;
  }
  return null;
}

/**
 * Express middleware: refuses a body over its route's limit with 413 and a message in the
 * visitor's language. A chunked body is counted as it arrives; past the limit its reader (Remix's
 * request body) fails with BodyTooLargeError, which readForm answers as 413 too.
 */
export function limitRequestBodies(req: ExpressRequest, res: ExpressResponse, next: NextFunction) {
  if (req.method === "GET" || req.method === "HEAD" || req.path.startsWith("/webhooks/")) return next(); // webhooks keep their own limit
  const limit = bodyLimitFor(req.path, req.get("content-type"));
  closeWhenAnsweredEarly(req, res, limit);
  const declared = Number(req.get("content-length") ?? 0);
  // A page's own submission from Remix in the browser (<page>.data) is let through to its action,
  // which fails at the first chunk and answers 413 in the page, where the visitor reads it.
  const remixSubmission = req.path.endsWith(".data");
  if (declared > limit && !remixSubmission) {
    res.status(413).type("text/plain; charset=utf-8").send(translate(resolveLocale(req.get("cookie"), null), "errors.tooLarge", { limit: formatBytes(limit) }));
    return;
  }
  let seen = declared > limit ? limit : 0;
  const count = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen <= limit) return;
    req.off("data", count);
    req.pause();
    // Only a reader listens for errors; with none, nothing is holding the body.
    if (req.listenerCount("error") > 0) req.emit("error", new BodyTooLargeError(limit));
  };
  req.on("data", count);
  req.pause(); // counting must not start the body flowing: whoever reads it does
  next();
}

/**
 * An answer that goes out before the body was read (413, 429, a refusal) closes the connection,
 * and what is left of the body is read and dropped, up to the limit once more: closing a socket
 * with unread data would reset it, and the visitor might never see the answer.
 */
function closeWhenAnsweredEarly(req: ExpressRequest, res: ExpressResponse, limit: number) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ExpressResponse, ...args: unknown[]) {
    if (!req.complete) this.setHeader("Connection", "close");
    return (writeHead as (...a: unknown[]) => ExpressResponse).apply(this, args);
  } as typeof res.writeHead;
  res.on("finish", () => {
    if (req.complete) return;
    req.removeAllListeners("data"); // nobody reads it any more
    let left = limit;
    req.on("data", (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) req.destroy();
    });
    req.resume();
  });
}
