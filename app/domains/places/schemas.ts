// Forms of the places admin; used by the browser and the server alike.
import { z } from "zod";
import { PLACE_LEVELS } from "./levels";

/** The id of a row, as it comes back from a form or a URL. */
export const rowId = (required: string = "errors.required") =>
  z.string({ error: required }).min(1, required).max(64, "errors.invalid");

/** A name on one line: a place's, a door plate. */
export const singleLine = (max: number) =>
  z
    .string({ error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(max, "errors.tooLong")
    .refine((v) => !/[\n\r\t]/.test(v), "errors.invalid");

export const placeName = singleLine(40);

export const addPlaceSchema = z.object({
  // Absent for a city, which has no parent.
  parentId: rowId().optional(),
  level: z.enum(PLACE_LEVELS, { error: "places.levelInvalid" }),
  name: placeName,
});

export const renamePlaceSchema = z.object({
  placeId: rowId(),
  name: placeName,
});

export const movePlaceSchema = z.object({
  placeId: rowId(),
  parentId: rowId("places.chooseParent"),
});

/** The search for a new parent on the move form. */
export const parentSearchSchema = z.object({
  q: z.string().trim().max(40, "errors.tooLong").optional(),
});

export type AddPlaceInput = z.infer<typeof addPlaceSchema>;
export type RenamePlaceInput = z.infer<typeof renamePlaceSchema>;
export type MovePlaceInput = z.infer<typeof movePlaceSchema>;
