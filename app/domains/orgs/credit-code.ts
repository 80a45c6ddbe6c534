// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters from a 31-letter
// alphabet (no I, O, S, V, Z); the last one is a check character over the first 17.
export const CREDIT_CODE_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeCheck =
  | { kind: "valid"; code: string }
  /** Well-formed but the check character does not match: early pilot codes do this; goes to manual review. */
  | { kind: "check_failed"; code: string; expected: string }
  | { kind: "malformed" };

export function normaliseCreditCode(raw: string): string {
  return raw.replace(/[\s-]/g, "").toUpperCase();
}

/** The check character for the first 17 characters, or null if one of them is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? "");
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normaliseCreditCode(raw);
  if (code.length !== 18) return { kind: "malformed" };
  if ([...code].some((c) => !CREDIT_CODE_CHARSET.includes(c))) return { kind: "malformed" };
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected === null) return { kind: "malformed" };
  return code[17] === expected ? { kind: "valid", code } : { kind: "check_failed", code, expected };
}

/** A valid code from 17 characters: for demo data and tests. */
export function withCheckChar(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`not a credit-code prefix: ${first17}`);
  return first17 + check;
}
