import { inArray } from "drizzle-orm";
import { db } from "@db/client";
import { organisations } from "@db/schema";

/** The organisations an actor may write a proposal for, by name. */
export async function orgNames(ids: string[]) {
  if (!ids.length) return [];
  return db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids));
}
