// The job worker: graphile-worker on the same PostgreSQL. Start as many as you like
// (`npm run worker`); jobs are locked so each runs once. See docs/decisions/0004-graphile-worker.md.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Logger, run, type Runner, type TaskList } from "graphile-worker";
import { notifyTask } from "./tasks/notify";

export const taskList: TaskList = {
  notify: notifyTask,
};

export async function startWorker(options: { connectionString: string; concurrency?: number; quiet?: boolean }): Promise<Runner> {
  return run({
    connectionString: options.connectionString,
    concurrency: options.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 4),
    taskList,
    noHandleSignals: true, // the process that starts us owns the signals (scripts/start.ts)
    pollInterval: Number(process.env.WORKER_POLL_MS ?? 1000),
    logger: options.quiet ? new Logger(() => () => {}) : undefined,
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  const runner = await startWorker({ connectionString: url });
  const stop = () => void runner.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
