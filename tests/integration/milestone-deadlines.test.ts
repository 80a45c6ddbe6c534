import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { runOnce } from "graphile-worker";
import { db } from "@db/client";
import { auditLog, milestoneReminders, milestones, notifications, projects } from "@db/schema";
import { quietLogger } from "@db/migrate";
import { addDays, chinaDateOf, remindersDue, runMilestoneDeadlines } from "~/domains/delivery/milestone-deadlines.server";
import type { NotifyPayload } from "~/domains/notifications/notify.server";
import { taskList } from "../../workers/run";
import { deliveryProject } from "../factories/delivery";

const DUE = "2026-12-10";
/** A moment on a China calendar day, at the hour given (the worker sweeps hourly). */
const on = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, "0")}:07:00+08:00`);

/** The notifications queued for a milestone, by reminder kind (from the payload's idempotency key). */
async function noticesFor(milestoneId: string) {
  const rows = await db().execute<{ payload: NotifyPayload }>(
    sql`select j.payload from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
        where t.identifier = 'notify' and j.payload->>'key' like ${`milestone-reminder:${milestoneId}:%`} order by j.id`,
  );
  return rows.map((r) => ({ ...r.payload, reminder: r.payload.key.split(":")[2] }));
}
const remindersOf = async (milestoneId: string) =>
  (await db().select({ kind: milestoneReminders.kind }).from(milestoneReminders).where(eq(milestoneReminders.milestoneId, milestoneId))).map((r) => r.kind).sort();
const milestoneRow = async (id: string) => (await db().select().from(milestones).where(eq(milestones.id, id)))[0];
const setStatus = (id: string, status: "submitted" | "paid" | "changes_requested") =>
  db()
    .update(milestones)
    .set({ status, firstSubmittedAt: new Date(`${DUE}T10:00:00+08:00`), submittedAt: new Date(`${DUE}T10:00:00+08:00`) })
    .where(eq(milestones.id, id));

describe("which reminders are due on a day", () => {
  it("gives the latest stage only: 7 days before, 1 day before, overdue from the day after, and the current overdue week", () => {
    expect(remindersDue(DUE, "2026-12-02")).toEqual([]);
    expect(remindersDue(DUE, "2026-12-03")).toEqual(["due_in_7_days"]);
    expect(remindersDue(DUE, "2026-12-08")).toEqual(["due_in_7_days"]);
    expect(remindersDue(DUE, "2026-12-09")).toEqual(["due_in_1_day"]);
    expect(remindersDue(DUE, DUE)).toEqual(["due_in_1_day"]);
    expect(remindersDue(DUE, "2026-12-11")).toEqual(["overdue"]);
    expect(remindersDue(DUE, "2026-12-17")).toEqual(["overdue"]);
    expect(remindersDue(DUE, "2026-12-18")).toEqual(["overdue", "overdue_week_1"]);
    expect(remindersDue(DUE, "2026-12-25")).toEqual(["overdue", "overdue_week_2"]);
    expect(remindersDue(DUE, "2026-12-30")).toEqual(["overdue", "overdue_week_2"]);
    expect(remindersDue("2026-12-31", "2027-01-01")).toEqual(["overdue"]);
  });

  it("counts days on China's calendar: 23:30 UTC is already the next day in Shanghai", () => {
    expect(chinaDateOf(new Date("2026-12-02T23:30:00Z"))).toBe("2026-12-03");
    expect(chinaDateOf(new Date("2026-12-03T15:59:00Z"))).toBe("2026-12-03");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("milestone due-date reminders", () => {
  it("reminds the provider's admins 7 days before, once, even if the sweep runs twice that day and again the next", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];

    await runMilestoneDeadlines(on("2026-12-02"));
    expect(await noticesFor(m.id)).toEqual([]);

    await runMilestoneDeadlines(on("2026-12-03", 0));
    await runMilestoneDeadlines(on("2026-12-03", 23));
    await runMilestoneDeadlines(on("2026-12-04"));

    const notices = await noticesFor(m.id);
    expect(notices.map((n) => n.reminder)).toEqual(["due_in_7_days"]);
    expect(notices[0]).toMatchObject({
      key: `milestone-reminder:${m.id}:due_in_7_days`,
      orgAdminsOf: [p.provider.id],
      userIds: [],
      title: "reminders.dueSoon.title",
      params: { dueDate: DUE, days: 7, milestone: m.title, project: p.project.title },
      link: `/projects/${p.project.id}/milestones/${m.id}`,
    });
    expect(await remindersOf(m.id)).toEqual(["due_in_7_days"]);
    expect((await milestoneRow(m.id)).status).toBe("pending");
  });

  it("reminds again 1 day before, once", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    await runMilestoneDeadlines(on("2026-12-03"));
    await runMilestoneDeadlines(on("2026-12-09"));
    await runMilestoneDeadlines(on("2026-12-09", 15));
    await runMilestoneDeadlines(on(DUE, 23));

    const notices = await noticesFor(m.id);
    expect(notices.map((n) => n.reminder)).toEqual(["due_in_7_days", "due_in_1_day"]);
    expect(notices[1]).toMatchObject({ orgAdminsOf: [p.provider.id], title: "reminders.dueTomorrow.title" });
    expect((await milestoneRow(m.id)).status).toBe("pending");
  });

  it("marks the milestone overdue the day after its due date and tells the provider and the community, once", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    await runMilestoneDeadlines(on(DUE, 23));
    expect((await milestoneRow(m.id)).status).toBe("pending");

    const first = await runMilestoneDeadlines(on("2026-12-11", 0));
    await runMilestoneDeadlines(on("2026-12-11", 1));
    await runMilestoneDeadlines(on("2026-12-12"));
    expect(first.markedOverdue).toBeGreaterThanOrEqual(1);

    const row = await milestoneRow(m.id);
    expect(row.status).toBe("overdue");
    expect(row.overdueSince).toBe("2026-12-11");
    const overdue = (await noticesFor(m.id)).filter((n) => n.reminder === "overdue");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ kind: "milestone.overdue", orgAdminsOf: [p.provider.id], userIds: [p.staffUser.id], params: { days: 1 } });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, "milestone.overdue")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, fromState: "pending", toState: "overdue" });
  });

  it("keeps reminding the provider and the community every week while no report comes, each week once", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    for (const day of ["2026-12-11", "2026-12-17", "2026-12-18", "2026-12-18", "2026-12-19", "2026-12-25", "2026-12-25", "2026-12-26"]) await runMilestoneDeadlines(on(day));

    const notices = await noticesFor(m.id);
    expect(notices.map((n) => n.reminder)).toEqual(["overdue", "overdue_week_1", "overdue_week_2"]);
    expect(notices[1]).toMatchObject({ kind: "milestone.overdue_week", orgAdminsOf: [p.provider.id], userIds: [p.staffUser.id], params: { days: 8 } });
    expect(notices[2].params).toMatchObject({ days: 15 });
    expect(await remindersOf(m.id)).toEqual(["overdue", "overdue_week_1", "overdue_week_2"]);
  });

  it("a milestone whose report was submitted is never reminded nor marked overdue", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    await setStatus(m.id, "submitted");
    for (const day of ["2026-12-03", "2026-12-09", "2026-12-11", "2026-12-18", "2027-01-20"]) await runMilestoneDeadlines(on(day));

    expect(await noticesFor(m.id)).toEqual([]);
    expect(await remindersOf(m.id)).toEqual([]);
    const row = await milestoneRow(m.id);
    expect(row.status).toBe("submitted");
    expect(row.overdueSince).toBeNull();
  });

  it("a paid milestone gets nothing", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    await setStatus(m.id, "paid");
    for (const day of ["2026-12-03", "2026-12-09", "2026-12-11", "2026-12-18"]) await runMilestoneDeadlines(on(day));
    expect(await noticesFor(m.id)).toEqual([]);
    expect((await milestoneRow(m.id)).status).toBe("paid");
  });

  it("a report sent back for changes and still not resubmitted after the due date makes the milestone overdue", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    await setStatus(m.id, "changes_requested");
    await runMilestoneDeadlines(on("2026-12-11"));
    expect((await milestoneRow(m.id)).status).toBe("overdue");
    expect((await noticesFor(m.id)).map((n) => n.reminder)).toEqual(["overdue"]);
  });

  it("a project that is no longer active reminds nobody", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    await db().update(projects).set({ status: "terminated" }).where(eq(projects.id, p.project.id));
    await runMilestoneDeadlines(on("2026-12-03"));
    await runMilestoneDeadlines(on("2026-12-11"));
    expect(await noticesFor(p.milestones[0].id)).toEqual([]);
    expect((await milestoneRow(p.milestones[0].id)).status).toBe("pending");
  });

  it("only the milestones that are due are reminded, each on its own date", async () => {
    const p = await deliveryProject({
      milestones: [
        { shareBp: 5_000, dueDate: DUE },
        { shareBp: 5_000, dueDate: "2027-01-10" },
      ],
    });
    await runMilestoneDeadlines(on("2026-12-03"));
    expect((await noticesFor(p.milestones[0].id)).map((n) => n.reminder)).toEqual(["due_in_7_days"]);
    expect(await noticesFor(p.milestones[1].id)).toEqual([]);
  });

  it("a worker down for 20 days catches up with the overdue notice and the current week's reminder, not a burst", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    // The last sweep before the outage was 8 days before the due date; the next is 20 days after it.
    await runMilestoneDeadlines(on("2026-12-02"));
    await runMilestoneDeadlines(on("2026-12-30"));
    await runMilestoneDeadlines(on("2026-12-30", 10));

    expect((await noticesFor(m.id)).map((n) => n.reminder)).toEqual(["overdue", "overdue_week_2"]);
    const row = await milestoneRow(m.id);
    expect(row.status).toBe("overdue");
    expect(row.overdueSince).toBe("2026-12-11");

    // The next week's reminder follows on its own day.
    await runMilestoneDeadlines(on("2026-12-31"));
    await runMilestoneDeadlines(on("2027-01-01"));
    expect((await noticesFor(m.id)).map((n) => n.reminder)).toEqual(["overdue", "overdue_week_2", "overdue_week_3"]);
  });

  it("two workers sweeping at the same moment send each reminder once and mark the milestone once", async () => {
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: DUE }] });
    const m = p.milestones[0];
    await Promise.all([runMilestoneDeadlines(on("2026-12-03")), runMilestoneDeadlines(on("2026-12-03")), runMilestoneDeadlines(on("2026-12-03"))]);
    await Promise.all([runMilestoneDeadlines(on("2026-12-11")), runMilestoneDeadlines(on("2026-12-11")), runMilestoneDeadlines(on("2026-12-11"))]);

    expect((await noticesFor(m.id)).map((n) => n.reminder)).toEqual(["due_in_7_days", "overdue"]);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.entityId, m.id), eq(auditLog.action, "milestone.overdue")));
    expect(audit).toHaveLength(1);
  });
});

describe("the milestone_deadlines worker task", () => {
  it("runs through graphile-worker: the provider's admin finds the 7-day reminder in their notifications, once", async () => {
    const today = chinaDateOf(new Date());
    const p = await deliveryProject({ milestones: [{ shareBp: 10_000, dueDate: addDays(today, 7) }] });
    const runWorkerOnce = () => runOnce({ connectionString: process.env.DATABASE_URL!, taskList, logger: quietLogger });

    await db().execute(sql`select graphile_worker.add_job('milestone_deadlines', '{}'::json)`);
    await runWorkerOnce();
    await db().execute(sql`select graphile_worker.add_job('milestone_deadlines', '{}'::json)`);
    await runWorkerOnce();

    const told = await db().select().from(notifications).where(eq(notifications.userId, p.reporterUser.id));
    expect(told.map((n) => n.kind)).toEqual(["milestone.due_in_7_days"]);
    expect(told[0].title).toBe(`里程碑报告将于 ${addDays(today, 7)} 到期`);
    expect(told[0].link).toBe(`/projects/${p.project.id}/milestones/${p.milestones[0].id}`);
  });
});
