// 结项评估与机构信誉（公开）。
export const reputation = {
  "reputation.notice.completedTitle": "项目已结项",
  "reputation.notice.completedBody": "项目“{title}”的全部里程碑已付款，项目已结项。指标完成 {indicators}%，预算执行 {budget}%，按时提交 {onTime}%。",
};
