import { describe, expect, it } from "vitest";
import { maskContact } from "~/domains/households/queries.server";
import { joinHouseholdSchema, normaliseJoinCode } from "~/domains/households/schemas";
import { childLevelOf, parentLevelOf } from "~/domains/places/levels";

describe("the levels of places", () => {
  it("go city → district → street → community → grid → building, one step at a time", () => {
    expect(childLevelOf("city")).toBe("district");
    expect(childLevelOf("district")).toBe("street");
    expect(childLevelOf("community")).toBe("grid");
    expect(childLevelOf("grid")).toBe("building");
    expect(parentLevelOf("building")).toBe("grid");
    expect(parentLevelOf("street")).toBe("district");
  });

  it("end with the building below (households live there) and the city on top", () => {
    expect(childLevelOf("building")).toBeNull();
    expect(parentLevelOf("city")).toBeNull();
  });
});

describe("join codes as residents type them", () => {
  it("ignore spaces, dashes and case, and read O, I and L as the 0 and 1 people meant", () => {
    expect(normaliseJoinCode(" ab2c-d3ef ")).toBe("AB2CD3EF");
    expect(normaliseJoinCode("o1il")).toBe("0111");
  });

  it("refuse what cannot be a code with a message key, not an exception", () => {
    const result = joinHouseholdSchema.safeParse({ code: "挑花桥?" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe("households.codeMalformed");
  });
});

describe("residents' contacts shown to staff", () => {
  it("are half-masked", () => {
    expect(maskContact("13800138000", null)).toBe("138****8000");
    expect(maskContact(null, "wang@example.cn")).toBe("w***@example.cn");
  });
});
