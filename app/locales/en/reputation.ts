import type { reputation as zh } from "../zh-CN/reputation";

export const reputation: Record<keyof typeof zh, string> = {
  "reputation.notice.completedTitle": "Project completed",
  "reputation.notice.completedBody": "Every milestone of “{title}” has been paid and the project is complete. Indicators achieved {indicators}%, budget executed {budget}%, submitted on time {onTime}%.",
  "reputation.title": "Reputation",
  "reputation.none": "No completed project yet, so no reputation score.",
  "reputation.score": "Reputation score",
  "reputation.outOf": "{score} out of 100",
  "reputation.projects": "Projects completed",
  "reputation.projectsCount": "{count}",
  "reputation.indicators": "Indicators achieved",
  "reputation.onTime": "Milestones submitted on time",
  "reputation.budget": "Budget executed",
  "reputation.budgetValue": "{executed}% (budget discipline {discipline} points)",
  "reputation.rating": "Residents' rating",
  "reputation.ratingValue": "{stars} / 5 ({count} ratings)",
  "reputation.noRatings": "No ratings yet",
  "reputation.how": "How it is computed: indicators achieved, milestones on time, budget discipline (higher the closer budget executed is to 100%) and residents' rating (1 star 0 points, 5 stars 100) are weighted 30%, 25%, 15% and 30%, giving {weighted}; without ratings the rating part is left out. So that one or two projects do not decide a reputation, this is then averaged with a neutral {prior} weighted as {priorProjects} projects, giving {score}.",
};
