// A fund's public ledger as open data: every entry with its lines and hashes, in chain order, so
// that anyone can recompute the chain (`npm run ledger:verify -- <file>`). Counterparties are the
// public ones (匿名 for anonymous donors); no personal data is in an entry.
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import { db } from "@db/client";
import { journalEntries, journalLines, ledgerAccounts } from "@db/schema";
import type { ExportedEntry } from "./chain";
import { spreadsheetSafe } from "./read-export";

const BATCH = 5000;

/** The fund's entries in chain order, read in batches so a long ledger never sits in memory at once. */
export async function* ledgerEntries(fundId: string): AsyncGenerator<ExportedEntry> {
  let after = 0;
  for (;;) {
    const entries = await db()
      .select()
      .from(journalEntries)
      .where(and(eq(journalEntries.fundId, fundId), gt(journalEntries.seq, after)))
      .orderBy(asc(journalEntries.seq))
      .limit(BATCH);
    if (entries.length === 0) return;
    const lines = await db()
      .select({ entryId: journalLines.entryId, account: ledgerAccounts.code, debit: journalLines.debitFen, credit: journalLines.creditFen })
      .from(journalLines)
      .innerJoin(ledgerAccounts, eq(ledgerAccounts.id, journalLines.accountId))
      .where(inArray(journalLines.entryId, entries.map((e) => e.id)));
    const byEntry = new Map<number, ExportedEntry["lines"]>();
    for (const l of lines) {
      const list = byEntry.get(l.entryId) ?? [];
      list.push({ account: l.account, debit: String(l.debit), credit: String(l.credit) });
      byEntry.set(l.entryId, list);
    }
    for (const e of entries) {
      yield {
        fundId: e.fundId,
        seq: e.seq,
        kind: e.kind,
        memo: e.memo,
        sourceType: e.sourceType,
        sourceId: e.sourceId,
        counterparty: e.counterparty,
        occurredAt: e.occurredAt.toISOString(),
        lines: byEntry.get(e.id) ?? [],
        prevHash: e.prevHash,
        hash: e.hash,
      };
    }
    after = entries[entries.length - 1].seq;
  }
}

export const CSV_HEADER = ["fund_id", "seq", "kind", "memo", "source_type", "source_id", "counterparty", "occurred_at", "account", "debit_fen", "credit_fen", "prev_hash", "hash"];

const csvCell = (value: string | number) => {
  const text = spreadsheetSafe(String(value));
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One CSV row per journal line, the entry's fields repeated: opens in any spreadsheet, and verifies. */
export function entryToCsvRows(e: ExportedEntry): string {
  return e.lines
    .map((l) => [e.fundId, e.seq, e.kind, e.memo, e.sourceType, e.sourceId, e.counterparty, e.occurredAt, l.account, l.debit, l.credit, e.prevHash, e.hash].map(csvCell).join(","))
    .join("\n");
}
