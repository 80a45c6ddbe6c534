import { describe, expect, it } from "vitest";
import { withCheckChar } from "~/domains/orgs/credit-code";
import { invitationState, maskContact } from "~/domains/orgs/invitations.server";
import { orgSchema } from "~/domains/orgs/schemas";
import { assertOrgTransition } from "~/domains/orgs/states";

const base = { name: "测试服务社", kind: "social_org", placeId: "p1", contactPhone: "023-62345678" };
const issues = (input: Record<string, unknown>) => {
  const result = orgSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("the organisation form's rules", () => {
  it("a registered organisation's code is normalised, and a pilot code with a wrong check character still passes the form", () => {
    const code = withCheckChar("52320213MJ0000002");
    const parsed = orgSchema.parse({ ...base, registration: "registered", creditCode: ` ${code.slice(0, 9).toLowerCase()}-${code.slice(9)} ` });
    expect(parsed.creditCode).toBe(code);
    const pilot = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    expect(orgSchema.safeParse({ ...base, registration: "registered", creditCode: pilot }).success).toBe(true);
  });

  it("a filed organisation needs its filing number and street, and carries no credit code", () => {
    expect(issues({ ...base, registration: "filed" })).toMatchObject({ filingNumber: "orgs.filingNumberRequired", filedWithId: "orgs.filedWithRequired" });
    const parsed = orgSchema.parse({ ...base, registration: "filed", creditCode: "ignored", filingNumber: "备字 1 号", filedWithId: "s1" });
    expect(parsed).toMatchObject({ creditCode: null, filingNumber: "备字 1 号", filedWithId: "s1" });
  });

  it("says everything wrong at once: a missing code shows beside a bad phone", () => {
    expect(issues({ ...base, registration: "registered", contactPhone: "123" })).toMatchObject({
      creditCode: "orgs.creditCodeRequired",
      contactPhone: "orgs.contactPhoneInvalid",
    });
  });
});

describe("organisation states", () => {
  it("only a pending organisation is decided, and only a rejected one resubmitted", () => {
    expect(() => assertOrgTransition("pending", "verified")).not.toThrow();
    expect(() => assertOrgTransition("rejected", "pending")).not.toThrow();
    expect(() => assertOrgTransition("verified", "rejected")).toThrow(expect.objectContaining({ code: "conflict", messageKey: "orgs.alreadyVerified" }));
    expect(() => assertOrgTransition("rejected", "verified")).toThrow(expect.objectContaining({ messageKey: "orgs.alreadyRejected" }));
  });
});

describe("invitations", () => {
  it("shows only enough of the contact to know which account to use", () => {
    expect(maskContact("13712345678")).toBe("137****5678");
    expect(maskContact("wang@example.cn")).toBe("w***@example.cn");
  });

  it("is used, revoked or expired before anything else", () => {
    const future = new Date(Date.now() + 60_000);
    expect(invitationState({ acceptedAt: null, revokedAt: null, expiresAt: future })).toBe("open");
    expect(invitationState({ acceptedAt: new Date(), revokedAt: null, expiresAt: new Date(0) })).toBe("accepted");
    expect(invitationState({ acceptedAt: null, revokedAt: new Date(), expiresAt: future })).toBe("revoked");
    expect(invitationState({ acceptedAt: null, revokedAt: null, expiresAt: new Date(0) })).toBe("expired");
  });
});
