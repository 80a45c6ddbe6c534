import type { ServiceNeed } from "@db/schema";

export type ServiceNeedStatus = ServiceNeed["status"];

// draft → published → (the deadline passes) evaluating → selected; withdrawn from any but selected.
const NEXT: Record<ServiceNeedStatus, readonly ServiceNeedStatus[]> = {
  draft: ["published", "withdrawn"],
  published: ["evaluating", "withdrawn"],
  evaluating: ["selected", "withdrawn"],
  selected: [],
  withdrawn: [],
};

export function canMove(from: ServiceNeedStatus, to: ServiceNeedStatus): boolean {
  return NEXT[from].includes(to);
}
