// /funds/<id>/ledger.json: the fund's whole ledger as open data (entries with their lines and
// hashes, in chain order), streamed. Only the journal's own fields: no personal data is in it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { ledgerEntries } from "~/domains/ledger/export.server";
import { exportResponse } from "~/domains/funds/export.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return exportResponse(params.fundId ?? "", "json", async function* (fundId, fundName) {
    yield `{"format":"sanshe-ledger-v1","fund":${JSON.stringify({ id: fundId, name: fundName })},"entries":[`;
    let first = true;
    for await (const entry of ledgerEntries(fundId)) {
      yield `${first ? "" : ","}\n${JSON.stringify(entry)}`;
      first = false;
    }
    yield "\n]}\n";
  });
}
