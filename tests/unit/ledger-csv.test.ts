// The public ledger's CSV opens safely in a spreadsheet and still verifies: a counterparty or memo
// that looks like a formula is written as text, and read back exactly.
import { describe, expect, it } from "vitest";
import { entryHash, GENESIS, verifyChain, type ExportedEntry } from "~/domains/ledger/chain";
import { CSV_HEADER, entryToCsvRows } from "~/domains/ledger/export.server";
import { readExport } from "~/domains/ledger/read-export";

function chain(parts: { memo: string; counterparty: string }[]): ExportedEntry[] {
  let prevHash = GENESIS;
  return parts.map((p, i) => {
    const content = {
      fundId: "fund-1",
      seq: i + 1,
      kind: "donation",
      memo: p.memo,
      sourceType: "donation",
      sourceId: `d${i}`,
      counterparty: p.counterparty,
      occurredAt: "2026-11-23T01:00:00.000Z",
      lines: [
        { account: "stripe_clearing", debit: "5000", credit: "0" },
        { account: "donations", debit: "0", credit: "5000" },
      ],
      prevHash,
    };
    const hash = entryHash(content);
    prevHash = hash;
    return { ...content, hash };
  });
}

describe("the ledger's CSV export", () => {
  const entries = chain([
    { memo: "网络捐赠", counterparty: '=HYPERLINK("http://evil.example","点我")' },
    { memo: "+86 的捐赠", counterparty: "@某人" },
    { memo: "-减号开头", counterparty: "'单引号开头" },
    { memo: "普通备注", counterparty: "匿名" },
  ]);
  const csv = [CSV_HEADER.join(","), ...entries.map(entryToCsvRows)].join("\n");

  it("never lets a cell start like a formula", () => {
    for (const line of csv.split("\n").slice(1)) {
      for (const cell of line.match(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)!.map((c) => c.replace(/^,/, "").replace(/^"|"$/g, ""))) {
        expect(cell, line).not.toMatch(/^[=+\-@\t\r]/);
      }
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
  });

  it("reads back exactly what was written, so the chain verifies from the CSV", () => {
    const back = readExport(csv);
    expect(back.map((e) => [e.memo, e.counterparty])).toEqual(entries.map((e) => [e.memo, e.counterparty]));
    expect(verifyChain(back)).toMatchObject({ intact: true, entries: 4 });
  });
});
