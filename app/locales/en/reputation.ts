import type { reputation as zh } from "../zh-CN/reputation";

export const reputation: Record<keyof typeof zh, string> = {
  "reputation.notice.completedTitle": "Project completed",
  "reputation.notice.completedBody": "Every milestone of “{title}” has been paid and the project is complete. Indicators achieved {indicators}%, budget executed {budget}%, submitted on time {onTime}%.",
};
