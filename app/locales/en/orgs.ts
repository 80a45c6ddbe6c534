import type { orgs as zh } from "../zh-CN/orgs";

export const orgs: Record<keyof typeof zh, string> = {
  "orgs.registerLink": "Register an organisation",
  "orgs.status.pending": "Pending review",
  "orgs.status.verified": "Verified",
  "orgs.status.rejected": "Rejected",
};
