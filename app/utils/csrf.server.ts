// Cross-site request forgery: a state-changing request must come from one of our own pages.
// Browsers send Origin on every cross-site POST (and Sec-Fetch-Site on all of them), so comparing
// them with our own origin refuses forged requests without a token in every form; SameSite=Lax
// cookies are the second layer. See docs/decisions/0005-csrf-by-origin.md.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Paths that receive signed server-to-server posts (payment webhooks) and check them otherwise. */
const EXEMPT_PREFIXES = ["/webhooks/"];

export function isCrossSiteForgery(request: {
  method: string;
  path: string;
  host: string | undefined;
  origin: string | undefined;
  referer: string | undefined;
  secFetchSite: string | undefined;
}): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  if (EXEMPT_PREFIXES.some((prefix) => request.path.startsWith(prefix))) return false;
  if (request.secFetchSite === "cross-site" || request.secFetchSite === "same-site") return true;
  const source = request.origin && request.origin !== "null" ? request.origin : request.referer;
  if (!source) return true; // a browser always sends one of them on a POST; a forger cannot make it match
  try {
    return new URL(source).host !== request.host;
  } catch {
    return true;
  }
}
