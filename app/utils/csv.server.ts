// A CSV download: UTF-8 (the text carries its own byte-order mark), never cached, named in ASCII.
export function csvDownload(text: string, baseName: string): Response {
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // China's date
  const safe = baseName.replace(/[^A-Za-z0-9_-]/g, "_");
  return new Response(text, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${safe}-${day}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
