// Forms of households (户): staff add and manage them, residents join one with a code.
import { z } from "zod";
import { contact } from "~/domains/accounts/schemas";
import { rowId, singleLine } from "~/domains/places/schemas";

/** The door plate, e.g. "2单元301" or "3号院东厢房". */
export const householdLabel = singleLine(30);

export const addHouseholdSchema = z.object({
  buildingId: rowId("households.chooseBuilding"),
  label: householdLabel,
});

export const linkResidentSchema = z.object({
  contact,
  // Ticked by staff who mean to move a resident over from another household of the community.
  move: z
    .literal("on")
    .optional()
    .transform((v) => v === "on"),
});

/** What linking did, told to staff after the redirect (never whose number it was). */
export const LINK_OUTCOMES = ["requested", "confirmed", "moved"] as const;
export type LinkOutcome = (typeof LINK_OUTCOMES)[number];

export const memberSchema = z.object({ userId: rowId() });
/** A pending request to join a household: answered by the resident, withdrawn by staff. */
export const linkRequestSchema = z.object({ requestId: rowId() });

/**
 * A join code as staff read it out: spaces, dashes and lower case do not matter; the letters
 * O, I and L, which codes never contain, are read as the digits 0 and 1 people meant.
 */
export function normaliseJoinCode(raw: string): string {
  return raw
    .replace(/[\s-]/g, "")
    .toUpperCase()
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
}

export const joinHouseholdSchema = z.object({
  code: z
    .string({ error: "errors.required" })
    .min(1, "errors.required")
    .transform(normaliseJoinCode)
    .pipe(z.string().regex(/^[0-9A-Z]{6,12}$/, "households.codeMalformed")),
});

export type AddHouseholdInput = z.infer<typeof addHouseholdSchema>;
export type LinkResidentInput = z.infer<typeof linkResidentSchema>;
export type JoinHouseholdInput = z.infer<typeof joinHouseholdSchema>;
