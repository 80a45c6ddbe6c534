// Jobs are added in SQL inside the business transaction (graphile-worker's add_job), so a job
// exists exactly when the change that caused it committed. See docs/decisions/0004-graphile-worker.md.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@db/client";

export type JobName = "notify" | "send_invitation" | "tally_deliberation" | "deliberation_reminder" | "reconcile_payments" | "expire_donations" | "close_service_need_bidding" | "marketplace_digest" | "milestone_deadlines";

export async function enqueueJob(tx: DbOrTx, task: JobName, payload: Record<string, unknown>, options: { runAt?: Date; jobKey?: string } = {}) {
  await tx.execute(sql`select graphile_worker.add_job(
    ${task},
    ${JSON.stringify(payload)}::json,
    run_at => ${options.runAt ? options.runAt.toISOString() : null}::timestamptz,
    job_key => ${options.jobKey ?? null}
  )`);
}
