// The verify page's two checks: the chain as this platform's database holds it, and a downloaded
// export someone uploads, recomputed and then compared, entry by entry, with the database's hashes
// (a file can be intact in itself and still not be the ledger published here).
import { ChainVerifier, verifyChain, type ChainVerdict, type ExportedEntry } from "~/domains/ledger/chain";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { readExport } from "~/domains/ledger/read-export";
import { badInput } from "~/utils/errors";
import { chainHashes } from "./queries.server";
import { createUploadThrottle } from "~/utils/upload-throttle.server";

export type Verdict = { intact: true; entries: number; lastHash: string } | { intact: false; entries: number; brokenAt: number; reason: string };

/** verifyChain's reason, as a locale key. */
export function reasonKey(reason: string): string {
  if (reason.includes("another fund")) return "funds.verifyReason.otherFund";
  if (reason.startsWith("expected entry")) return "funds.verifyReason.order";
  if (reason.startsWith("previous hash")) return "funds.verifyReason.prev";
  if (reason.includes("balance")) return "funds.verifyReason.balance";
  return "funds.verifyReason.content";
}

const plain = (v: ChainVerdict): Verdict => (v.intact ? v : { ...v, reason: reasonKey(v.reason) });

/** Recomputes the fund's chain from the database, streamed in batches: a long journal is never held whole. */
export async function verifyStoredChain(fundId: string): Promise<Verdict> {
  const verifier = new ChainVerifier();
  for await (const e of ledgerEntries(fundId)) if (verifier.add(e)) break;
  return plain(verifier.result());
}

export type Comparison = "matches" | "behind" | { differsAt: number } | "other_fund" | null;

/** Recomputes an uploaded export's chain, and compares it with the platform's record of this fund. */
export async function verifyUpload(fundId: string, text: string): Promise<{ verdict: Verdict; comparison: Comparison }> {
  let entries: ExportedEntry[];
  try {
    entries = readExport(text);
    if (!Array.isArray(entries)) throw new Error("no entries");
    for (const e of entries) if (!e || typeof e !== "object" || !Array.isArray(e.lines)) throw new Error("not an entry");
  } catch {
    throw badInput({ file: "funds.verifyFileUnreadable" });
  }
  const verdict = plain(verifyChain(entries));
  if (!verdict.intact || entries.length === 0) return { verdict, comparison: null };
  if (entries[0].fundId !== fundId) return { verdict, comparison: "other_fund" };
  const stored = await chainHashes(fundId);
  const differing = entries.find((e) => stored.get(e.seq) !== e.hash);
  if (differing) return { verdict, comparison: { differsAt: differing.seq } };
  return { verdict, comparison: stored.size > entries.length ? "behind" : "matches" };
}

// Anyone may check a ledger, and each check may hold 50 MB: a few a minute per visitor, one at a
// time each, four at once in all (docs/decisions/0014-request-body-limits-and-upload-throttle.md).
// Kept here, not in the route module: a call at a route module's top level would ship to the browser.
export const verifyUploads = createUploadThrottle({ perMinute: 5, concurrentPerKey: 1, concurrentInAll: 4 });
