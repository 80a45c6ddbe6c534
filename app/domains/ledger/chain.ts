// The hash chain of a fund's journal. Each entry's hash covers a canonical encoding of its content
// and the previous entry's hash, so changing, removing or reordering any entry breaks every hash
// after it. This file is shared by the server (when posting) and by `npm run ledger:verify`, which
// recomputes the chain from a public export: it must not depend on the database.
import { createHash } from "node:crypto";

export const GENESIS = "0".repeat(64);

export interface ChainLine {
  account: string;
  debit: string; // fen, as a decimal string (bigint-safe in JSON)
  credit: string;
}

export interface ChainEntry {
  fundId: string;
  seq: number;
  kind: string;
  memo: string;
  sourceType: string;
  sourceId: string;
  counterparty: string;
  occurredAt: string; // ISO 8601 in UTC, milliseconds
  lines: ChainLine[];
  prevHash: string;
}

/** A JSON array with a fixed field order and lines sorted, so the same entry always encodes the same. */
export function canonicalEncoding(entry: ChainEntry): string {
  const lines = [...entry.lines]
    .map((l) => [l.account, l.debit, l.credit])
    .sort((a, b) => (a.join("\u0001") < b.join("\u0001") ? -1 : a.join("\u0001") > b.join("\u0001") ? 1 : 0));
  return JSON.stringify([
    "sanshe-ledger-v1",
    entry.fundId,
    entry.seq,
    entry.kind,
    entry.memo,
    entry.sourceType,
    entry.sourceId,
    entry.counterparty,
    entry.occurredAt,
    lines,
    entry.prevHash,
  ]);
}

export function entryHash(entry: ChainEntry): string {
  return createHash("sha256").update(canonicalEncoding(entry)).digest("hex");
}

export interface ExportedEntry extends ChainEntry {
  hash: string;
}

export type ChainVerdict =
  | { intact: true; entries: number; lastHash: string }
  | { intact: false; entries: number; brokenAt: number; reason: string };

/**
 * Checks a chain entry by entry, as the entries arrive (a long journal is streamed, never held):
 * `add` answers the verdict as soon as an entry does not fit, `result` the verdict at the end.
 */
export class ChainVerifier {
  private prev = GENESIS;
  private expectedSeq = 1;
  private count = 0;
  private fundId: string | null = null;
  private broken: ChainVerdict | null = null;

  add(entry: ExportedEntry): ChainVerdict | null {
    if (this.broken) return this.broken;
    this.count++;
    const fail = (reason: string) => (this.broken = { intact: false, entries: this.count, brokenAt: entry.seq, reason });
    this.fundId ??= entry.fundId;
    if (entry.fundId !== this.fundId) return fail("entry of another fund");
    if (entry.seq !== this.expectedSeq) return fail(`expected entry ${this.expectedSeq}, found ${entry.seq}`);
    if (entry.prevHash !== this.prev) return fail("previous hash does not match the entry before");
    let debits = 0n;
    let credits = 0n;
    for (const line of entry.lines) {
      debits += BigInt(line.debit);
      credits += BigInt(line.credit);
    }
    if (entry.lines.length < 2 || debits !== credits) return fail("entry does not balance");
    if (entryHash(entry) !== entry.hash) return fail("content does not match its hash");
    this.prev = entry.hash;
    this.expectedSeq++;
    return null;
  }

  result(): ChainVerdict {
    return this.broken ?? { intact: true, entries: this.count, lastHash: this.prev };
  }
}

/** Recomputes every hash in order; the first entry that does not fit is named. */
export function verifyChain(entries: Iterable<ExportedEntry>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const entry of entries) if (verifier.add(entry)) break;
  return verifier.result();
}
