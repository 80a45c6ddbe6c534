import type { reminders as zh } from "../zh-CN/reminders";

export const reminders: Record<keyof typeof zh, string> = {
  "reminders.dueSoon.title": "Milestone report due on {dueDate}",
  "reminders.dueSoon.body": "The report on milestone “{milestone}” of “{project}” is due on {dueDate}, in {days} days. Please submit it on time.",
  "reminders.dueTomorrow.title": "Reminder: milestone report due {dueDate}",
  "reminders.dueTomorrow.body": "The report on milestone “{milestone}” of “{project}” is due on {dueDate}. Please submit it now; a late report is marked overdue and the community is told.",
  "reminders.overdue.title": "Milestone overdue: {milestone}",
  "reminders.overdue.body": "The report on milestone “{milestone}” of “{project}” was due on {dueDate} and has not been submitted. The milestone is marked overdue and the community has been told.",
  "reminders.overdueWeek.title": "Milestone {days} days overdue: {milestone}",
  "reminders.overdueWeek.body": "The report on milestone “{milestone}” of “{project}” was due on {dueDate}. It is {days} days overdue and still not submitted.",
};
