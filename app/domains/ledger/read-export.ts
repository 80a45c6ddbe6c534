// Reads a ledger export (JSON or CSV, as the fund page offers them) back into chain entries, for
// the verify command and the verify page. No database: anyone can run it on a downloaded file.
import type { ExportedEntry } from "./chain";

/**
 * A donor may call themselves "=HYPERLINK(…)": a spreadsheet would run it. Every CSV cell that starts
 * with ' = + - @, a tab or a carriage return gets one ' in front (spreadsheets show it as text), and
 * the reader takes exactly one ' off a cell that starts with it — reversible, so the hashes still
 * verify from the CSV. (Amounts, dates and hashes never start with any of these.)
 */
export const spreadsheetSafe = (text: string) => (/^['=+\-@\t\r]/.test(text) ? `'${text}` : text);
const unescapeCell = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += c;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.length > 1 || r[0] !== "");
}

export function readExport(text: string): ExportedEntry[] {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    const parsed = JSON.parse(trimmed);
    return Array.isArray(parsed) ? parsed : parsed.entries;
  }
  const [header, ...rows] = parseCsv(trimmed).map((r) => r.map(unescapeCell));
  const col = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`CSV column ${name} is missing`);
    return index;
  };
  const c = Object.fromEntries(["fund_id", "seq", "kind", "memo", "source_type", "source_id", "counterparty", "occurred_at", "account", "debit_fen", "credit_fen", "prev_hash", "hash"].map((n) => [n, col(n)]));
  const entries: ExportedEntry[] = [];
  for (const r of rows) {
    const seq = Number(r[c.seq]);
    let entry = entries[entries.length - 1];
    if (!entry || entry.seq !== seq || entry.hash !== r[c.hash]) {
      entry = {
        fundId: r[c.fund_id],
        seq,
        kind: r[c.kind],
        memo: r[c.memo],
        sourceType: r[c.source_type],
        sourceId: r[c.source_id],
        counterparty: r[c.counterparty],
        occurredAt: r[c.occurred_at],
        lines: [],
        prevHash: r[c.prev_hash],
        hash: r[c.hash],
      };
      entries.push(entry);
    }
    entry.lines.push({ account: r[c.account], debit: r[c.debit_fen], credit: r[c.credit_fen] });
  }
  return entries;
}
