// What the browser is told about every answer (docs/decisions/0016-content-security-policy.md).
import { randomBytes } from "node:crypto";

/** 128 random bits for one page's inline scripts, as base64. */
export const newNonce = () => randomBytes(16).toString("base64");

/**
 * A page's policy: scripts only from this site or carrying the page's nonce (Remix's inline
 * context and route scripts, React's streaming scripts, scroll restoration); styles only from
 * this site's stylesheets, with style attributes allowed (the pages use them; no <style> element
 * can be injected); images from this site and data: URLs (the QR codes); forms to this site and
 * to Stripe's Checkout (the donate form's answer may be a redirect there); nothing may frame a page.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self' https://checkout.stripe.com",
  ].join("; ");
}

/** Headers for every answer, pages or not. HSTS only in production, which is served over https. */
export function securityHeaders(production: boolean): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    ...(production ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
