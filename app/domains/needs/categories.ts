import type { NeedCategory } from "@db/schema";

export const NEED_CATEGORIES: readonly NeedCategory[] = [
  "elderly_care",
  "children",
  "disability",
  "correction_rehab",
  "environment",
  "public_facilities",
  "culture_sport",
  "neighbour_disputes",
  "other",
];
