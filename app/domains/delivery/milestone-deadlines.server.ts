// Due dates of milestone reports (issue 6): the provider is reminded 7 days and 1 day before, the
// milestone is marked overdue the day after and the community is told, and both hear again every
// week until a report is submitted. Run hourly by the worker (workers/tasks/milestone-deadlines.ts).
//
// Once only: every reminder is a row of milestone_reminders (primary key milestone + kind) inserted
// with ON CONFLICT DO NOTHING in the transaction that enqueues its notification, so a rerun, a second
// worker sweeping at the same moment or a restart finds the row and sends nothing.
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { milestoneReminders, milestones, projects, type Milestone } from "@db/schema";
import { recordAudit } from "~/domains/audit/record-audit.server";
import { staffOf } from "~/domains/needs/steps.server";
import type { NotifyPayload } from "~/domains/notifications/notify.server";
import type { MessageKey } from "~/locales";
import { enqueueJob } from "~/utils/jobs.server";
import { chinaDateOf } from "~/utils/time";

export { chinaDateOf };

/** Milestones still waiting for a report; submitted, accepted and paid ones are never reminded. */
const WAITING: Milestone["status"][] = ["pending", "changes_requested", "overdue"];
/** Where overdue comes from: a submitted milestone has delivered its report and is not overdue. */
const CAN_GO_OVERDUE: Milestone["status"][] = ["pending", "changes_requested"];

// ---- China dates (a milestone's due date is a calendar day in Asia/Shanghai) -------------------
const DAY_MS = 86_400_000;


/** Whole days from one YYYY-MM-DD to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

// ---- which reminders are due on a day -------------------------------------------------------
export type ReminderKind = "due_in_7_days" | "due_in_1_day" | "overdue" | `overdue_week_${number}`;

/**
 * The reminders that make sense on `today` for a milestone due on `dueDate`, given that it is still
 * waiting for a report. Each stage is a window rather than a single day, so a worker that was down
 * on the day still sends it when it comes back, but only the latest stage is ever returned:
 *   - 7 to 2 days before: "due_in_7_days" (the message gives the date and the days left);
 *   - 1 day before and the due day itself: "due_in_1_day";
 *   - from the day after: "overdue" (the milestone is marked, the community is told), and from 7 days
 *     after that, every 7 days, "overdue_week_<n>" (week 1 on the 8th day past the due date).
 * A worker down for days catches up without a burst: a milestone first swept 20 days past its due
 * date gets "overdue" (the status change and the community's notice, which must be sent once) and
 * "overdue_week_2" (the current week), never week 1 as well; the earlier reminders before the due
 * date are skipped, their moment has passed. The next week's reminder then follows on its own day.
 */
export function remindersDue(dueDate: string, today: string): ReminderKind[] {
  const daysLeft = daysBetween(today, dueDate);
  if (daysLeft > 7) return [];
  if (daysLeft >= 2) return ["due_in_7_days"];
  if (daysLeft >= 0) return ["due_in_1_day"];
  const week = Math.floor((-daysLeft - 1) / 7);
  return week >= 1 ? ["overdue", `overdue_week_${week}`] : ["overdue"];
}

const MESSAGES: Record<"due_in_7_days" | "due_in_1_day" | "overdue" | "overdue_week", { title: MessageKey; body: MessageKey }> = {
  due_in_7_days: { title: "reminders.dueSoon.title", body: "reminders.dueSoon.body" },
  due_in_1_day: { title: "reminders.dueTomorrow.title", body: "reminders.dueTomorrow.body" },
  overdue: { title: "reminders.overdue.title", body: "reminders.overdue.body" },
  overdue_week: { title: "reminders.overdueWeek.title", body: "reminders.overdueWeek.body" },
};

// ---- the sweep ------------------------------------------------------------------------------
interface Candidate {
  id: string;
  projectId: string;
  title: string;
  dueDate: string;
  status: Milestone["status"];
  projectTitle: string;
  providerOrgId: string | null;
  communityId: string;
  sent: string[];
}

export interface DeadlineSweep {
  markedOverdue: number;
  remindersSent: number;
}

/**
 * One pass over every waiting milestone of an active project due within 7 days or already past due:
 * one query (on the index milestones_due (status, due_date)) finds them with the reminders they
 * already had; a transaction is opened only for a milestone with something new to do.
 */
export async function runMilestoneDeadlines(now: Date = new Date()): Promise<DeadlineSweep> {
  const today = chinaDateOf(now);
  const candidates: Candidate[] = await db()
    .select({
      id: milestones.id,
      projectId: milestones.projectId,
      title: milestones.title,
      dueDate: milestones.dueDate,
      status: milestones.status,
      projectTitle: projects.title,
      providerOrgId: projects.providerOrgId,
      communityId: projects.communityId,
      sent: sql<string[]>`coalesce(array_agg(${milestoneReminders.kind}) filter (where ${milestoneReminders.kind} is not null), '{}')`,
    })
    .from(milestones)
    .innerJoin(projects, eq(projects.id, milestones.projectId))
    .leftJoin(milestoneReminders, eq(milestoneReminders.milestoneId, milestones.id))
    .where(and(inArray(milestones.status, WAITING), lte(milestones.dueDate, addDays(today, 7)), eq(projects.status, "active")))
    .groupBy(milestones.id, projects.id);

  const result: DeadlineSweep = { markedOverdue: 0, remindersSent: 0 };
  for (const milestone of candidates) {
    const kinds = remindersDue(milestone.dueDate, today).filter((kind) => !milestone.sent.includes(kind));
    const toMark = daysBetween(today, milestone.dueDate) < 0 && milestone.status !== "overdue";
    if (kinds.length === 0 && !toMark) continue;
    const done = await db().transaction((tx) => settleMilestone(tx, milestone, kinds, today));
    result.markedOverdue += done.marked ? 1 : 0;
    result.remindersSent += done.sent;
  }
  return result;
}

/** Marks and reminds one milestone under its row lock, re-reading its status (it may have just been submitted). */
async function settleMilestone(tx: Tx, milestone: Candidate, kinds: ReminderKind[], today: string) {
  const [current] = await tx
    .select({ status: milestones.status, overdueSince: milestones.overdueSince })
    .from(milestones)
    .where(eq(milestones.id, milestone.id))
    .for("update");
  if (!current || !WAITING.includes(current.status)) return { marked: false, sent: 0 };

  let marked = false;
  if (daysBetween(today, milestone.dueDate) < 0 && CAN_GO_OVERDUE.includes(current.status)) {
    // Overdue since the day after the due date, whenever the sweep noticed; kept if it was overdue before.
    const overdueSince = current.overdueSince ?? addDays(milestone.dueDate, 1);
    await tx.update(milestones).set({ status: "overdue", overdueSince }).where(eq(milestones.id, milestone.id));
    await recordAudit(tx, {
      actorId: null,
      action: "milestone.overdue",
      entityType: "milestone",
      entityId: milestone.id,
      fromState: current.status,
      toState: "overdue",
      detail: { projectId: milestone.projectId, dueDate: milestone.dueDate, overdueSince },
    });
    marked = true;
  }

  let sent = 0;
  for (const kind of kinds) {
    const [claimed] = await tx.insert(milestoneReminders).values({ milestoneId: milestone.id, kind }).onConflictDoNothing().returning({ kind: milestoneReminders.kind });
    if (!claimed) continue; // another sweep sent it
    await enqueueJob(tx, "notify", { ...(await reminderNotice(tx, milestone, kind, today)) });
    sent++;
  }
  return { marked, sent };
}

/** Before the due date the provider is reminded; once overdue the community's staff hear too. */
async function reminderNotice(tx: Tx, milestone: Candidate, kind: ReminderKind, today: string): Promise<NotifyPayload> {
  const pastDue = kind === "overdue" || kind.startsWith("overdue_week_");
  const message = MESSAGES[kind.startsWith("overdue_week_") ? "overdue_week" : (kind as keyof typeof MESSAGES)];
  // A project without a provider (the community delivers it itself) reminds its community instead.
  const community = pastDue || !milestone.providerOrgId ? await staffOf(tx, "community_committee", milestone.communityId) : [];
  return {
    key: `milestone-reminder:${milestone.id}:${kind}`,
    kind: `milestone.${kind.startsWith("overdue_week_") ? "overdue_week" : kind}`,
    title: message.title,
    body: message.body,
    params: {
      project: milestone.projectTitle,
      milestone: milestone.title,
      dueDate: milestone.dueDate,
      days: Math.abs(daysBetween(today, milestone.dueDate)),
    },
    link: `/projects/${milestone.projectId}/milestones/${milestone.id}`,
    orgAdminsOf: milestone.providerOrgId ? [milestone.providerOrgId] : undefined,
    userIds: community,
  };
}
