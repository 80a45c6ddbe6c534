// `npm start`: PostgreSQL (embedded unless DATABASE_URL is set), migrations, demo data once,
// then the web server and the job worker in this process. Ctrl-C stops all of it.
//   --web-only / --worker-only   run one half (for scaling out: many web processes, more workers)
//   --no-seed                    skip the demo data
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Server } from "node:http";
import { startEmbeddedPostgres, ensureDatabase, freePort, type EmbeddedCluster } from "../db/embedded";
import { migrateDatabase } from "../db/migrate";
import type { Worker } from "../workers/run";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = new Set(process.argv.slice(2));
const runWeb = !args.has("--worker-only");
const runWorker = !args.has("--web-only");

let cluster: EmbeddedCluster | undefined;
let server: Server | undefined;
let worker: Worker | undefined;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\n正在停止… / stopping…");
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server?.closeAllConnections?.();
  await worker?.stop().catch(() => {});
  const { closeDb } = await import("../db/client");
  await closeDb().catch(() => {});
  await cluster?.stop().catch(() => {});
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main() {
  if (!process.env.DATABASE_URL) {
    // The embedded cluster keeps its data in .data/postgres (ignored by git); a second start reuses it.
    const preferred = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
    const port = preferred && (await isFree(preferred)) ? preferred : await freePort();
    const dataDir = process.env.EMBEDDED_PG_DIR ?? path.join(root, ".data/postgres");
    cluster = await startEmbeddedPostgres({ dataDir, port, quiet: true });
    await ensureDatabase(cluster.url("postgres"), "sanshe");
    process.env.DATABASE_URL = cluster.url("sanshe");
    console.log(`PostgreSQL (embedded) on 127.0.0.1:${cluster.port}, data in ${path.relative(root, dataDir)}`);
  } else {
    console.log("PostgreSQL from DATABASE_URL");
  }
  const url = process.env.DATABASE_URL;
  await migrateDatabase(url);

  if (!args.has("--no-seed") && process.env.SEED_DEMO !== "false") {
    const { seedDemo } = await import("../seed/index");
    const result = await seedDemo();
    console.log(result === "seeded" ? "Demo data seeded" : "Demo data already present: kept as it is");
  }

  if (runWorker) {
    const { startWorker } = await import("../workers/run");
    worker = await startWorker({ connectionString: url, quiet: process.env.WORKER_LOG !== "true" });
    console.log("Job worker started");
  }
  if (runWeb) {
    const { startWebServer } = await import("../server");
    const port = Number(process.env.PORT ?? 3000);
    server = await startWebServer({ port, host: process.env.HOST });
    const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import("../seed/demo-accounts");
    console.log(`\n三社联动平台 is running: http://localhost:${port}\n`);
    if (process.env.NODE_ENV !== "production") {
      console.log(`Demo logins (password for all: ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(28)} ${a.login.padEnd(24)} ${a.name}`);
    }
    console.log("\nCtrl-C stops the web server, the worker and the embedded PostgreSQL.");
  }
}

async function isFree(port: number): Promise<boolean> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

main().catch(async (error) => {
  console.error(error);
  await shutdown(1);
});
