import { checkDatabase } from "~/domains/health/check-database.server";

export async function loader() {
  const health = await checkDatabase();
  return Response.json(
    { status: health.database === "up" ? "ok" : "unavailable", ...health },
    { status: health.database === "up" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
