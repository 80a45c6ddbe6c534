// A fund's ledger export as a download, streamed piece by piece so a long ledger never sits in memory.
import { fundName } from "./queries.server";

const TYPES = { csv: "text/csv; charset=utf-8", json: "application/json; charset=utf-8" } as const;

export async function exportResponse(fundId: string, format: keyof typeof TYPES, pieces: (fundId: string, fundName: string) => AsyncGenerator<string>): Promise<Response> {
  const fund = await fundName(fundId);
  if (!fund) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const encoder = new TextEncoder();
  const source = pieces(fund.id, fund.name);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await source.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": TYPES[format],
      "content-disposition": `attachment; filename="ledger-${fund.id}-${day}.${format}"`,
      "cache-control": "no-store",
    },
  });
}
