// PostgreSQL says "23505 unique_violation" with the index's name; drizzle wraps the driver's
// error, so look at the cause too. Lets a use case turn a lost race into a field error.
import { badInput, type FieldErrors } from "~/utils/errors";

export function violatedUniqueIndex(error: unknown): string | null {
  for (let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined, depth = 0; e && depth < 3; depth++) {
    if (e.code === "23505") return e.constraint_name ?? "";
    e = e.cause as typeof e;
  }
  return null;
}

/**
 * Runs a write; if the database refuses it for a duplicate in `index` (two siblings of one name,
 * two households of one door plate), the user sees `fieldErrors` beside the form, not a 500.
 * The index, not a read before the write, is what decides: two admins racing get one row.
 */
export async function refusingDuplicates<T>(index: string, fieldErrors: FieldErrors, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (violatedUniqueIndex(error) === index) throw badInput(fieldErrors);
    throw error;
  }
}
