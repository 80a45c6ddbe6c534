// /funds/<id>/ledger.csv: the fund's whole ledger as open data, one row per journal line, streamed in
// chain order. Only the journal's own fields: no donor email, phone or household is in it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { CSV_HEADER, entryToCsvRows, ledgerEntries } from "~/domains/ledger/export.server";
import { exportResponse } from "~/domains/funds/export.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return exportResponse(params.fundId ?? "", "csv", async function* (fundId) {
    // A byte-order mark, so that spreadsheet programs read the Chinese as UTF-8.
    yield `\uFEFF${CSV_HEADER.join(",")}\n`;
    for await (const entry of ledgerEntries(fundId)) yield `${entryToCsvRows(entry)}\n`;
  });
}
