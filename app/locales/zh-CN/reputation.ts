// 结项评估与机构信誉（公开）。
export const reputation = {
  "reputation.notice.completedTitle": "项目已结项",
  "reputation.notice.completedBody": "项目“{title}”的全部里程碑已付款，项目已结项。指标完成 {indicators}%，预算执行 {budget}%，按时提交 {onTime}%。",
  "reputation.title": "信誉",
  "reputation.none": "尚无结项项目，暂无信誉分。",
  "reputation.score": "信誉分",
  "reputation.outOf": "{score} 分（满分 100）",
  "reputation.projects": "已结项项目",
  "reputation.projectsCount": "{count} 个",
  "reputation.indicators": "指标完成率",
  "reputation.onTime": "里程碑按时提交率",
  "reputation.budget": "预算执行率",
  "reputation.budgetValue": "{executed}%（预算把握 {discipline} 分）",
  "reputation.rating": "居民评价（民事民评）",
  "reputation.ratingValue": "{stars} / 5（共 {count} 条评价）",
  "reputation.noRatings": "暂无评价",
  "reputation.how": "计算方法：指标完成率、按时提交率、预算把握（预算执行率越接近 100% 越高）、居民评价（1 星 0 分，5 星 100 分）分别按 30%、25%、15%、30% 加权平均，得 {weighted} 分；暂无评价时不计评价一项。为免一两个项目就决定信誉，再与中性分 {prior} 按相当于 {priorProjects} 个项目的权重平均，得 {score} 分。",
};
