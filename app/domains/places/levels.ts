// 市 → 区 → 街道/镇 → 社区/村 → 网格 → 楼栋/院落: every place sits directly under a place one level up.
import type { PlaceLevel } from "@db/schema";

export const PLACE_LEVELS = ["city", "district", "street", "community", "grid", "building"] as const satisfies readonly PlaceLevel[];

/** The level a child of `level` must have; null for a building (households live under it, not places). */
export function childLevelOf(level: PlaceLevel): PlaceLevel | null {
  return PLACE_LEVELS[PLACE_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level a parent of `level` must have; null for a city, which stands at the top. */
export function parentLevelOf(level: PlaceLevel): PlaceLevel | null {
  const index = PLACE_LEVELS.indexOf(level);
  return index > 0 ? PLACE_LEVELS[index - 1] : null;
}
