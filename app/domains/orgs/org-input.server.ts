// What registering and editing an organisation share: the places must exist and be of the right
// level, the credit code is checked (a wrong check character is flagged, never refused), and a
// code another organisation holds is refused beside its field.
import { eq, inArray } from "drizzle-orm";
import { db, type Tx } from "@db/client";
import { organisations, orgServiceAreas, places, type PlaceLevel } from "@db/schema";
import { badInput, type FieldErrors } from "~/utils/errors";
import { checkCreditCode } from "./credit-code";
import type { OrgInput } from "./schemas";

/** Levels an organisation can serve or govern; a community committee governs one community. */
const SERVED_LEVELS: readonly PlaceLevel[] = ["district", "street", "community"];

export async function assertPlacesFit(input: OrgInput) {
  const ids = [input.placeId, ...input.serviceAreaIds, ...(input.filedWithId ? [input.filedWithId] : [])];
  const rows = await db().select({ id: places.id, level: places.level }).from(places).where(inArray(places.id, ids));
  const level = new Map(rows.map((r) => [r.id, r.level]));
  const errors: FieldErrors = {};
  const placeLevel = level.get(input.placeId);
  if (!placeLevel || !SERVED_LEVELS.includes(placeLevel)) errors.placeId = "orgs.placeInvalid";
  else if (input.kind === "community_committee" && placeLevel !== "community") errors.placeId = "orgs.committeeNeedsCommunity";
  if (input.serviceAreaIds.some((id) => !SERVED_LEVELS.includes(level.get(id) as PlaceLevel))) errors.serviceAreaIds = "orgs.placeInvalid";
  if (input.filedWithId && level.get(input.filedWithId) !== "street") errors.filedWithId = "orgs.filedWithNotStreet";
  if (Object.keys(errors).length) throw badInput(errors);
}

/** The organisation's own columns from the form; creditCodeChecks is false for a code that needs a person to look. */
export function orgColumns(input: OrgInput) {
  return {
    name: input.name,
    kind: input.kind,
    registration: input.registration,
    creditCode: input.creditCode,
    creditCodeChecks: input.creditCode ? checkCreditCode(input.creditCode).kind === "valid" : null,
    filingNumber: input.filingNumber,
    filedWithId: input.filedWithId,
    placeId: input.placeId,
    description: input.description,
    contactPhone: input.contactPhone,
  };
}

export async function replaceServiceAreas(tx: Tx, orgId: string, placeIds: string[]) {
  await tx.delete(orgServiceAreas).where(eq(orgServiceAreas.orgId, orgId));
  if (placeIds.length) await tx.insert(orgServiceAreas).values(placeIds.map((placeId) => ({ orgId, placeId })));
}

/** Runs a write; a credit code that another organisation already holds becomes a message beside the field. */
export async function withUniqueCreditCode<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "organisations_credit_code")) throw badInput({ creditCode: "orgs.creditCodeTaken" });
    throw error;
  }
}

/** Postgres' unique_violation on the named index (drizzle wraps the driver's error in `cause`). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e = error as { code?: string; constraint_name?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505" && e.constraint_name === constraint) return true;
  }
  return false;
}

/** The organisation's row, locked until the transaction ends, so that two decisions cannot cross. */
export async function lockOrg(tx: Tx, orgId: string) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, orgId)).for("update");
  return org ?? null;
}
