import { describe, expect, it } from "vitest";
import { securityHeaders } from "~/utils/security-headers.server";

describe("headers on every answer", () => {
  it("tells browsers to use https only for the next year in production, which is served over https", () => {
    expect(securityHeaders(true)["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains");
  });

  it("leaves https to the operator elsewhere (development runs on plain http), and always forbids sniffing and framing", () => {
    const headers = securityHeaders(false);
    expect(headers).not.toHaveProperty("Strict-Transport-Security");
    expect(headers).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY" });
  });
});
