// 里程碑报告的到期提醒与逾期通知（由后台任务发送）。
export const reminders = {
  "reminders.dueSoon.title": "里程碑报告将于 {dueDate} 到期",
  "reminders.dueSoon.body": "「{project}」的里程碑「{milestone}」报告截止日期为 {dueDate}，还有 {days} 天，请按时提交。",
  "reminders.dueTomorrow.title": "提醒：里程碑报告 {dueDate} 截止",
  "reminders.dueTomorrow.body": "「{project}」的里程碑「{milestone}」报告截止日期为 {dueDate}，请及时提交；逾期未交将标记为逾期并告知社区。",
  "reminders.overdue.title": "里程碑已逾期：{milestone}",
  "reminders.overdue.body": "「{project}」的里程碑「{milestone}」报告截止日期为 {dueDate}，至今未提交，已标记为逾期，并已告知社区。",
  "reminders.overdueWeek.title": "里程碑已逾期 {days} 天：{milestone}",
  "reminders.overdueWeek.body": "「{project}」的里程碑「{milestone}」报告截止日期为 {dueDate}，已逾期 {days} 天，仍未提交。",
};
