import { describe, expect, it } from "vitest";
import { formatFen, parseYuan } from "~/utils/money";
import { formatDate, formatDateTime } from "~/utils/time";

describe("money is integer fen, shown as yuan with two decimals", () => {
  it("formats fen as ¥ with thousands separators", () => {
    expect(formatFen(123450)).toBe("¥1,234.50");
    expect(formatFen(0)).toBe("¥0.00");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(-300000)).toBe("-¥3,000.00");
    expect(formatFen(1400000000n)).toBe("¥14,000,000.00");
  });

  it("reads what people type as yuan, refusing more than two decimals", () => {
    expect(parseYuan("3000")).toBe(300000n);
    expect(parseYuan("¥1,234.5")).toBe(123450n);
    expect(parseYuan("1，234.56")).toBe(123456n);
    expect(parseYuan("0.015")).toBeNull();
    expect(parseYuan("-5")).toBeNull();
    expect(parseYuan("abc")).toBeNull();
  });
});

describe("dates are shown in China Standard Time", () => {
  it("shows midnight UTC as eight in the morning in Shanghai, whatever the server's zone", () => {
    expect(formatDateTime(new Date("2026-11-23T00:00:00Z"), "zh-CN")).toBe("2026/11/23 08:00");
    expect(formatDate("2026-11-22T20:00:00Z", "zh-CN")).toBe("2026/11/23");
  });
});
