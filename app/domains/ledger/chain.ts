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

/** Recomputes every hash in order; the first entry that does not fit is named. */
export function verifyChain(entries: Iterable<ExportedEntry>): ChainVerdict {
  let prev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  let fundId: string | null = null;
  for (const entry of entries) {
    count++;
    fundId ??= entry.fundId;
    if (entry.fundId !== fundId) return { intact: false, entries: count, brokenAt: entry.seq, reason: "entry of another fund" };
    if (entry.seq !== expectedSeq) return { intact: false, entries: count, brokenAt: entry.seq, reason: `expected entry ${expectedSeq}, found ${entry.seq}` };
    if (entry.prevHash !== prev) return { intact: false, entries: count, brokenAt: entry.seq, reason: "previous hash does not match the entry before" };
    let debits = 0n;
    let credits = 0n;
    for (const line of entry.lines) {
      debits += BigInt(line.debit);
      credits += BigInt(line.credit);
    }
    if (entry.lines.length < 2 || debits !== credits) return { intact: false, entries: count, brokenAt: entry.seq, reason: "entry does not balance" };
    if (entryHash(entry) !== entry.hash) return { intact: false, entries: count, brokenAt: entry.seq, reason: "content does not match its hash" };
    prev = entry.hash;
    expectedSeq++;
  }
  return { intact: true, entries: count, lastHash: prev };
}
