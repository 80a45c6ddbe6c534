// The job worker: graphile-worker on the same PostgreSQL. Start as many as you like
// (`npm run worker`); jobs are locked so each runs once. See docs/decisions/0004-graphile-worker.md.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Logger, run, type TaskList } from "graphile-worker";
import pg from "pg";
import { notifyTask } from "./tasks/notify";
import { sendInvitationTask } from "./tasks/send-invitation";
import { deliberationReminderTask } from "./tasks/deliberation-reminder";
import { tallyDeliberationTask, tallyOverdueDeliberationsTask } from "./tasks/tally-deliberation";
import { expireDonationsTask, reconcilePaymentsTask } from "./tasks/payments";
import { closeServiceNeedBiddingTask, marketplaceDigestTask } from "./tasks/marketplace-digest";
import { milestoneDeadlinesTask } from "./tasks/milestone-deadlines";
import { forgetRateWindowsTask } from "./tasks/forget-rate-windows";

export const taskList: TaskList = {
  notify: notifyTask,
  send_invitation: sendInvitationTask,
  tally_deliberation: tallyDeliberationTask,
  tally_overdue_deliberations: tallyOverdueDeliberationsTask,
  deliberation_reminder: deliberationReminderTask,
  reconcile_payments: reconcilePaymentsTask,
  expire_donations: expireDonationsTask,
  close_service_need_bidding: closeServiceNeedBiddingTask,
  marketplace_digest: marketplaceDigestTask,
  milestone_deadlines: milestoneDeadlinesTask,
  forget_rate_windows: forgetRateWindowsTask,
};

export interface Worker {
  stop: () => Promise<void>;
}

export async function startWorker(options: { connectionString: string; concurrency?: number; quiet?: boolean }): Promise<Worker> {
  // Our own pool, so that a connection PostgreSQL ends (Ctrl-C reaches the database too, or a
  // failover) is logged and replaced instead of crashing the process with an unhandled 'error'.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: (options.concurrency ?? 4) + 2 });
  const lost = (error: Error) => {
    if (!options.quiet) console.error("[worker] database connection lost:", error.message);
  };
  pool.on("error", lost);
  // A checked-out client's errors reach the client, not the pool: handle them there too.
  pool.on("connect", (client) => client.on("error", lost));
  const runner = await run({
    pgPool: pool,
    concurrency: options.concurrency ?? Number(process.env.WORKER_CONCURRENCY ?? 4),
    taskList,
    // A safety net behind the tally jobs enqueued when a deliberation opens: every few minutes,
    // tally any open deliberation past its deadline (closeAndTally is idempotent).
    // Marketplace: a sweep behind each service need's deadline job; the saved-search digest at 08:00 China time.
    // Payments: expire unpaid checkouts; reconcile yesterday with Stripe at 03:30 China time (19:30 UTC).
    // Milestones: due-date reminders and overdue marking hourly, so a restarted worker catches up within
    // the hour; each reminder is a once-only row, so the frequency never sends one twice.
    // Rate limits: closed windows' counters forgotten daily.
    crontab: ["*/5 * * * * tally_overdue_deliberations ?max=1", "*/10 * * * * expire_donations ?max=1", "30 19 * * * reconcile_payments ?max=1", "*/10 * * * * close_service_need_bidding ?max=1", "0 0 * * * marketplace_digest ?max=1", "7 * * * * milestone_deadlines ?max=1", "17 18 * * * forget_rate_windows ?max=1"].join("\n"),
    noHandleSignals: true, // the process that starts us owns the signals (scripts/start.ts)
    pollInterval: Number(process.env.WORKER_POLL_MS ?? 1000),
    logger: options.quiet ? new Logger(() => () => {}) : undefined,
  });
  return {
    stop: async () => {
      await runner.stop();
      await pool.end();
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is not set");
    process.exit(1);
  }
  const worker = await startWorker({ connectionString: url });
  const stop = () => void worker.stop().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
