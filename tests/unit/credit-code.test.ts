import { describe, expect, it } from "vitest";
import { checkCreditCode, creditCodeCheckChar, normaliseCreditCode, withCheckChar } from "~/domains/orgs/credit-code";

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts published valid codes", () => {
    for (const code of ["91350100M000100Y43", "91110000600037341L", "91110108551385082Q"]) {
      expect(checkCreditCode(code)).toEqual({ kind: "valid", code });
    }
  });

  it("accepts a code typed in lower case with spaces and dashes", () => {
    expect(normaliseCreditCode(" 9135 0100-m000100y43 ")).toBe("91350100M000100Y43");
    expect(checkCreditCode("9135 0100 m000 100y43").kind).toBe("valid");
  });

  it("sends a well-formed code with a wrong check character to manual review, naming the expected one", () => {
    expect(checkCreditCode("91350100M000100Y44")).toEqual({ kind: "check_failed", code: "91350100M000100Y44", expected: "3" });
  });

  it("refuses codes of the wrong length or with letters outside the charset (I, O, S, V, Z)", () => {
    expect(checkCreditCode("91350100M000100Y4").kind).toBe("malformed");
    expect(checkCreditCode("91350100M000100Y433").kind).toBe("malformed");
    expect(checkCreditCode("9135010OM000100Y43").kind).toBe("malformed");
    expect(checkCreditCode("91350100M000100Z43").kind).toBe("malformed");
    expect(checkCreditCode("").kind).toBe("malformed");
  });

  it("computes check characters that round-trip", () => {
    const code = withCheckChar("53500108MJP012345");
    expect(checkCreditCode(code).kind).toBe("valid");
    expect(creditCodeCheckChar("53500108MJP01234I")).toBeNull();
  });

  it("maps a sum divisible by 31 to the check character 0 and never indexes past the charset", () => {
    const checks = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const prefix = `91110${String(100000000 + i * 7919).padStart(9, "0")}MA0`;
      expect(prefix).toHaveLength(17);
      const check = creditCodeCheckChar(prefix);
      expect(check).not.toBeNull();
      expect(checkCreditCode(prefix + check).kind).toBe("valid");
      checks.add(check!);
    }
    expect(checks.has("0")).toBe(true);
    expect(checks.size).toBe(31);
  });
});
