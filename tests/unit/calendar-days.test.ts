import { describe, expect, it } from "vitest";
import { ledgerFilterSchema } from "~/domains/funds/schemas";
import { isRealDay } from "~/utils/time";

describe("a day typed into a form or a query string", () => {
  it.each(["2026-12-04", "1900-01-01", "2199-12-31", "2028-02-29"])("is a day when it exists in a plausible year: %s", (day) => {
    expect(isRealDay(day)).toBe(true);
  });

  it.each(["0000-01-01", "0001-01-01", "1899-12-31", "9999-12-31", "2200-01-01", "2027-02-29", "2026-13-01", "2026-1-1", "+02026-01-01", "", "2026-12-04T00:00"])(
    "is no day when it does not exist, or lies outside the years people plan in: %s",
    (day) => {
      expect(isRealDay(day)).toBe(false);
    },
  );

  it("is dropped from a public ledger's filter rather than handed to the database when it is year 0 or 9999", () => {
    expect(ledgerFilterSchema.parse({ from: "0000-01-01", to: "9999-12-31" })).toEqual({ from: undefined, to: undefined });
    expect(ledgerFilterSchema.parse({ from: "2026-01-01" }).from).toEqual(new Date("2026-01-01T00:00:00+08:00"));
  });
});
