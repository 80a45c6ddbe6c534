import { violatedUniqueIndex } from "~/domains/places/unique-violation.server";
import { humanCode } from "~/utils/ids";

/**
 * Runs a write with a new join code, and again with another in the rare case that code is taken
 * (31^8 codes: a clash is unlikely, but the unique index, not luck, is what guarantees it).
 */
export async function withFreshJoinCode<T>(write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(humanCode());
    } catch (error) {
      if (attempt < 4 && violatedUniqueIndex(error) === "households_join_code_unique") continue;
      throw error;
    }
  }
}
