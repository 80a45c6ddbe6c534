// `npm run ledger:verify -- <exported file>`: recomputes a fund's hash chain from its public export
// (JSON or CSV, downloaded from the fund's ledger page), says whether it is intact, and exits
// non-zero when it is not. Needs no database and no account.
import fs from "node:fs";
import { verifyChain } from "../app/domains/ledger/chain";
import { readExport } from "../app/domains/ledger/read-export";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run ledger:verify -- <ledger export .json or .csv>");
  process.exit(2);
}
const started = performance.now();
const entries = readExport(fs.readFileSync(file, "utf8"));
const verdict = verifyChain(entries);
const seconds = ((performance.now() - started) / 1000).toFixed(2);
if (verdict.intact) {
  console.log(`完整 intact: ${verdict.entries} entries, last hash ${verdict.lastHash} (${seconds} s)`);
} else {
  console.log(`已损坏 BROKEN at entry ${verdict.brokenAt}: ${verdict.reason} (${verdict.entries} entries read, ${seconds} s)`);
  process.exit(1);
}
