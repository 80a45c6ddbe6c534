// The platform as `npm start` runs it, on a fresh embedded PostgreSQL kept apart from the
// developer's own data (tests/.tmp/e2e-pg), with the demo data seeded.
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(`tests/.tmp/e2e-pg-${process.env.PORT ?? "3210"}`);
fs.rmSync(dir, { recursive: true, force: true });
process.env.EMBEDDED_PG_DIR = dir;
process.env.EMBEDDED_PG_PORT = process.env.EMBEDDED_PG_PORT ?? "0";
process.env.WORKER_POLL_MS = "200";
delete process.env.DATABASE_URL;
await import("../../scripts/start");
